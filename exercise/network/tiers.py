"""Agencies by tier of government and by ownership: counts for the terminal and the report, and
the rank each tier takes in a drawing (central at one end, community at the other, agencies
that are not a tier of government after them).

Tiers follow Taiwan's Disaster Prevention and Protection Act (central, special municipality or
county/city, township/town/city/district) with villages as `community`; a US pack maps federal,
state, county and municipal to national, regional, county and township. `local` (an older
pack's county-or-township) sits between county and township until the pack says which.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from exercise.scenario.models import AgencyLevel, Ownership, ScenarioPack

GOVERNMENT_TIERS = (AgencyLevel.national, AgencyLevel.regional, AgencyLevel.county,
                    AgencyLevel.local, AgencyLevel.township, AgencyLevel.community)
OTHER = (AgencyLevel.private, AgencyLevel.ngo, AgencyLevel.support)
TIER_ORDER = (*GOVERNMENT_TIERS, *OTHER)
RANK = {level.value: rank for rank, level in enumerate(TIER_ORDER)}


@dataclass(frozen=True)
class TierCounts:
    tiers: tuple[tuple[str, int], ...]  # government tiers, central first, only those present
    other: tuple[tuple[str, int], ...]  # private, ngo, support
    ownership: tuple[tuple[str, int], ...]
    local: int  # agencies still written `local`
    links_within: int  # planned (undirected) ties between agencies of one tier
    links_between: int


def tier_counts(pack: ScenarioPack) -> TierCounts:
    levels = Counter(agency.level for agency in pack.agencies)
    owners = Counter(agency.owner for agency in pack.agencies)
    level_of = {agency.id: agency.level for agency in pack.agencies}
    ties = {frozenset((link.from_, link.to)) for link in pack.links if link.from_ != link.to}
    within = sum(1 for tie in ties if len({level_of.get(a) for a in tie}) == 1)
    return TierCounts(
        tuple((level.value, levels[level]) for level in GOVERNMENT_TIERS if levels[level]),
        tuple((level.value, levels[level]) for level in OTHER if levels[level]),
        tuple((owner.value, owners[owner]) for owner in Ownership if owners[owner]),
        levels[AgencyLevel.local], within, len(ties) - within)


def tier_ranks(graph: nx.DiGraph) -> list[list[str]]:
    """The graph's agencies grouped by tier, in tier order (for `rank=same` in a drawing);
    nodes without a known level are left out."""
    groups: dict[int, list[str]] = {}
    for node, data in graph.nodes(data=True):
        rank = RANK.get(str(data.get("level", "")))
        if rank is not None:
            groups.setdefault(rank, []).append(node)
    return [sorted(groups[rank]) for rank in sorted(groups)]

"""What-if: lose one agency, one kind of channel, or one infrastructure system in one area.

A failure is applied at minute `at` and judged `after` minutes later (so that batteries behind
it have time to run out), against the same world without it at the same minute. Pairs that
involve a lost agency itself are not counted: what matters is whom else it cuts off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from exercise.network.cascade import Cascade, warning_cascade
from exercise.network.graph import agency_label, planned_graph, status_graph, usable_graph
from exercise.network.paths import Dependency, Hop, adjacency, channel_hops, diverse_routes
from exercise.network.phrases import Lang, kind_name, words
from exercise.network.world import WorldState
from exercise.scenario.models import AgencyEffect, InfrastructureEffect, Status
from exercise.scenario.text import LANGUAGES, localize

DEFAULT_AFTER = 360  # six hours: longer than mobile batteries, shorter than hardened sites


@dataclass(frozen=True)
class Failure:
    kind: Literal["agency", "channel_kind", "system"]
    target: str
    area: str | None = None

    def label(self, world: WorldState, lang: Lang = "en") -> str:
        pack = world.pack
        t = words(lang)
        if self.kind == "agency":
            return t("engine.whatif.lose_agency", name=agency_label(pack, self.target, t))
        if self.kind == "channel_kind":
            return t("engine.whatif.kind_fails", kind=kind_name(self.target, t))
        system = localize(pack.system(self.target).name, t.lang)
        if self.area is None:
            return t("engine.whatif.system_down_everywhere", system=system)
        area = localize(next(a.name for a in pack.areas if a.id == self.area), t.lang)
        return t("engine.whatif.system_down_in", system=system, area=area)


@dataclass(frozen=True)
class WhatIf:
    failure: Failure
    label: str
    newly_unreachable: tuple[str, ...]  # from the source
    slower: tuple[tuple[str, float, float], ...]  # agency, delay before, delay after (minutes)
    redundancy_lost: tuple[tuple[str, int, int], ...]  # agency, diverse routes before, after
    lost_pairs: int  # ordered pairs of other agencies that can no longer reach each other

    @property
    def damage(self) -> tuple[int, int, float, int]:
        growth = sum(after - before for _, before, after in self.slower if after < math.inf)
        return (len(self.newly_unreachable), self.lost_pairs, growth, len(self.redundancy_lost))


class _Baseline:
    """What the world looks like without the failure, computed once per comparison series."""

    def __init__(self, world: WorldState, source: str | None, at: int, after: int) -> None:
        self.world, self.source, self.at, self.moment = world, source, at, at + after
        self.planned = planned_graph(world.pack)
        self.status = status_graph(world, self.moment, planned=self.planned)
        self.reach = _reach(usable_graph(self.status))
        self.cascade = warning_cascade(world, source, self.moment) if source else None
        self.hops = channel_hops(world.pack, self.status)
        self.hop_graph = nx.DiGraph((a, b) for a, b, _ in self.hops)
        self.diversity = _diversity(self.hops, self.status, source) if source else {}


def _reach(graph: nx.DiGraph) -> dict[str, set[str]]:
    return {node: nx.descendants(graph, node) for node in graph}


def _diversity(
    hops: dict[Hop, frozenset[Dependency]], status: nx.DiGraph, source: str, only: set[str] | None = None
) -> dict[str, int]:
    if source not in status:
        return {}
    targets = [t for t in status if t != source and (only is None or t in only)]
    out = adjacency(hops)
    return {t: len(diverse_routes(hops, source, t, out)) for t in targets}


def _downstream(base: _Baseline, removed: set[tuple[str, str, str]]) -> set[str]:
    """Agencies a lost hop led to, directly or further on: only their routes can change."""
    found: set[str] = set()
    for _, end, _ in removed:
        if end not in found:
            found |= {end} | nx.descendants(base.hop_graph, end)
    return found


def what_if(
    world: WorldState,
    failure: Failure,
    at: int,
    source: str | None = None,
    after: int = DEFAULT_AFTER,
    lang: Lang = "en",
    baseline: _Baseline | None = None,
) -> WhatIf:
    base = baseline or _Baseline(world, source, at, after)
    failed, kinds, lost = _apply(world, failure, at)
    status = status_graph(failed, base.moment, without_kinds=kinds, planned=base.planned)
    reach = _reach(usable_graph(status))
    lost_pairs = sum(
        1
        for a, before in base.reach.items()
        if a not in lost
        for b in before - reach.get(a, set())
        if b not in lost
    )
    unreachable: tuple[str, ...] = ()
    slower: list[tuple[str, float, float]] = []
    redundancy: list[tuple[str, int, int]] = []
    if source and base.cascade is not None:
        cascade: Cascade = warning_cascade(failed, source, base.moment, lang, kinds, lost)
        unreachable = tuple(sorted(base.cascade.reached() - cascade.reached() - lost))
        for agency_id in sorted(base.cascade.reached() - lost - set(unreachable)):
            before, now = base.cascade.delay(agency_id), cascade.delay(agency_id)
            if now > before:
                slower.append((agency_id, before, now))
        hops = channel_hops(failed.pack, status)
        affected = _downstream(base, set(base.hops) - set(hops))
        after_diversity = _diversity(hops, status, source, affected) if source in status else {}
        for agency_id, count in base.diversity.items():
            remaining = after_diversity.get(agency_id, count)
            if agency_id not in lost and remaining < count:
                redundancy.append((agency_id, count, remaining))
    return WhatIf(
        failure, failure.label(world, lang), unreachable, tuple(slower), tuple(redundancy), lost_pairs
    )


def _apply(world: WorldState, failure: Failure, at: int) -> tuple[WorldState, set[str], set[str]]:
    if failure.kind == "agency":
        effect = AgencyEffect(agency=failure.target, status=Status.down, reason=_WHAT_IF)
        return world.apply(effect, at, source="what-if"), set(), {failure.target}
    if failure.kind == "channel_kind":
        return world, {failure.target}, set()
    system_effect = InfrastructureEffect(system=failure.target, area=failure.area, status=Status.down)
    return world.apply(system_effect, at, source="what-if"), set(), set()


_WHAT_IF = {lang: words(lang)("engine.whatif.reason") for lang in LANGUAGES}  # why a lost agency is down


def candidate_failures(world: WorldState) -> list[Failure]:
    """Every agency, every channel kind in the contact plan, every system in every area."""
    pack = world.pack
    kinds = sorted({pack.channel(c).kind.value for link in pack.links for c in link.channels})
    found = [Failure("agency", agency.id) for agency in pack.agencies]
    found += [Failure("channel_kind", kind) for kind in kinds]
    found += [Failure("system", s.id, area.id) for s in pack.infrastructure for area in pack.areas]
    return found


def most_damaging(
    world: WorldState,
    at: int,
    source: str | None = None,
    after: int = DEFAULT_AFTER,
    lang: Lang = "en",
    top: int = 10,
) -> list[WhatIf]:
    """Single failures ranked by damage: agencies cut off from the source, then pairs cut off,
    then minutes added to the cascade, then redundancy lost. Harmless failures are left out."""
    base = _Baseline(world, source, at, after)
    results = []
    for failure in candidate_failures(world):
        if failure.kind == "agency" and failure.target == source:
            continue
        result = what_if(world, failure, at, source, after, lang, base)
        if any(result.damage):
            results.append(result)
    results = _narrowest(world, results)
    results.sort(key=lambda r: (*(-x for x in r.damage), r.label))
    return results[:top]


def _narrowest(world: WorldState, results: list[WhatIf]) -> list[WhatIf]:
    """Of the same system failing in nested areas with the same effect, keep the smallest area."""
    depth = {a.id: len(world._index.ancestors[a.id]) for a in world.pack.areas}  # noqa: SLF001
    kept: dict[tuple[object, ...], WhatIf] = {}
    for result in results:
        failure = result.failure
        if failure.kind != "system":
            kept[(failure,)] = result
            continue
        key = (failure.target, result.damage, result.newly_unreachable, result.redundancy_lost)
        known = kept.get(key)
        if known is None or depth.get(failure.area or "", 0) > depth.get(known.failure.area or "", 0):
            kept[key] = result
    return list(kept.values())

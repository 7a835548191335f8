"""Where a contact plan is fragile, in plain language, for the pack preview.

- brokers: an agency whose loss cuts others off ("the County EOC is the only bridge between the
  CEOC and 9 township offices");
- infrastructure: a system failing in one area leaves an agency with a single way in ("if the
  mobile network goes down in Upper valley, the Upper Village chief can be reached only through
  the Township EOC's radio") or none at all.
The hub is the agency that reaches most others in the plan (then the biggest broker); failures
are judged `after` minutes later, so batteries have run out.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from exercise.network.dominators import MustHops
from exercise.network.graph import agency_label, planned_graph, status_graph
from exercise.network.metrics import undirected
from exercise.network.paths import Hop, adjacency, channel_hops
from exercise.network.phrases import EngineWords, Lang, words
from exercise.network.seats import seated_pairs
from exercise.network.whatif import DEFAULT_AFTER
from exercise.network.world import WorldState
from exercise.scenario.models import InfrastructureEffect, ScenarioPack, Status
from exercise.scenario.text import LocalText, localize

MAX_FINDINGS = 12


@dataclass(frozen=True)
class Finding:
    kind: str  # "broker", "single_route", "cut_off"
    text: str
    agencies: tuple[str, ...]


def hub_of(plan: nx.DiGraph) -> str | None:
    if plan.number_of_nodes() == 0:
        return None
    between = nx.betweenness_centrality(plan)
    return max(sorted(plan), key=lambda n: (len(nx.descendants(plan, n)), between[n]))


def _names(pack: ScenarioPack, agencies: list[str], t: EngineWords, limit: int = 4) -> str:
    names = [agency_label(pack, a, t) for a in sorted(agencies)[:limit]]
    more = len(agencies) - limit
    if more > 0:
        names.append(t("engine.more", count=more))
    return t.listing(names)


def broker_findings(pack: ScenarioPack, plan: nx.DiGraph, hub: str | None, lang: Lang) -> list[Finding]:
    t = words(lang)
    simple = undirected(plan)
    found = []
    for point in sorted(nx.articulation_points(simple)):
        rest = simple.copy()
        rest.remove_node(point)
        parts = sorted(nx.connected_components(rest), key=lambda c: (-len(c), sorted(c)))
        main = next((p for p in parts if hub in p), parts[0])
        cut = sorted(set().union(*(p for p in parts if p is not main)))
        other = agency_label(pack, hub, t) if hub is not None and hub in main and hub != point else None
        values = {"name": agency_label(pack, point, t), "count": len(cut), "names": _names(pack, cut, t)}
        if other:
            text = t("engine.finding.broker_between", other=other, **values)
        else:
            text = t("engine.finding.broker", **values)
        found.append(Finding("broker", text, (point, *cut)))
    found.sort(key=lambda f: -len(f.agencies))
    return found


def infrastructure_findings(
    world: WorldState, plan: nx.DiGraph, hub: str, lang: Lang, at: int, after: int,
    limit: int | None = None,
) -> list[Finding]:
    """One system failing in one area at a time (what channels need first, deepest areas
    first); each failure re-judges only the hops whose channels depend on that system there
    (see `_Hops`), and the hops every route from the hub takes come from one dominator tree
    per failure. Stops once `limit` findings are found (the same first findings)."""
    if limit is not None and limit <= 0:
        return []
    pack = world.pack
    code = words(lang).lang
    moment = at + after
    plan_hops = _Hops(world, plan, moment)
    baseline_hops = plan_hops.working
    baseline_out = adjacency(baseline_hops)
    baseline = MustHops(baseline_hops, hub)
    baseline_must: dict[str, frozenset[Hop]] = {}
    used = {s for c in pack.channels for s in c.depends_on}
    systems = [s for s in pack.infrastructure if s.id in used]  # what channels need, first
    systems += [s for s in pack.infrastructure if s.id not in used and _feeds(pack, s.id, used)]
    depth = {a.id: len(world._index.ancestors[a.id]) for a in pack.areas}  # noqa: SLF001
    agency_areas = {a.area for a in pack.agencies}
    areas = sorted(
        (a for a in pack.areas if any(a.id in world._index.ancestors[x] for x in agency_areas)),  # noqa: SLF001
        key=lambda a: -depth[a.id],
    )
    said: set[tuple[str, str]] = set()
    found: list[Finding] = []
    for system in systems:
        for area in areas:
            effect = InfrastructureEffect(system=system.id, area=area.id, status=Status.down)
            failed = world.apply(effect, at, source="what-if", lang=code)
            hops = plan_hops.after(failed, system.id, area.id)
            removed = baseline_hops - hops
            if not removed:
                continue
            # only agencies downstream of a lost hop can have lost a way in
            affected = _downstream(baseline_out, {end for _, end, _ in removed})
            now = MustHops(hops, hub)
            for target in sorted(t for t in affected if t != hub and baseline.reaches(t)):
                if target not in baseline_must:
                    baseline_must[target] = baseline.of(target)
                reachable = now.reaches(target)
                must = now.of(target) if reachable else frozenset()
                claim = _claim(pack, lang, system.name, area.name, hub, target, must, reachable,
                               baseline_must[target])
                if claim is None or (target, claim[0]) in said:
                    continue
                said.add((target, claim[0]))
                found.append(Finding(claim[0], claim[1], (target,)))
                if limit is not None and len(found) >= limit:
                    return found
    return found


class _Hops:
    """Every planned (from, to, channel) with whether it works at `moment`, and what one failure
    changes. An infrastructure effect changes only the health of its own system and of the
    systems that depend on it, directly or not, in the areas it covers; agencies keep theirs.
    So a hop can change only when both its agencies work, its channel depends on one of those
    systems and one of its ends lies in a covered area; then, as in `WorldState.channel_health`,
    it works when no system it depends on is down in the area of either end."""

    def __init__(self, world: WorldState, plan: nx.DiGraph, moment: int) -> None:
        pack = world.pack
        self.moment = moment
        self.ancestors = world._index.ancestors  # noqa: SLF001
        self.working = set(channel_hops(pack, status_graph(world, moment, planned=plan)))
        area = {agency.id: agency.area for agency in pack.agencies}
        works = {agency.id: world.agency_health(agency.id, moment).usable for agency in pack.agencies}
        depends = {channel.id: [*channel.depends_on, *([channel.charging.system] if channel.charging else [])]
                   for channel in pack.channels}
        # hops whose health follows from their channel and the areas of their two ends
        self.groups: dict[tuple[str, str, str], list[Hop]] = {}
        seats = seated_pairs(pack)  # in person in the EOC room: no failure of a system changes them
        holders: dict[str, set[str]] = {}
        for holding in pack.resources:
            if holding.quantity > 0:
                holders.setdefault(holding.type, set()).add(holding.agency)
        terminals = {c.id: c.terminals for c in pack.channels if c.terminals is not None}

        def held(channel_id: str, a: str, b: str) -> bool:  # no terminal, no channel, whatever fails
            return channel_id not in terminals or {a, b} <= holders.get(terminals[channel_id], set())

        for a, b, data in plan.edges(data=True):
            if works[a] and works[b] and (a, b) not in seats:
                for channel_id in data["channels"]:
                    if depends[channel_id] and held(channel_id, a, b):
                        self.groups.setdefault((channel_id, area[a], area[b]), []).append((a, b, channel_id))
        self.depends = depends
        self.dependents = {s.id: _dependents(pack, s.id) for s in pack.infrastructure}

    def after(self, failed: WorldState, system: str, area: str) -> set[Hop]:
        touched = self.dependents[system]
        ancestors = self.ancestors
        hops = set(self.working)
        for (channel_id, area_a, area_b), group in self.groups.items():
            depends = self.depends[channel_id]
            if touched.isdisjoint(depends) or (area not in ancestors[area_a] and area not in ancestors[area_b]):
                continue
            a, b, _ = group[0]  # every hop of the group shares its channel's health
            if failed.channel_health(channel_id, a, b, self.moment).usable:
                hops.update(group)
            else:
                hops.difference_update(group)
        return hops


def _dependents(pack: ScenarioPack, system_id: str) -> set[str]:
    """The system and every system that depends on it, directly or not."""
    found = {system_id}
    growing = True
    while growing:
        more = {s.id for s in pack.infrastructure
                if s.id not in found and any(d.system in found for d in s.depends_on)}
        found |= more
        growing = bool(more)
    return found


def _downstream(out: dict[str, list[Hop]], ends: set[str]) -> set[str]:
    """The agencies in `ends` and every agency reachable from them."""
    found = set(ends)
    stack = list(ends)
    while stack:
        for hop in out.get(stack.pop(), ()):
            if hop[1] not in found:
                found.add(hop[1])
                stack.append(hop[1])
    return found


def _feeds(pack: ScenarioPack, system_id: str, used: set[str]) -> bool:
    return any(d.system == system_id for s in pack.infrastructure if s.id in used for d in s.depends_on)


def _claim(pack: ScenarioPack, lang: Lang, system_name: LocalText, area_name: LocalText, hub: str, target: str,
           must: frozenset[Hop], reachable: bool, before: frozenset[Hop]) -> tuple[str, str] | None:
    t = words(lang)
    system = _common_noun(localize(system_name, t.lang))
    area = localize(area_name, t.lang)
    who = agency_label(pack, target, t)
    if not reachable:
        source = agency_label(pack, hub, t)
        return "cut_off", t("engine.finding.cut_off", system=system, area=area, who=who, source=source)
    last = [hop for hop in must if hop[1] == target]
    if not last or must <= before:
        return None
    via, _, channel_id = last[0]
    channel = _common_noun(localize(pack.channel(channel_id).name or channel_id, t.lang))
    relay = agency_label(pack, via, t)
    return "single_route", t("engine.finding.single_route", system=system, area=area, who=who,
                             relay=relay, channel=channel)


def _common_noun(name: str) -> str:
    """'Mobile network' -> 'mobile network', but 'LINE group' stays as it is."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def fragility_findings(
    pack: ScenarioPack, lang: Lang = "en", world: WorldState | None = None,
    at: int = 0, after: int = DEFAULT_AFTER, hub: str | None = None,
) -> list[Finding]:
    world = world or WorldState.initial(pack)
    plan = planned_graph(pack, words(lang).lang)
    hub = hub or hub_of(plan)
    found = broker_findings(pack, plan, hub, lang)
    if hub is not None:
        found += infrastructure_findings(world, plan, hub, lang, at, after, MAX_FINDINGS - len(found))
    return found[:MAX_FINDINGS]

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

from exercise.network.graph import agency_label, planned_graph, status_graph
from exercise.network.metrics import undirected
from exercise.network.paths import channel_hops, must_hops
from exercise.network.whatif import DEFAULT_AFTER
from exercise.network.world import WorldState
from exercise.scenario.models import InfrastructureEffect, ScenarioPack, Status
from exercise.scenario.text import localize

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


def _names(pack: ScenarioPack, agencies: list[str], lang: str, limit: int = 4) -> str:
    names = [agency_label(pack, a, lang) for a in sorted(agencies)[:limit]]
    more = len(agencies) - limit
    if more > 0:
        names.append(f"另 {more} 個" if lang == "zh-TW" else f"{more} more")
    return "、".join(names) if lang == "zh-TW" else ", ".join(names)


def broker_findings(pack: ScenarioPack, plan: nx.DiGraph, hub: str | None, lang: str) -> list[Finding]:
    simple = undirected(plan)
    found = []
    for point in sorted(nx.articulation_points(simple)):
        rest = simple.copy()
        rest.remove_node(point)
        parts = sorted(nx.connected_components(rest), key=lambda c: (-len(c), sorted(c)))
        main = next((p for p in parts if hub in p), parts[0])
        cut = sorted(set().union(*(p for p in parts if p is not main)))
        other = agency_label(pack, hub, lang) if hub in main and hub != point else None
        name = agency_label(pack, point, lang)
        if lang == "zh-TW":
            side = f"{other}與" if other else ""
            text = f"{name}是{side}{len(cut)} 個機關（{_names(pack, cut, lang)}）之間唯一的橋梁"
        else:
            side = f"between {other} and" if other else "to"
            text = f"{name} is the only bridge {side} {len(cut)} agencies ({_names(pack, cut, lang)})"
        found.append(Finding("broker", text, (point, *cut)))
    found.sort(key=lambda f: -len(f.agencies))
    return found


def infrastructure_findings(
    world: WorldState, plan: nx.DiGraph, hub: str, lang: str, at: int, after: int
) -> list[Finding]:
    pack = world.pack
    moment = at + after
    baseline_hops = channel_hops(pack, status_graph(world, moment, planned=plan))
    baseline_graph = _hop_graph(baseline_hops)
    baseline_reach = _reach_from(baseline_graph, hub)
    baseline_must: dict[str, set[tuple[str, str, str]]] = {}
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
    found = []
    for system in systems:
        for area in areas:
            effect = InfrastructureEffect(system=system.id, area=area.id, status=Status.down)
            failed = world.apply(effect, at, source="what-if", lang=lang)
            hops = channel_hops(pack, status_graph(failed, moment, planned=plan))
            removed = set(baseline_hops) - set(hops)
            if not removed:
                continue
            # only agencies downstream of a lost hop can have lost a way in
            affected: set[str] = set()
            for _, end, _ in removed:
                affected |= {end} | nx.descendants(baseline_graph, end)
            reach = _reach_from(_hop_graph(hops), hub)
            for target in sorted((affected & baseline_reach) - {hub}):
                if target not in baseline_must:
                    baseline_must[target] = set(must_hops(baseline_hops, hub, target))
                reachable = target in reach
                must = must_hops(hops, hub, target) if reachable else []
                claim = _claim(pack, lang, system.name, area.name, hub, target, must, reachable, baseline_must[target])
                if claim is None or (target, claim[0]) in said:
                    continue
                said.add((target, claim[0]))
                found.append(Finding(claim[0], claim[1], (target,)))
    return found


def _hop_graph(hops: dict) -> nx.DiGraph:  # type: ignore[type-arg]
    graph = nx.DiGraph()
    graph.add_edges_from((a, b) for a, b, _ in hops)
    return graph


def _reach_from(graph: nx.DiGraph, hub: str) -> set[str]:
    return nx.descendants(graph, hub) if hub in graph else set()


def _feeds(pack: ScenarioPack, system_id: str, used: set[str]) -> bool:
    return any(d.system == system_id for s in pack.infrastructure if s.id in used for d in s.depends_on)


def _claim(pack, lang, system_name, area_name, hub, target, must, reachable, before):  # type: ignore[no-untyped-def]
    system = _common_noun(localize(system_name, lang))
    area = localize(area_name, lang)
    who = agency_label(pack, target, lang)
    zh = lang == "zh-TW"
    if not reachable:
        source = agency_label(pack, hub, lang)
        if zh:
            return "cut_off", f"若{area}{system}中斷，{source}將完全無法聯繫{who}"
        return "cut_off", f"if the {system} goes down in {area}, {who} cannot be reached from {source} at all"
    last = [hop for hop in must if hop[1] == target]
    if not last or set(must) <= before:
        return None
    via, _, channel_id = last[0]
    channel = _common_noun(localize(pack.channel(channel_id).name or channel_id, lang))
    relay = agency_label(pack, via, lang)
    if zh:
        return "single_route", f"若{area}{system}中斷，{who}只能透過{relay}的{channel}聯繫"
    return "single_route", f"if the {system} goes down in {area}, {who} can be reached only through {relay}'s {channel}"


def _common_noun(name: str) -> str:
    """'Mobile network' -> 'mobile network', but 'LINE group' stays as it is."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def fragility_findings(
    pack: ScenarioPack, lang: str = "en", world: WorldState | None = None,
    at: int = 0, after: int = DEFAULT_AFTER, hub: str | None = None,
) -> list[Finding]:
    world = world or WorldState.initial(pack)
    plan = planned_graph(pack, lang)
    hub = hub or hub_of(plan)
    found = broker_findings(pack, plan, hub, lang)
    if hub is not None:
        found += infrastructure_findings(world, plan, hub, lang, at, after)
    return found[:MAX_FINDINGS]

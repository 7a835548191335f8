"""The straightforward computation of the infrastructure findings, kept as a reference for the
fast one in exercise/network/findings.py (tests compare them; benchmarks/bench_network.py times
both): every failure rebuilds the whole status graph, and the hops every route takes are found
for each agency with one search per hop of its route (`paths.must_hops`)."""

from __future__ import annotations

import networkx as nx

from exercise.network.findings import MAX_FINDINGS, Finding, _claim, _feeds, broker_findings, hub_of
from exercise.network.graph import planned_graph, status_graph
from exercise.network.paths import channel_hops, must_hops
from exercise.network.whatif import DEFAULT_AFTER
from exercise.network.world import WorldState
from exercise.scenario.models import InfrastructureEffect, ScenarioPack, Status


def reference_infrastructure_findings(
    world: WorldState, plan: nx.DiGraph, hub: str, lang: str, at: int, after: int
) -> list[Finding]:
    pack = world.pack
    moment = at + after
    baseline_hops = channel_hops(pack, status_graph(world, moment, planned=plan))
    baseline_graph = nx.DiGraph((a, b) for a, b, _ in baseline_hops)
    baseline_reach = nx.descendants(baseline_graph, hub) if hub in baseline_graph else set()
    used = {s for c in pack.channels for s in c.depends_on}
    systems = [s for s in pack.infrastructure if s.id in used]
    systems += [s for s in pack.infrastructure if s.id not in used and _feeds(pack, s.id, used)]
    ancestors = world._index.ancestors  # noqa: SLF001
    agency_areas = {a.area for a in pack.agencies}
    areas = sorted((a for a in pack.areas if any(a.id in ancestors[x] for x in agency_areas)),
                   key=lambda a: -len(ancestors[a.id]))
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
            affected: set[str] = set()
            for _, end, _ in removed:
                affected |= {end} | nx.descendants(baseline_graph, end)
            graph = nx.DiGraph((a, b) for a, b, _ in hops)
            reach = nx.descendants(graph, hub) if hub in graph else set()
            for target in sorted((affected & baseline_reach) - {hub}):
                before = frozenset(must_hops(baseline_hops, hub, target))
                reachable = target in reach
                must = frozenset(must_hops(hops, hub, target)) if reachable else frozenset()
                claim = _claim(pack, lang, system.name, area.name, hub, target, must, reachable, before)
                if claim is None or (target, claim[0]) in said:
                    continue
                said.add((target, claim[0]))
                found.append(Finding(claim[0], claim[1], (target,)))
    return found


def reference_findings(
    pack: ScenarioPack, lang: str = "en", world: WorldState | None = None,
    at: int = 0, after: int = DEFAULT_AFTER,
) -> list[Finding]:
    world = world or WorldState.initial(pack)
    plan = planned_graph(pack, lang)
    hub = hub_of(plan)
    found = broker_findings(pack, plan, hub, lang)
    if hub is not None:
        found += reference_infrastructure_findings(world, plan, hub, lang, at, after)
    return found[:MAX_FINDINGS]

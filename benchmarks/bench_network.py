"""Contact-graph engine speed, each figure against the bare networkx calls it wraps (same run).

    .venv/bin/python benchmarks/bench_network.py [--quick]

Targets (issue 3):
- full metric suite on 1,000 agencies / 10,000 links (betweenness sampled above a size);
- world-state update + usable graph + warning cascade on 100 agencies: under 20 ms;
- Monte Carlo delivery, 10,000 trials on 100 agencies: under 2 s.

Target (issue 14 item 7): the fragility findings of a pack's first preview on 100 agencies in
under 2 s (they took 12 s on a busy machine). Where the time went (cProfile, 100 agencies /
300 links, 67 failures of one system in one area): 60 % in `paths.must_hops`, called once per
agency per failure (6,600 calls), each re-sorting every hop of the plan to build its adjacency
and then searching once per hop of the route; 17 % rebuilding the whole status graph for every
failure; 13 % in networkx `descendants` per lost hop. Now a failure re-judges only the hops
whose channels depend on the failed system (or on a system depending on it) in the areas it
covers, and one dominator tree per failure gives the hops every route from the hub takes for
every agency at once; the preview also stops at the findings it shows. The baseline is that
straightforward computation (tests/network/reference_findings.py), timed in the same run.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import synthetic_pack  # noqa: E402
from exercise.network import metrics as metric_module  # noqa: E402
from exercise.network.cascade import warning_cascade  # noqa: E402
from exercise.network.findings import fragility_findings, hub_of  # noqa: E402
from exercise.network.graph import planned_graph, status_graph, usable_graph  # noqa: E402
from exercise.network.metrics import network_metrics  # noqa: E402
from exercise.network.montecarlo import delivery_probability  # noqa: E402
from exercise.network.relay import relay_minutes  # noqa: E402
from exercise.network.world import WorldState  # noqa: E402
from exercise.scenario.models import InfrastructureEffect, Status  # noqa: E402
from exercise.ui.library.contact_graph import planned_view  # noqa: E402  (no streamlit import)
from tests.network.reference_findings import reference_findings  # noqa: E402

CPU: list[float] = []  # CPU seconds of the last `timed` call (median), next to wall time


def timed(call: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Median wall time in seconds over `repeat` runs, and the last result. The median CPU time
    goes to CPU[-1]: on a shared machine it is the fairer figure."""
    times, cpu = [], []
    result = None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = call()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU.append(statistics.median(cpu))
    return statistics.median(times), result


def bare_metrics(graph: nx.DiGraph) -> None:
    """The networkx calls network_metrics makes, with nothing around them."""
    simple = nx.Graph(graph.to_undirected(as_view=True))
    sample = metric_module.BETWEENNESS_SAMPLE if len(graph) > metric_module.SAMPLED_BETWEENNESS_ABOVE else None
    nx.density(graph), nx.density(simple), nx.overall_reciprocity(graph), nx.transitivity(simple)
    nx.betweenness_centrality(graph, k=sample, seed=0)
    nx.betweenness_centrality(simple, k=sample, seed=0)
    nx.number_weakly_connected_components(graph), nx.number_strongly_connected_components(graph)
    largest = simple.subgraph(max(nx.connected_components(simple), key=len))
    if len(largest) > metric_module.SAMPLED_BETWEENNESS_ABOVE:
        nx.approximation.diameter(largest, seed=0)
    else:
        nx.diameter(largest)
    nx.closeness_centrality(graph)
    list(nx.articulation_points(simple)), list(nx.bridges(simple))


def bench_metrics(agencies: int, links: int) -> None:
    pack = synthetic_pack(agencies, links, 50, seed=1)
    plan = planned_graph(pack)
    ours, result = timed(lambda: network_metrics(plan))
    bare, _ = timed(lambda: bare_metrics(plan))
    sampled = (
        f"betweenness SAMPLED from {metric_module.BETWEENNESS_SAMPLE} sources (above "
        f"{metric_module.SAMPLED_BETWEENNESS_ABOVE} agencies)" if result.betweenness_sampled else "exact betweenness"
    )
    print(f"metric suite, {agencies} agencies / {plan.number_of_edges()} directed edges "
          f"({links} pack links): {ours:.2f} s; bare networkx {bare:.2f} s; ratio {ours / bare:.2f}")
    diameter = 'approximate' if len(plan) > metric_module.SAMPLED_BETWEENNESS_ABOVE else 'exact'
    print(f"    {sampled}; diameter {diameter}")
    build, _ = timed(lambda: planned_graph(pack))
    print(f"planned graph from the pack: {build * 1000:.0f} ms")


def bench_live(agencies: int, links: int, repeat: int) -> None:
    pack = synthetic_pack(agencies, links, 50, seed=2)
    world = WorldState.initial(pack)
    plan = planned_graph(pack)
    source = pack.agencies[0].id
    areas = [a.id for a in pack.areas]
    step = [0]

    def live() -> Any:
        step[0] += 1
        effect = InfrastructureEffect(system="mobile", area=areas[step[0] % len(areas)], status=Status.down)
        updated = world.apply(effect, 60, source="bench")
        status = status_graph(updated, 240, planned=plan)
        usable_graph(status)
        return warning_cascade(updated, source, 240)

    ours, cascade = timed(live, repeat)
    ours_cpu = CPU[-1]
    weighted = nx.DiGraph()
    weighted.add_edges_from((a, b, {"cost": d["cost"]}) for a, b, d in plan.edges(data=True))
    bare, _ = timed(lambda: nx.single_source_dijkstra_path_length(weighted, source, weight="cost"), repeat)
    verdict = "meets" if ours < 0.020 else "MISSES"
    print(f"world update + usable graph + cascade, {agencies} agencies / {plan.number_of_edges()} edges: "
          f"{ours * 1000:.1f} ms median wall, {ours_cpu * 1000:.1f} ms CPU ({verdict} the 20 ms target "
          f"on wall time); bare networkx Dijkstra "
          f"{bare * 1000:.2f} ms; ratio {ours / bare:.0f}")
    print(f"    reached {len(cascade.arrivals)}, unreachable {len(cascade.unreachable)} (each with its reasons)")


def bench_monte_carlo(agencies: int, links: int, trials: int) -> None:
    pack = synthetic_pack(agencies, links, 50, seed=3)
    world = WorldState.initial(pack)
    status = status_graph(world, 0)
    source, target = pack.agencies[0].id, pack.agencies[-1].id
    ours, estimate = timed(
        lambda: delivery_probability(world, source, target, 30, trials=trials, seed=1, status=status))
    ours_cpu = CPU[-1]
    # bare: one networkx Dijkstra per trial over the channels drawn for that trial
    rng = np.random.default_rng(1)
    channels = [(a, b, s.latency, s.reliability)
                for a, b, d in status.edges(data=True) for s in d["channels"] if s.works]
    bare_trials = min(trials, 500)

    def bare_run() -> int:
        hits = 0
        for _ in range(bare_trials):
            graph = nx.DiGraph()
            draws = rng.random(len(channels))
            for (a, b, latency, reliability), draw in zip(channels, draws, strict=True):
                if draw < reliability and (not graph.has_edge(a, b) or graph.edges[a, b]["w"] > latency):
                    graph.add_edge(a, b, w=latency)
            try:
                hits += nx.dijkstra_path_length(graph, source, target, weight="w") <= 30
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                pass
        return hits

    bare_some, _ = timed(bare_run)
    bare = bare_some * trials / bare_trials
    verdict = "meets" if ours < 2.0 else "MISSES"
    print(f"Monte Carlo, {trials} trials on {agencies} agencies / {len(channels)} working channels: "
          f"{ours:.2f} s wall, {ours_cpu:.2f} s CPU ({verdict} the 2 s target); p = {estimate.probability:.3f} "
          f"[{estimate.low:.3f}, {estimate.high:.3f}]")
    print(f"    bare networkx (one Dijkstra per trial, timed on {bare_trials} trials and scaled): "
          f"{bare:.2f} s; ratio {ours / bare:.2f}")


def bench_findings(agencies: int, links: int, seeds: list[int]) -> None:
    """First preview of a pack: its fragility findings, against the straightforward computation."""
    for seed in seeds:
        pack = synthetic_pack(agencies, links, 500, seed=seed)
        ours, found = timed(partial(fragility_findings, pack))
        ours_cpu = CPU[-1]
        bare, expected = timed(partial(reference_findings, pack))
        bare_cpu = CPU[-1]
        same = [(f.kind, f.text) for f in found] == [(f.kind, f.text) for f in expected]
        verdict = "meets" if ours_cpu < 2.0 else "MISSES"
        print(f"fragility findings, {agencies} agencies / {links} links (seed {seed}): {ours:.2f} s wall, "
              f"{ours_cpu:.2f} s CPU ({verdict} the 2 s target on CPU time); straightforward reference "
              f"{bare:.2f} s wall, {bare_cpu:.2f} s CPU; ratio {ours_cpu / bare_cpu:.3f} (CPU); "
              f"{len(found)} findings, {'identical' if same else 'DIFFERENT'}")
    pack = synthetic_pack(agencies, links, 500, seed=seeds[0])

    def preview() -> None:
        """What a first preview computes for the network: the graph tab (plan, findings, DOT) and
        the What-if tab (hub, cascade without and with decide-and-relay times)."""
        planned_view(pack, "en")
        world = WorldState.initial(pack)
        hub = hub_of(planned_graph(pack)) or pack.agencies[0].id
        warning_cascade(world, hub, 0)
        warning_cascade(world, hub, 0, relay=relay_minutes(pack))

    whole, _ = timed(preview)
    print(f"    the preview's network work (graph tab + What-if tab): {whole:.2f} s wall, {CPU[-1]:.2f} s CPU")


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    print(f"networkx {nx.__version__}, numpy {np.__version__}" + (" (quick run)" if quick else ""))
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    bench_findings(100, 300, [0] if quick else [0, 2])
    if not quick:
        bench_findings(100, 1000, [1])
    bench_live(100, 300, 20 if quick else 100)
    bench_monte_carlo(100, 300, 2_000 if quick else 10_000)
    bench_metrics(*((300, 3_000) if quick else (1_000, 10_000)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

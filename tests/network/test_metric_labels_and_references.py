"""Which graph each figure uses, both broker rankings, and the pack beside the reference ranges,
checked against an independent computation on the EMON networks (plain Python, no networkx:
the CSVs read with `csv`, betweenness by Brandes' algorithm written out here)."""

from __future__ import annotations

import csv
from collections import deque
from pathlib import Path

import pytest

from exercise.cli import main
from exercise.network.graph import planned_graph
from exercise.network.metrics import GRAPH, network_metrics
from exercise.network.reference import load_reference, reference_names
from exercise.network.reference_ranges import COMPARED, compare_with_references, reference_ranges
from exercise.scenario.loader import load_pack

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path("/work/shared/data/emon")
EMON = SHARED if SHARED.is_dir() else ROOT / "exercise" / "network" / "reference"
EXAMPLE = ROOT / "scenarios" / "example-typhoon-township.yaml"

Adjacency = dict[str, set[str]]


def _read(name: str) -> tuple[Adjacency, Adjacency]:
    """(directed, undirected) successor sets, every organisation a node (isolates too)."""
    with (EMON / f"{name}.nodes.csv").open(newline="", encoding="utf-8") as handle:
        nodes = [row["id"] for row in csv.DictReader(handle)]
    directed: Adjacency = {n: set() for n in nodes}
    undirected: Adjacency = {n: set() for n in nodes}
    with (EMON / f"{name}.edges.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            a, b = row["source"], row["target"]
            if a != b:
                directed[a].add(b)
                undirected[a].add(b)
                undirected[b].add(a)
    return directed, undirected


def _brandes(out: Adjacency) -> dict[str, float]:
    """Betweenness (Brandes 2001), unweighted, over ordered pairs, divided by (n-1)(n-2). An
    undirected graph given both ways counts each path twice over twice the pairs: the same value."""
    score = dict.fromkeys(out, 0.0)
    for s in out:
        stack, preds = [], {v: [] for v in out}  # type: ignore[var-annotated]
        sigma, dist = dict.fromkeys(out, 0), dict.fromkeys(out, -1)
        sigma[s], dist[s] = 1, 0
        queue = deque([s])
        while queue:
            v = queue.popleft()
            stack.append(v)
            for w in out[v]:
                if dist[w] < 0:
                    dist[w] = dist[v] + 1
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        delta = dict.fromkeys(out, 0.0)
        while stack:
            w = stack.pop()
            for v in preds[w]:
                delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
            if w != s:
                score[w] += delta[w]
    n = len(out)
    return {v: b / ((n - 1) * (n - 2)) for v, b in score.items()}


def _centralisation(values: dict[str, float], denominator: float) -> float:
    top = max(values.values())
    return sum(top - v for v in values.values()) / denominator


def _top(values: dict[str, float], k: int = 3) -> list[str]:
    return [v for v, _ in sorted(values.items(), key=lambda item: (-item[1], item[0]))[:k] if values[v] > 0]


@pytest.mark.parametrize("name", ["Cheyenne", "HurrFrederic", "LakePomona", "MtSi", "Wichita"])
def test_both_graphs_match_an_independent_computation_on_the_emon_networks(name: str) -> None:
    directed, undirected = _read(name)
    n = len(directed)
    ours = network_metrics(load_reference(name))
    directed_b = _brandes(directed)
    undirected_b = _brandes(undirected)  # ordered pairs both ways: same normalised value
    assert ours.betweenness == pytest.approx(directed_b)
    assert ours.undirected_betweenness == pytest.approx(undirected_b)
    assert [a for a, _ in ours.brokers(3)] == _top(directed_b)
    assert [a for a, _ in ours.brokers(3, graph="undirected")] == _top(undirected_b)
    assert ours.betweenness_centralization == pytest.approx(_centralisation(undirected_b, n - 1))
    assert ours.directed_betweenness_centralization == pytest.approx(_centralisation(directed_b, n - 1))
    indegree = {v: sum(v in out for out in directed.values()) for v in directed}
    outdegree = {v: len(out) for v, out in directed.items()}
    assert ours.in_degree_centralization == pytest.approx(_centralisation(indegree, (n - 1) ** 2))
    assert ours.out_degree_centralization == pytest.approx(_centralisation(outdegree, (n - 1) ** 2))
    degree = {v: len(out) for v, out in undirected.items()}
    assert ours.degree_centralization == pytest.approx(_centralisation(degree, (n - 1) * (n - 2)))


def test_the_two_broker_rankings_differ_where_direction_matters() -> None:
    def top(name: str, graph: str) -> list[str]:
        return [a for a, _ in network_metrics(load_reference(name)).brokers(3, graph=graph)]  # type: ignore[arg-type]

    differ = [name for name in reference_names() if top(name, "directed") != top(name, "undirected")]
    assert differ == ["Cheyenne", "HurrFrederic", "LakePomona", "MtSi"]  # Wichita: the same three


def test_reference_ranges_are_the_lowest_and_highest_reference_values() -> None:
    ranges = {r.metric: r for r in reference_ranges()}
    assert set(ranges) == set(COMPARED)
    for name in reference_names():
        directed, undirected = _read(name)
        n = len(directed)
        density = sum(len(o) for o in undirected.values()) / (n * (n - 1))
        assert ranges["undirected_density"].low <= round(density, 2) <= ranges["undirected_density"].high
    # published figures for the shipped five (networks-and-frameworks.md 4.3)
    assert (ranges["betweenness_centralization"].high, ranges["diameter"].low, ranges["diameter"].high) == (0.32, 2, 3)
    assert all(r.graph == GRAPH[r.metric] for r in ranges.values())


def test_a_star_plan_is_above_on_centralisation_and_below_on_transitivity() -> None:
    pack = load_pack(EXAMPLE).pack
    found = {c.metric: c.position for c in compare_with_references(network_metrics(planned_graph(pack)))}
    assert found["degree_centralization"] == "above" and found["transitivity"] == "below"
    assert found["diameter"] == "within"


def test_cli_labels_each_figure_with_its_graph_and_prints_the_reference_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["network", str(EXAMPLE), "--reference", "Wichita"]) == 0
    out = capsys.readouterr().out
    assert "degree centralisation, undirected" in out and "betweenness centralisation, directed" in out
    assert "Brokers (betweenness, directed" in out and "Brokers (betweenness, undirected" in out
    beside = out.split("Beside real response networks")[1].split("Warning cascade")[0]
    assert "degree centralisation, undirected" in beside and "0.29–0.63" in beside and "Wichita" in beside
    assert "above the range – contacts pile onto one agency" in beside
    assert "below the range – an agency's partners are seldom linked" in beside
    pack_part, reference_part = out.split("Reference network, apart from the pack")
    assert "Wichita Falls Police Department" in reference_part
    assert "Wichita Falls Police Department" not in pack_part.split("Beside real response")[0]


def test_cli_says_it_in_traditional_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", str(EXAMPLE), "--lang", "zh-TW"]) == 0
    out = capsys.readouterr().out
    assert "度數集中化（無向）" in out and "高於範圍：聯繫集中於單一機關" in out
    assert "含研判與轉達則需" in out and "分，部門預設（應變協調）：" in out

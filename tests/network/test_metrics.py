"""Metrics on graphs small enough to compute by hand, and on the shipped EMON networks."""

from __future__ import annotations

from importlib import resources

import networkx as nx
import pytest

from exercise.network import metrics as m
from exercise.network.metrics import network_metrics
from exercise.network.reference import CITATION, load_reference, reference_names


def star(leaves: int) -> nx.DiGraph:
    graph = nx.DiGraph()
    for leaf in range(1, leaves + 1):
        graph.add_edge("hub", f"l{leaf}")
        graph.add_edge(f"l{leaf}", "hub")
    return graph


def test_star_is_perfectly_centralised() -> None:
    result = network_metrics(star(4))  # 5 nodes
    assert result.degree_centralization == pytest.approx(1.0)
    assert result.betweenness_centralization == pytest.approx(1.0)
    assert result.density == pytest.approx(8 / 20)
    assert result.undirected_density == pytest.approx(4 / 10)
    assert result.reciprocity == 1.0
    assert result.transitivity == 0.0
    assert result.diameter == 2
    assert result.articulation_points == ("hub",)
    assert len(result.bridges) == 4
    assert result.in_degree["hub"] == 4 and result.out_degree["l1"] == 1
    assert result.brokers(1) == [("hub", pytest.approx(1.0))]


def test_path_of_four_by_hand() -> None:
    # a -> b -> c -> d, one way: Freeman degree = ((2-1)*2 + 0*2) / (3*2) = 1/3
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    result = network_metrics(graph)
    assert result.degree_centralization == pytest.approx(1 / 3)
    # undirected betweenness normalised: b and c each 2/3; centralisation = (2/3+2/3)/3 = 4/9
    assert result.betweenness_centralization == pytest.approx(4 / 9)
    assert result.reciprocity == 0.0
    assert result.diameter == 3
    assert result.articulation_points == ("b", "c")
    assert result.bridges == (("a", "b"), ("b", "c"), ("c", "d"))
    assert result.strong_components == 4 and result.weak_components == 1
    # directed betweenness of b: pairs (a,c),(a,d) go through b, over (n-1)(n-2) = 6
    assert result.betweenness["b"] == pytest.approx(2 / 6)


def test_triangle_with_a_tail() -> None:
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    graph.add_node("lonely")
    result = network_metrics(graph)
    # one triangle, triples centred on c: (a,b),(a,d),(b,d) -> 3*1 / (3 + 1 + 1 + 3) = 3/5
    assert result.transitivity == pytest.approx(3 / 5)
    assert result.isolates == ("lonely",)
    assert result.weak_components == 2
    assert result.diameter == 2  # of the largest component
    assert result.articulation_points == ("c",)
    assert result.bridges == (("c", "d"),)


def test_empty_and_tiny_graphs_do_not_fail() -> None:
    for graph in (nx.DiGraph(), nx.DiGraph([("a", "b")])):
        result = network_metrics(graph)
        assert result.degree_centralization == 0.0
        assert result.betweenness_centralization == 0.0


def test_large_graphs_sample_betweenness_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(m, "SAMPLED_BETWEENNESS_ABOVE", 10)
    monkeypatch.setattr(m, "BETWEENNESS_SAMPLE", 5)
    result = network_metrics(nx.gnp_random_graph(30, 0.2, seed=1, directed=True))
    assert result.betweenness_sampled
    assert not network_metrics(star(3)).betweenness_sampled


def test_reference_networks_ship_with_their_citation() -> None:
    assert reference_names() == ["Cheyenne", "HurrFrederic", "LakePomona", "MtSi", "Wichita"]
    graph = load_reference("cheyenne")
    assert graph.graph["citation"] == CITATION and "Drabek" in CITATION
    readme = resources.files("exercise.network") / "reference" / "README.md"
    assert "Drabek" in readme.read_text(encoding="utf-8")
    assert graph.nodes["1"]["label"] == "Wyoming Disaster and Civil Defense Agnecy"


@pytest.mark.parametrize("name", ["Cheyenne", "HurrFrederic", "LakePomona", "MtSi", "Wichita"])
def test_emon_metrics_match_direct_networkx_calls(name: str) -> None:
    graph = load_reference(name)
    result = network_metrics(graph)
    simple = graph.to_undirected()
    assert result.agencies == graph.number_of_nodes()
    assert result.density == pytest.approx(nx.density(graph))
    assert result.undirected_density == pytest.approx(nx.density(simple))
    assert result.reciprocity == pytest.approx(nx.overall_reciprocity(graph))
    assert result.transitivity == pytest.approx(nx.transitivity(simple))
    assert result.betweenness == pytest.approx(nx.betweenness_centrality(graph))
    assert result.closeness == pytest.approx(nx.closeness_centrality(graph))
    assert set(result.articulation_points) == set(nx.articulation_points(simple))
    degrees = dict(simple.degree())
    n = len(degrees)
    top = max(degrees.values())
    assert result.degree_centralization == pytest.approx(
        sum(top - d for d in degrees.values()) / ((n - 1) * (n - 2))
    )


# Published figures for these networks (shared/domain/networks-and-frameworks.md §4.3)
PUBLISHED = {
    "Cheyenne": (14, 83, 0.648, 0.41, 0.72, 0.58, 2),
    "HurrFrederic": (21, 118, 0.381, 0.63, 0.51, 0.64, 2),
    "LakePomona": (20, 148, 0.558, 0.49, 0.68, 0.57, 2),
    "MtSi": (13, 33, 0.256, 0.29, 0.83, 0.79, 3),
    "Wichita": (20, 149, 0.563, 0.43, 0.74, 0.56, 2),
}


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_emon_metrics_match_published_reference_values(name: str) -> None:
    n, ties, density, degree_c, transitivity, reciprocity, diameter = PUBLISHED[name]
    result = network_metrics(load_reference(name))
    assert (result.agencies, result.links, result.diameter) == (n, ties, diameter)
    assert result.undirected_density == pytest.approx(density, abs=0.0015)
    assert result.degree_centralization == pytest.approx(degree_c, abs=0.006)
    assert result.transitivity == pytest.approx(transitivity, abs=0.006)
    assert result.reciprocity == pytest.approx(reciprocity, abs=0.006)

"""Network metrics used in disaster-response network studies, on a planned or usable graph.

Conventions (so that figures can be set beside published ones, e.g. the Drabek EMONs):
- degree, betweenness and closeness are computed on the directed graph, unweighted (hops);
- centralisation (Freeman), transitivity, articulation points, bridges and the diameter use the
  undirected graph (an edge in either direction); the diameter is that of the largest component;
- both are offered where both are used in the literature: betweenness (and the broker ranking)
  on either graph, betweenness centralisation on either, and in- and out-degree centralisation
  beside the undirected degree centralisation. `GRAPH` says which graph each figure uses;
- above SAMPLED_BETWEENNESS_ABOVE agencies, betweenness is estimated from BETWEENNESS_SAMPLE
  sources (seeded), and `betweenness_sampled` says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

SAMPLED_BETWEENNESS_ABOVE = 300
BETWEENNESS_SAMPLE = 200


@dataclass(frozen=True)
class NetworkMetrics:
    agencies: int
    links: int  # directed edges
    density: float  # directed
    undirected_density: float
    reciprocity: float
    transitivity: float
    degree_centralization: float
    betweenness_centralization: float
    weak_components: int
    strong_components: int
    isolates: tuple[str, ...]
    diameter: int  # hops, largest undirected component
    in_degree: dict[str, int]
    out_degree: dict[str, int]
    betweenness: dict[str, float]  # directed, normalised
    closeness: dict[str, float]  # directed (inward distances), Wasserman-Faust corrected
    articulation_points: tuple[str, ...]
    bridges: tuple[tuple[str, str], ...]
    betweenness_sampled: bool = False
    undirected_betweenness: dict[str, float] = field(default_factory=dict)  # normalised
    directed_betweenness_centralization: float = 0.0
    in_degree_centralization: float = 0.0
    out_degree_centralization: float = 0.0

    def brokers(self, top: int = 5, graph: Graph = "directed") -> list[tuple[str, float]]:
        """The agencies with the highest betweenness on the `graph` named (ties by id)."""
        scores = self.betweenness if graph == "directed" else self.undirected_betweenness
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [item for item in ranked[:top] if item[1] > 0]


Graph = Literal["directed", "undirected"]
# Which graph each figure of NetworkMetrics is computed on.
GRAPH: dict[str, Graph] = {
    "links": "directed", "density": "directed", "undirected_density": "undirected",
    "reciprocity": "directed", "transitivity": "undirected",
    "degree_centralization": "undirected", "in_degree_centralization": "directed",
    "out_degree_centralization": "directed", "betweenness_centralization": "undirected",
    "directed_betweenness_centralization": "directed", "weak_components": "directed",
    "strong_components": "directed", "diameter": "undirected", "in_degree": "directed",
    "out_degree": "directed", "betweenness": "directed", "undirected_betweenness": "undirected",
    "closeness": "directed", "articulation_points": "undirected", "bridges": "undirected",
}


def undirected(graph: nx.DiGraph) -> nx.Graph:
    """The union of both directions, without edge data (cheap to build, safe to mutate)."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from(graph.edges())
    return simple


def freeman_degree_centralization(simple: nx.Graph) -> float:
    """Sum of (max degree - degree) over the maximum possible, (n-1)(n-2); 0 below 3 nodes."""
    n = simple.number_of_nodes()
    if n < 3:
        return 0.0
    degrees = [d for _, d in simple.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def freeman_directed_degree_centralization(degrees: dict[str, int]) -> float:
    """In- or out-degree centralisation of a digraph: sum(max - d) / (n - 1)^2 (Freeman's form
    for directed graphs, Wasserman and Faust 1994, 5.2); 0 below 2 nodes."""
    n = len(degrees)
    if n < 2:
        return 0.0
    top = max(degrees.values())
    return sum(top - d for d in degrees.values()) / ((n - 1) ** 2)


def freeman_betweenness_centralization(betweenness: dict[str, float]) -> float:
    """From betweenness normalised to [0, 1]: sum(max - b) / (n - 1). With networkx's
    normalisation the star reaches 1 whether the graph is directed (a two-way star) or not."""
    n = len(betweenness)
    if n < 3:
        return 0.0
    top = max(betweenness.values())
    return sum(top - b for b in betweenness.values()) / (n - 1)


def betweenness(graph: nx.Graph | nx.DiGraph, seed: int = 0) -> tuple[dict[str, float], bool]:
    if graph.number_of_nodes() > SAMPLED_BETWEENNESS_ABOVE:
        return nx.betweenness_centrality(graph, k=BETWEENNESS_SAMPLE, seed=seed), True
    return nx.betweenness_centrality(graph), False


def diameter(simple: nx.Graph) -> int:
    if simple.number_of_nodes() == 0:
        return 0
    largest = max(nx.connected_components(simple), key=len)
    if len(largest) < 2:
        return 0
    component = simple.subgraph(largest)
    if component.number_of_nodes() > SAMPLED_BETWEENNESS_ABOVE:
        return nx.approximation.diameter(component, seed=0)  # a lower bound, exact on most graphs
    return nx.diameter(component)


def network_metrics(graph: nx.DiGraph, seed: int = 0) -> NetworkMetrics:
    simple = undirected(graph)
    n = graph.number_of_nodes()
    directed_betweenness, sampled = betweenness(graph, seed)
    undirected_betweenness, _ = betweenness(simple, seed)
    return NetworkMetrics(
        agencies=n,
        links=graph.number_of_edges(),
        density=nx.density(graph) if n > 1 else 0.0,
        undirected_density=nx.density(simple) if n > 1 else 0.0,
        reciprocity=nx.overall_reciprocity(graph) if graph.number_of_edges() else 0.0,
        transitivity=nx.transitivity(simple),
        degree_centralization=freeman_degree_centralization(simple),
        betweenness_centralization=freeman_betweenness_centralization(undirected_betweenness),
        weak_components=nx.number_weakly_connected_components(graph) if n else 0,
        strong_components=nx.number_strongly_connected_components(graph) if n else 0,
        isolates=tuple(sorted(nx.isolates(graph))),
        diameter=diameter(simple),
        in_degree=dict(graph.in_degree()),
        out_degree=dict(graph.out_degree()),
        betweenness=directed_betweenness,
        closeness=nx.closeness_centrality(graph),
        articulation_points=tuple(sorted(nx.articulation_points(simple))),
        bridges=tuple(sorted(tuple(sorted(edge)) for edge in nx.bridges(simple))),
        betweenness_sampled=sampled,
        undirected_betweenness=undirected_betweenness,
        directed_betweenness_centralization=freeman_betweenness_centralization(directed_betweenness),
        in_degree_centralization=freeman_directed_degree_centralization(dict(graph.in_degree())),
        out_degree_centralization=freeman_directed_degree_centralization(dict(graph.out_degree())),
    )

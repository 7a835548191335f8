"""Shape: the planned contact graph's density, centralisation, reciprocity and transitivity
beside the ranges of the real response networks shipped in `exercise/network/reference`
(Drabek's EMONs), each with what it means for play."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from exercise.design.findings import Finding, Rule, Severity
from exercise.network.metrics import freeman_degree_centralization, undirected
from exercise.network.reference import load_reference, reference_names
from exercise.scenario.models import LinkDirection, ScenarioPack

MEASURES = ("density", "centralization", "reciprocity", "transitivity")


@dataclass(frozen=True)
class ShapeMeasure:
    measure: str
    value: float
    low: float
    high: float

    @property
    def position(self) -> str:
        """'below', 'within' or 'above' the reference range."""
        if self.value < self.low:
            return "below"
        return "above" if self.value > self.high else "within"


def plan_graph(pack: ScenarioPack) -> nx.DiGraph:
    """The planned contact graph, bare: agencies and one edge per planned direction."""
    graph = nx.DiGraph()
    graph.add_nodes_from(agency.id for agency in pack.agencies)
    for link in pack.links:
        graph.add_edge(link.from_, link.to)
        if link.direction is LinkDirection.both:
            graph.add_edge(link.to, link.from_)
    return graph


def shape_values(graph: nx.DiGraph) -> dict[str, float]:
    """Directed density, Freeman degree centralisation and transitivity (undirected, as in the
    research table) and reciprocity (the share of directed edges whose reverse also exists)."""
    n = graph.number_of_nodes()
    edges = graph.number_of_edges()
    simple = undirected(graph)
    mutual = sum(1 for a, b in graph.edges() if graph.has_edge(b, a))
    return {
        "density": nx.density(graph) if n > 1 else 0.0,
        "centralization": freeman_degree_centralization(simple),
        "reciprocity": mutual / edges if edges else 0.0,
        "transitivity": nx.transitivity(simple),
    }


@lru_cache(maxsize=1)
def reference_ranges() -> dict[str, tuple[float, float]]:
    values = [shape_values(load_reference(name)) for name in reference_names()]
    return {m: (min(v[m] for v in values), max(v[m] for v in values)) for m in MEASURES}


def planned_shape(graph: nx.DiGraph) -> list[ShapeMeasure]:
    ranges = reference_ranges()
    values = shape_values(graph)
    return [ShapeMeasure(m, round(values[m], 2), round(ranges[m][0], 2), round(ranges[m][1], 2))
            for m in MEASURES]


def shape_findings(measures: list[ShapeMeasure], agencies: int) -> list[Finding]:
    if agencies < 3:
        return []
    return [
        Finding(Rule.shape, f"shape.{m.measure}.{m.position}", Severity.advice, ("links",),
                {"value": m.value, "low": m.low, "high": m.high})
        for m in measures
    ]

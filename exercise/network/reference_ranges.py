"""A pack's contact-graph figures beside the range of the real response networks shipped in
`reference/` (Drabek's EMONs): for each figure, the graph it is computed on, the lowest and
highest reference value, and where the pack falls. Codes and numbers only: what a difference
means for play is said at the edge (exercise/cli/network.py).

The ranges are those of the five networks shipped here; the domain notes
(networks-and-frameworks.md 4.3) give the same figures for all seven EMONs, with wider ranges
for some. They describe real responses, they are not targets, and density falls with size:
the EMONs have 13 to 21 organisations.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from exercise.network.metrics import GRAPH, Graph, NetworkMetrics, network_metrics
from exercise.network.reference import load_reference, reference_names

Position = Literal["below", "within", "above"]
# The figures compared, in the order shown.
COMPARED = (
    "undirected_density", "density", "reciprocity", "transitivity", "degree_centralization",
    "betweenness_centralization", "directed_betweenness_centralization", "diameter",
)
DECIMALS = 2  # figures are compared as shown, rounded


@dataclass(frozen=True)
class ReferenceRange:
    metric: str
    graph: Graph
    low: float
    high: float
    values: tuple[tuple[str, float], ...]  # (network, value) for each reference network


@dataclass(frozen=True)
class Comparison:
    metric: str
    graph: Graph
    value: float
    low: float
    high: float
    position: Position


@cache
def reference_ranges() -> tuple[ReferenceRange, ...]:
    measured = {name: network_metrics(load_reference(name)) for name in reference_names()}
    ranges = []
    for metric in COMPARED:
        values = tuple((name, _value(m, metric)) for name, m in measured.items())
        ranges.append(ReferenceRange(metric, GRAPH[metric], min(v for _, v in values),
                                     max(v for _, v in values), values))
    return tuple(ranges)


def compare_with_references(metrics: NetworkMetrics) -> list[Comparison]:
    found = []
    for reference in reference_ranges():
        value = _value(metrics, reference.metric)
        position: Position = (
            "below" if value < reference.low else "above" if value > reference.high else "within"
        )
        found.append(Comparison(reference.metric, reference.graph, value, reference.low, reference.high, position))
    return found


def _value(metrics: NetworkMetrics, metric: str) -> float:
    return round(float(getattr(metrics, metric)), DECIMALS)

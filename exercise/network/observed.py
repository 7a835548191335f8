"""The observed contact graph (who actually reached whom during play) and how it compares with
the contact plan: coverage, unused planned links, emergent links, expected contacts met,
emergent coordinators and time slices per module."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from exercise.network.graph import planned_graph
from exercise.scenario.models import ScenarioPack

Pair = tuple[str, str]


@dataclass(frozen=True)
class Contact:
    sender: str
    receiver: str
    channel: str | None
    time: int  # scenario minute
    inject: str | None = None


def observed_graph(contacts: Iterable[Contact], pack: ScenarioPack | None = None) -> nx.DiGraph:
    """One edge per sender->receiver with `weight` (contacts), `channels`, `first`, `last`,
    `injects`. Every agency of the pack is a node, contacted or not."""
    graph = nx.DiGraph()
    if pack is not None:
        graph.add_nodes_from(planned_graph(pack).nodes(data=True))
    for contact in contacts:
        a, b = contact.sender, contact.receiver
        if a == b:
            continue
        if graph.has_edge(a, b):
            data = graph.edges[a, b]
            data["weight"] += 1
            data["first"] = min(data["first"], contact.time)
            data["last"] = max(data["last"], contact.time)
        else:
            graph.add_edge(a, b, weight=1, first=contact.time, last=contact.time,
                           channels=[], injects=[])
            data = graph.edges[a, b]
        if contact.channel and contact.channel not in data["channels"]:
            data["channels"].append(contact.channel)
        if contact.inject and contact.inject not in data["injects"]:
            data["injects"].append(contact.inject)
    return graph


@dataclass(frozen=True)
class ExpectedContacts:
    inject: str
    expected: tuple[Pair, ...]
    made: tuple[Pair, ...]

    @property
    def missing(self) -> tuple[Pair, ...]:
        return tuple(pair for pair in self.expected if pair not in self.made)


@dataclass(frozen=True)
class Coordinator:
    agency: str
    planned_betweenness: float
    observed_betweenness: float

    @property
    def rise(self) -> float:
        return self.observed_betweenness - self.planned_betweenness


@dataclass(frozen=True)
class TimeSlice:
    module: str
    start: int
    end: int
    contacts: int
    links: int
    density: float
    top_broker: str | None


@dataclass(frozen=True)
class PlanComparison:
    coverage: float  # share of the pack's links used at least once (either way for `both`)
    used: tuple[Pair, ...]
    planned_unused: tuple[Pair, ...]
    emergent: tuple[Pair, ...]  # observed sender->receiver that no planned link provides
    expected: tuple[ExpectedContacts, ...]
    coordinators: tuple[Coordinator, ...]  # by observed betweenness, highest first
    slices: tuple[TimeSlice, ...]

    def emergent_coordinators(self, threshold: float = 0.05) -> list[Coordinator]:
        return [c for c in self.coordinators if c.rise > threshold]


def compare_with_plan(
    pack: ScenarioPack,
    contacts: Iterable[Contact],
    released: Mapping[str, int] | None = None,
) -> PlanComparison:
    """`released` gives the minute each inject was released in play; its planned time otherwise."""
    contacts = list(contacts)
    plan = planned_graph(pack)
    observed = observed_graph(contacts, pack)
    made = set(observed.edges())
    used: list[Pair] = []
    unused: list[Pair] = []
    for link in pack.links:
        pair = (link.from_, link.to)
        ways = {pair} if link.direction.value == "one_way" else {pair, (link.to, link.from_)}
        (used if ways & made else unused).append(pair)
    coverage = len(used) / len(pack.links) if pack.links else 0.0
    emergent = tuple(sorted(pair for pair in made if not plan.has_edge(*pair)))
    return PlanComparison(
        coverage,
        tuple(used),
        tuple(unused),
        emergent,
        tuple(_expected(pack, contacts, released or {})),
        _coordinators(plan, observed),
        tuple(_slices(pack, contacts)),
    )


def _expected(
    pack: ScenarioPack, contacts: list[Contact], released: Mapping[str, int]
) -> Iterable[ExpectedContacts]:
    for inject in pack.injects:
        if not inject.expected_contacts:
            continue
        since: float = released.get(inject.id, inject.time)
        if released and inject.id not in released:
            since = float("inf")  # never released: nothing can answer it
        expected = tuple((c.from_, c.to) for c in inject.expected_contacts)
        made = tuple(
            pair for pair in expected
            if any((c.sender, c.receiver) == pair and c.time >= since for c in contacts)
        )
        yield ExpectedContacts(inject.id, expected, made)


def _coordinators(plan: nx.DiGraph, observed: nx.DiGraph) -> tuple[Coordinator, ...]:
    planned_b = nx.betweenness_centrality(plan)
    observed_b = nx.betweenness_centrality(observed)
    found = [
        Coordinator(node, planned_b.get(node, 0.0), observed_b.get(node, 0.0)) for node in observed
    ]
    found.sort(key=lambda c: (-c.observed_betweenness, -c.rise, c.agency))
    return tuple(found)


def _slices(pack: ScenarioPack, contacts: list[Contact]) -> Iterable[TimeSlice]:
    for module in sorted(pack.modules, key=lambda m: m.start):
        start, end = pack.module_window(module.id)
        inside = [c for c in contacts if start <= c.time < end]
        graph = observed_graph(inside, pack)
        n = graph.number_of_nodes()
        broker = None
        if graph.number_of_edges():
            scores = nx.betweenness_centrality(graph)
            best = max(sorted(scores), key=scores.__getitem__)
            broker = best if scores[best] > 0 else None
        density = nx.density(graph) if n > 1 else 0.0
        yield TimeSlice(module.id, start, end, len(inside), graph.number_of_edges(), density, broker)

"""Delivery under uncertainty: the chance a message from A reaches B within a deadline.

Each trial draws, for every working channel of every planned link, whether it delivers (with
the channel's reliability, lowered when degraded), then finds the fastest route. Channel health
is taken at the starting minute. Trials run in batches as arrays (numpy), one Bellman-Ford
relaxation per link per round for the whole batch, which keeps 10,000 trials on 100 agencies
well under a second.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import numpy as np

from exercise.network.cascade import first_hops
from exercise.network.graph import status_graph
from exercise.network.world import UnknownItem, WorldState, effective_latency, effective_reliability

Progress = Callable[[int, int], None]  # trials done, trials in all
Z95 = 1.959963984540054


@dataclass(frozen=True)
class DeliveryEstimate:
    source: str
    target: str
    deadline: float  # minutes after the start
    trials: int
    successes: int
    seed: int
    low: float  # 95 % Wilson interval
    high: float

    @property
    def probability(self) -> float:
        return self.successes / self.trials if self.trials else 0.0


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    if trials == 0:
        return 0.0, 1.0
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def _channel_edges(
    world: WorldState, source: str, at: int, status: nx.DiGraph | None
) -> tuple[list[str], list[tuple[int, int, float, float]]]:
    """Agencies (index 0 is the source) and (from, to, latency, reliability) per working channel."""
    graph = status if status is not None else status_graph(world, at)
    nodes = [source] + [n for n in graph if n != source]
    index = {node: i for i, node in enumerate(nodes)}
    edges = []
    order = {n: d for d, n in enumerate(nx.bfs_tree(graph, source))} if source in graph else {}
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: order.get(e[0], len(nodes))):
        for state in data["channels"]:
            if state.works and state.reliability > 0:
                edges.append((index[a], index[b], state.latency, state.reliability))
    if source not in graph:
        for target, channel_id, health in first_hops(world, source, at):
            if channel_id is None:
                edges.insert(0, (0, index[target], 0.0, 1.0))
            else:
                channel = world.pack.channel(channel_id)
                latency = effective_latency(channel, health)
                if latency < math.inf:
                    reliability = effective_reliability(channel, health)
                    edges.insert(0, (0, index[target], latency, reliability))
    return nodes, edges


def delivery_probability(
    world: WorldState,
    source: str,
    target: str,
    deadline: float,
    at: int = 0,
    trials: int = 10_000,
    seed: int = 0,
    progress: Progress | None = None,
    batch: int = 2_000,
    status: nx.DiGraph | None = None,
) -> DeliveryEstimate:
    if target not in {a.id for a in world.pack.agencies}:
        raise UnknownItem(f"unknown agency {target!r}")
    if trials < 1 or trials > 10_000_000:
        raise ValueError("trials must be between 1 and 10,000,000")
    nodes, edges = _channel_edges(world, source, at, status)
    goal = nodes.index(target)
    rng = np.random.default_rng(seed)
    successes = done = 0
    while done < trials:
        size = min(batch, trials - done)
        successes += _batch(rng, len(nodes), edges, goal, deadline, size)
        done += size
        if progress is not None:
            progress(done, trials)
    low, high = wilson_interval(successes, trials)
    return DeliveryEstimate(source, target, deadline, trials, successes, seed, low, high)


def _batch(
    rng: np.random.Generator,
    n: int,
    edges: list[tuple[int, int, float, float]],
    goal: int,
    deadline: float,
    size: int,
) -> int:
    if goal == 0:
        return size
    # one cost column per link: the fastest of its channels that delivers in this trial
    links: dict[tuple[int, int], np.ndarray] = {}
    for a, b, latency, reliability in edges:
        works = rng.random(size) < reliability
        cost = np.where(works, latency, np.inf)
        known = links.get((a, b))
        links[(a, b)] = cost if known is None else np.minimum(known, cost)
    dist = np.full((n, size), np.inf)
    dist[0] = 0.0
    pairs = list(links.items())
    for _ in range(n):
        changed = False
        for (a, b), cost in pairs:
            candidate = dist[a] + cost
            better = candidate < dist[b]
            if better.any():
                np.minimum(dist[b], candidate, out=dist[b])
                changed = True
        if not changed:
            break
    return int(np.count_nonzero(dist[goal] <= deadline))

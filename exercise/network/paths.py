"""Redundancy between two agencies: disjoint paths and channel diversity.

Channel diversity counts routes that share no agency in between, no (link, channel) and no
infrastructure dependency (a system in an area) — two routes both needing the mobile network
in the same township are one route when the mobile network fails there. Finding the most such
routes is a set-packing problem; this uses a greedy search (shortest route first), so the count
is a lower bound that is exact on the small graphs of a contact plan in nearly all cases.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx

from exercise.network.seats import seated_pairs
from exercise.scenario.models import ScenarioPack

Hop = tuple[str, str, str]  # from agency, to agency, channel
Dependency = tuple[str, str]  # system, area


@dataclass(frozen=True)
class Redundancy:
    source: str
    target: str
    edge_disjoint: int
    node_disjoint: int
    channel_diversity: int
    diverse_routes: tuple[tuple[Hop, ...], ...]


def node_disjoint_paths(graph: nx.DiGraph, s: str, t: str) -> int:
    """Internally node-disjoint s->t paths (Menger); a direct link counts as one path."""
    if s == t or s not in graph or t not in graph:
        return 0
    if graph.has_edge(s, t):
        trimmed = graph.copy()
        trimmed.remove_edge(s, t)
        return 1 + nx.algorithms.connectivity.local_node_connectivity(trimmed, s, t)
    return nx.algorithms.connectivity.local_node_connectivity(graph, s, t)


def edge_disjoint_paths(graph: nx.DiGraph, s: str, t: str) -> int:
    if s == t or s not in graph or t not in graph:
        return 0
    return nx.algorithms.connectivity.local_edge_connectivity(graph, s, t)


def channel_hops(pack: ScenarioPack, graph: nx.DiGraph) -> dict[Hop, frozenset[Dependency]]:
    """Every working (link, channel) of a planned or status graph with its dependencies."""
    area = {agency.id: agency.area for agency in pack.agencies}
    seats = seated_pairs(pack)  # in person in the EOC room: no infrastructure
    hops: dict[Hop, frozenset[Dependency]] = {}
    for a, b, data in graph.edges(data=True):
        states = data["channels"]
        for state in states:
            channel_id = state if isinstance(state, str) else state.channel
            if not isinstance(state, str) and not state.works:
                continue
            channel = pack.channel(channel_id)
            systems = [] if (a, b) in seats else [
                *channel.depends_on, *([channel.charging.system] if channel.charging else [])]
            hops[(a, b, channel_id)] = frozenset(
                (system, place) for system in systems for place in (area[a], area[b])
            )
    return hops


def diverse_routes(
    hops: dict[Hop, frozenset[Dependency]],
    s: str,
    t: str,
    out: dict[str, list[Hop]] | None = None,
) -> list[tuple[Hop, ...]]:
    """Greedy set of routes s->t sharing no inner agency, hop or dependency.
    `out` is `hops` by first agency (from `adjacency`), to share between many targets."""
    out = out if out is not None else adjacency(hops)
    used_nodes: set[str] = set()
    used_hops: set[Hop] = set()
    used_deps: set[Dependency] = set()

    def banned(hop: Hop) -> bool:
        return hop in used_hops or not used_deps.isdisjoint(hops[hop])

    routes: list[tuple[Hop, ...]] = []
    while True:
        route = _shortest_route(out, s, t, used_nodes, banned if routes else None)
        if route is None:
            return routes
        routes.append(route)
        used_hops.update(route)
        for hop in route:
            used_deps.update(hops[hop])
        used_nodes.update(hop[1] for hop in route[:-1])


def adjacency(hops: Iterable[Hop]) -> dict[str, list[Hop]]:
    out: dict[str, list[Hop]] = {}
    for hop in sorted(hops):
        out.setdefault(hop[0], []).append(hop)
    return out


def _shortest_route(
    out: dict[str, list[Hop]],
    s: str,
    t: str,
    blocked: set[str],
    banned: Callable[[Hop], bool] | None = None,
) -> tuple[Hop, ...] | None:
    """Fewest hops s->t, breadth first, avoiding `blocked` agencies and `banned` hops."""
    came: dict[str, Hop] = {}
    queue = deque([s])
    seen = {s}
    while queue:
        node = queue.popleft()
        for hop in out.get(node, ()):
            nxt = hop[1]
            if nxt in seen or (nxt in blocked and nxt != t) or (banned is not None and banned(hop)):
                continue
            came[nxt] = hop
            if nxt == t:
                path = [hop]
                while path[-1][0] != s:
                    path.append(came[path[-1][0]])
                return tuple(reversed(path))
            seen.add(nxt)
            queue.append(nxt)
    return None


def must_hops(hops: dict[Hop, frozenset[Dependency]], s: str, t: str) -> list[Hop]:
    """Hops (link and channel) every route s->t goes through, in route order."""
    out = adjacency(hops)
    route = _shortest_route(out, s, t, set())
    if route is None:
        return []
    return [hop for hop in route if _shortest_route(out, s, t, set(), hop.__eq__) is None]


def redundancy(
    pack: ScenarioPack, graph: nx.DiGraph, s: str, t: str,
    hops: dict[Hop, frozenset[Dependency]] | None = None,
) -> Redundancy:
    """Disjoint paths on `graph` (a planned or usable graph) and channel diversity s->t."""
    found = hops if hops is not None else channel_hops(pack, graph)
    routes = diverse_routes(found, s, t) if s != t else []
    return Redundancy(
        s,
        t,
        edge_disjoint_paths(graph, s, t),
        node_disjoint_paths(graph, s, t),
        len(routes),
        tuple(routes),
    )

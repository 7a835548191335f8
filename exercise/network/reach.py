"""Who the hub still reaches: the one answer the live board, the rehearsal, the report annex and
the timeline share.

An agency is reached when a chain of working planned links leads to it from the hub. Links come
either from a graph (a status graph: an edge whose `usable` attribute is False carries nothing;
a planned or usable graph: every edge counts) or from a plain mapping agency -> agencies it can
reach directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

Successors = Mapping[str, Iterable[str]]


def reached_from(links: nx.DiGraph | Successors, hub: str | None) -> set[str]:
    """The hub and every agency a chain of working links leads to (empty without a hub, or
    when the hub is not in a graph)."""
    if hub is None:
        return set()
    if isinstance(links, nx.DiGraph):
        if hub not in links:
            return set()
        successors = links.succ

        def following(node: str) -> Iterable[str]:
            return (b for b, data in successors[node].items() if data.get("usable", True))
    else:
        def following(node: str) -> Iterable[str]:
            return links.get(node, ())

    seen = {hub}
    frontier = [hub]
    while frontier:
        for nxt in following(frontier.pop()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return seen


def unreachable_from(graph: nx.DiGraph, hub: str | None) -> tuple[str, ...]:
    """The agencies of `graph` the hub does not reach, sorted (none without a hub)."""
    if hub is None or hub not in graph:
        return ()
    return tuple(sorted(set(graph.nodes) - reached_from(graph, hub)))

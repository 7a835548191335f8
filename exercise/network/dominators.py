"""The hops every route from one agency goes through, for every agency it reaches, in one pass.

`paths.must_hops(hops, s, t)` answers for one target with one search per hop of a route; a
preview asks it for every agency after every failure (thousands of times on a large pack).
Here the same answer comes from one dominator tree: each (from, to) pair with exactly one
working channel becomes a node of its own between the two agencies (a pair with two channels
has no hop that every route must take), and a hop is on every route s->t exactly when its node
dominates t. Immediate dominators by Cooper, Harvey and Kennedy, "A Simple, Fast Dominance
Algorithm" (2001), on plain dicts (no graph object is built per failure).
"""

from __future__ import annotations

from collections.abc import Iterable

from exercise.network.paths import Hop

Node = str | Hop


class MustHops:
    """The hops every route from `source` goes through, for any agency it reaches."""

    def __init__(self, hops: Iterable[Hop], source: str) -> None:
        by_pair: dict[tuple[str, str], list[Hop]] = {}
        for hop in hops:
            by_pair.setdefault((hop[0], hop[1]), []).append(hop)
        out: dict[Node, list[Node]] = {}
        for (a, b), channels in by_pair.items():
            if len(channels) == 1:
                hop = channels[0]
                out.setdefault(a, []).append(hop)
                out[hop] = [b]
            else:
                out.setdefault(a, []).append(b)
        self.source = source
        self._idom = immediate_dominators(out, source)

    def reaches(self, agency: str) -> bool:
        return agency in self._idom

    def of(self, target: str) -> frozenset[Hop]:
        """Hops on every route source -> target (empty when none, or when unreachable)."""
        found: set[Hop] = set()
        node: Node = target
        idom = self._idom
        if node not in idom:
            return frozenset()
        while node != self.source:
            node = idom[node]
            if isinstance(node, tuple):
                found.add(node)
        return frozenset(found)


def immediate_dominators(out: dict[Node, list[Node]], source: Node) -> dict[Node, Node]:
    """{node reachable from source: its immediate dominator}; the source dominates itself."""
    order: list[Node] = []  # postorder
    seen = {source}
    stack: list[tuple[Node, int]] = [(source, 0)]
    while stack:
        node, index = stack[-1]
        following = out.get(node, ())
        if index < len(following):
            stack[-1] = (node, index + 1)
            nxt = following[index]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, 0))
        else:
            stack.pop()
            order.append(node)
    rank = {node: i for i, node in enumerate(order)}
    preds: dict[Node, list[Node]] = {node: [] for node in order}
    for node in order:
        for nxt in out.get(node, ()):
            preds[nxt].append(node)
    idom: dict[Node, Node] = {source: source}
    reverse = [node for node in reversed(order) if node != source]
    changed = True
    while changed:
        changed = False
        for node in reverse:
            new: Node | None = None
            for pred in preds[node]:
                if pred not in idom:
                    continue
                new = pred if new is None else _intersect(pred, new, idom, rank)
            if new is not None and idom.get(node) != new:
                idom[node] = new
                changed = True
    return idom


def _intersect(a: Node, b: Node, idom: dict[Node, Node], rank: dict[Node, int]) -> Node:
    while a != b:
        while rank[a] < rank[b]:
            a = idom[a]
        while rank[b] < rank[a]:
            b = idom[b]
    return a

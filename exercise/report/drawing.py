"""Contact-graph drawings for the report (PNG), planned and observed side by side in style:
used planned links solid, unused planned links dashed grey, emergent links orange."""

from __future__ import annotations

import io
from collections.abc import Collection
from functools import lru_cache

import networkx as nx

from exercise.report.fonts import FontMissing, pdf_font

_LEVEL_COLOURS = {
    "national": "#1f4e79", "regional": "#2e75b6", "county": "#4a8bcb", "local": "#5b9bd5",
    "township": "#7aafe0", "community": "#9dc3e6",
    "private": "#a9d18e", "ngo": "#f4b183", "support": "#bfbfbf",
}
LABEL_LIMIT = 60


@lru_cache(maxsize=1)
def _font_family() -> str:
    from matplotlib import font_manager

    try:
        font = pdf_font(needs_cjk=True)
    except FontMissing:
        return "DejaVu Sans"
    if font is None:
        return "DejaVu Sans"
    font_manager.fontManager.addfont(str(font.path))
    names = {f.name for f in font_manager.fontManager.ttflist}
    return "Noto Sans CJK TC" if "Noto Sans CJK TC" in names else "DejaVu Sans"


def draw_contact_graph(
    graph: nx.DiGraph,
    used: Collection[tuple[str, str]] = (),
    emergent: Collection[tuple[str, str]] = (),
    *,
    observed: bool = False,
) -> bytes:
    """PNG of `graph` (nodes with `label` and `level`). With `observed`, planned edges not in
    `used` are dashed and `emergent` pairs are added in orange."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    drawing = nx.DiGraph()
    drawing.add_nodes_from(graph.nodes(data=True))
    drawing.add_edges_from(graph.edges())
    drawing.add_edges_from(emergent)
    size = max(len(drawing), 1)
    figure, axes = plt.subplots(figsize=(9, 6.5) if size <= 40 else (12, 9), dpi=110)
    axes.set_axis_off()
    position = nx.spring_layout(drawing, seed=7, k=1.6 / size**0.5) if size > 1 else {
        n: (0.0, 0.0) for n in drawing}
    colours = [_LEVEL_COLOURS.get(graph.nodes[n].get("level", ""), "#d9d9d9") if n in graph
               else "#d9d9d9" for n in drawing]
    nx.draw_networkx_nodes(drawing, position, ax=axes, node_color=colours,
                           node_size=220 if size <= 40 else 60, edgecolors="#404040")
    used_pairs = {frozenset(e) for e in used}
    planned_pairs = {frozenset(e) for e in graph.edges()}
    emergent_set = {e for e in emergent if frozenset(e) not in planned_pairs}
    planned = _one_edge_per_pair(graph.edges())
    solid = [e for e in planned if not observed or frozenset(e) in used_pairs]
    dashed = [e for e in planned if e not in solid]
    nx.draw_networkx_edges(drawing, position, edgelist=solid, ax=axes, edge_color="#404040",
                           arrows=False, width=1.2)
    if observed:
        nx.draw_networkx_edges(drawing, position, edgelist=dashed, ax=axes, edge_color="#b0b0b0",
                               style="dashed", arrows=False, width=0.8)
        nx.draw_networkx_edges(drawing, position, edgelist=sorted(emergent_set), ax=axes,
                               edge_color="#e46c0a", arrows=False, width=1.8)
    if size <= LABEL_LIMIT:
        labels = {n: str(drawing.nodes[n].get("label", n)) for n in drawing}
        below = {n: (x, y - 0.06) for n, (x, y) in position.items()}
        nx.draw_networkx_labels(drawing, below, labels, ax=axes, font_size=7.5,
                                font_family=_font_family(), verticalalignment="top")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def _one_edge_per_pair(edges: Collection[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[frozenset[str]] = set()
    out = []
    for a, b in edges:
        if frozenset((a, b)) not in seen:
            seen.add(frozenset((a, b)))
            out.append((a, b))
    return out

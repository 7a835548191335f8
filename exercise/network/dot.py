"""DOT text for `st.graphviz_chart`: status colours, planned vs observed overlay.

Every label and tooltip is a quoted DOT string (rendered as text, never as HTML) with quotes,
backslashes and control characters escaped. Up to LABELLED_UP_TO agencies the drawing has
labels, channel names and a legend; above it, nodes become dots and edges plain lines, so that a
300-agency graph still lays out in the browser.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from exercise.i18n import translator
from exercise.network.tiers import GOVERNMENT_TIERS, tier_ranks
from exercise.scenario.models import ScenarioPack, Status
from exercise.scenario.text import localize

LABELLED_UP_TO = 60
COLOURS = {Status.up: "#2b8a3e", Status.degraded: "#e67700", Status.down: "#c92a2a"}
FILLS = {Status.up: "#ebfbee", Status.degraded: "#fff4e6", Status.down: "#fff5f5"}
OBSERVED = "#1c7ed6"
UNUSED = "#adb5bd"
GOVERNMENT_LEVELS = {level.value for level in GOVERNMENT_TIERS}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

LEGEND_KEYS = ("up", "degraded", "down", "emergent", "unused", "title", "hub")


def legend_words(lang: str) -> dict[str, str]:
    """The drawing's own words (status, legend) in `lang`, from the catalogue (graphdraw.*)."""
    t = translator(lang)
    return {key: t(f"graphdraw.{key}") for key in LEGEND_KEYS}


FONT_SIZE = "15"  # points = SVG units; the page scales the drawing to its width
EDGE_FONT_SIZE = "14"


@dataclass(frozen=True)
class DotNames:
    """Words of the reader's language for a drawing: channel and area names, and the hub."""

    channels: Mapping[str, str] = field(default_factory=dict)
    areas: Mapping[str, str] = field(default_factory=dict)
    hub: str | None = None
    wrap: int = 0  # break labels longer than this many Latin characters into lines (0: never)


def dot_names(pack: ScenarioPack, lang: str, hub: str | None = None) -> DotNames:
    return DotNames(
        {c.id: localize(c.name, lang) if c.name is not None else c.id for c in pack.channels},
        {a.id: localize(a.name, lang) for a in pack.areas}, hub, WRAP)


WRAP = 14
DETAILED_UP_TO = 12  # agencies; above it working links are drawn without their channel
ROW = 4  # agencies side by side in one row of a tier: wider rows shrink every label


class Lines(tuple[str, ...]):
    """A label drawn on several lines (each quoted; joined by DOT's line break)."""


def wrapped(text: str, width: int) -> str | Lines:
    """`text` in lines of about `width` Latin characters (half as many Chinese ones): a long
    name makes a drawing narrower by growing down, not across."""
    if width <= 0 or len(text) <= width // 2:
        return text
    if any(ord(char) >= 0x2E80 for char in text) and " " not in text:
        step = max(width // 2, 4)
        if len(text) <= step + 2:
            return text
        return Lines(text[i:i + step] for i in range(0, len(text), step))
    lines = textwrap.wrap(text, width, break_long_words=False)
    return Lines(lines) if len(lines) > 1 else text


def quote(text: object, limit: int = 200) -> str:
    """A DOT double-quoted string showing `text` literally."""
    value = _CONTROL.sub(" ", str(text))[:limit]
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{value}"'


def _quoted(value: object) -> str:
    if isinstance(value, Lines):
        return '"' + "\\n".join(quote(line)[1:-1] for line in value) + '"'
    return quote(value)


def _attrs(**values: object) -> str:
    return "[" + ", ".join(f"{key}={_quoted(value)}" for key, value in values.items()) + "]"


def _status(data: dict[str, Any]) -> Status:
    value = data.get("status", Status.up)
    return value if isinstance(value, Status) else Status(value)


def render_dot(
    graph: nx.DiGraph,
    observed: nx.DiGraph | None = None,
    lang: str = "en",
    highlight: set[str] | None = None,
    names: DotNames | None = None,
) -> str:
    """`graph` is a planned or status graph; `observed`, if given, is overlaid: links used in
    play are drawn thicker, planned links never used are grey, unplanned ones blue and dotted.
    With `names`, links carry channel names, agencies sit in a box per area and the hub has a
    double border."""
    words = legend_words(lang)
    names = names or DotNames()
    small = graph.number_of_nodes() <= LABELLED_UP_TO
    # a busy drawing (pack-aware, many agencies) leaves the working links unlabelled and the
    # areas unboxed, so that its names stay readable: the focus view tells a link's channels
    busy = names.wrap > 0 and graph.number_of_nodes() > DETAILED_UP_TO
    # ... and places every agency itself, on a grid of rows by tier (see `_grid`)
    grid = busy and small
    lines = ["digraph contacts {"]
    if grid:
        lines += [
            '  graph [layout="neato", inputscale="72", splines="line", overlap="true", '
            f'outputorder="edgesfirst", fontname="sans-serif", fontsize="{EDGE_FONT_SIZE}"];',
        ]
    elif small:
        lines += [
            '  graph [rankdir="TB", newrank="true", fontname="sans-serif", '
            f'fontsize="{EDGE_FONT_SIZE}", nodesep="0.2", ranksep="0.25"];',
        ]
    if small:
        lines += [
            '  node [shape="box", style="rounded,filled", fontname="sans-serif", '
            f'fontsize="{FONT_SIZE}", margin="0.06,0.03"];',
            f'  edge [fontname="sans-serif", fontsize="{EDGE_FONT_SIZE}", arrowsize="0.6"];',
        ]
    else:
        lines += [
            '  graph [layout="neato", overlap="true", splines="false", outputorder="edgesfirst"];',
            '  node [shape="point", width="0.08"];',
            '  edge [arrowsize="0.3", penwidth="0.4"];',
        ]
    node_styles: dict[str, dict[str, object]] = {}
    for node, data in graph.nodes(data=True):
        status = _status(data)
        reasons = "; ".join(r.text for r in data.get("reasons", ()))
        tooltip = f"{data.get('name', node)}" + (f" — {reasons}" if reasons else "")
        style: dict[str, object] = {"color": COLOURS[status], "tooltip": tooltip}
        if small:  # colour is never the only sign: a degraded or down agency says so in words
            label = str(data.get("label", node))
            if status is not Status.up:
                label = f"{label} ({words[status.value]})"
            shown = wrapped(label, names.wrap)
            # at least as wide as the browser draws the name: Graphviz's own guess is too
            # narrow for Chinese characters, which then spill over the box
            style.update(label=shown, fillcolor=FILLS[status], width=f"{_box(shown)[0] / 72:.2f}")
            if highlight and node in highlight:
                style["penwidth"] = "2.5"
            if node == names.hub:
                style["peripheries"] = "2"
        node_styles[node] = style
    government: list[list[str]] = []
    legend_y = 0.0
    if grid:
        places, legend_y = _grid(graph, {n: s.get("label", n) for n, s in node_styles.items()},
                                 names.hub)
        for node, (x, y) in places.items():
            node_styles[node]["pos"] = f"{x:.0f},{y:.0f}!"
    for node, style in node_styles.items():
        lines.append(f"  {quote(node)} {_attrs(**style)};")
    if small and not busy:
        lines += _area_boxes(graph, names)
    if busy and not grid:
        lines.append('  graph [splines="line"];')
    if small and not grid:
        # one row per tier of government (central, county, township, community), then others;
        # a tier of more than ROW agencies takes several rows, by area; an invisible chain
        # keeps the rows of government in order, central first
        groups = [row for group in tier_ranks(graph) for row in _rows(graph, group)]
        for group in groups:
            lines.append("  { rank=\"same\"; " + " ".join(f"{quote(n)};" for n in group) + " }")
        government = [g for g in groups
                      if busy or graph.nodes[g[0]].get("level") in GOVERNMENT_LEVELS]
        for upper, lower in zip(government, government[1:], strict=False):
            lines.append(f"  {quote(upper[0])} -> {quote(lower[0])} [style=\"invis\"];")
    drawn: set[tuple[str, str]] = set()
    for a, b, data in graph.edges(data=True):
        if (a, b) in drawn:
            continue
        drawn.add((a, b))
        both = graph.has_edge(b, a) and _status(graph.edges[b, a]) == _status(data)
        if both and observed is None:
            drawn.add((b, a))
        style = _edge_style(data, observed, a, b, small, both and observed is None, words,
                            names.channels)
        if busy and not grid:  # rows by tier alone place the agencies: links do not pull them
            style["constraint"] = "false"
        if "label" in style and busy and _status(data) is Status.up:
            style["tooltip"] = style.pop("label")
        elif "label" in style:
            style["label"] = wrapped(str(style["label"]), names.wrap)
        lines.append(f"  {quote(a)} -> {quote(b)} {_attrs(**style)};")
    if observed is not None:
        for a, b, data in observed.edges(data=True):
            if not graph.has_edge(a, b):
                for end in (a, b):
                    if end not in graph:
                        lines.append(f"  {quote(end)} {_attrs(label=end, color=OBSERVED)};")
                label = ", ".join(names.channels.get(c, c) for c in data.get("channels", ())
                                  ) if small else ""
                attrs = _attrs(color=OBSERVED, style='dotted', penwidth=_width(data), label=label,
                               tooltip=words['emergent'])
                lines.append(f"  {quote(a)} -> {quote(b)} {attrs};")
    if grid:
        lines += _grid_legend(words, observed is not None, names.hub in graph, legend_y)
    elif small:
        lines.append(_legend(words, observed is not None, names.hub in graph, names.wrap))
        if government:  # the legend under the lowest tier
            lines.append(f'  {quote(government[-1][0])} -> "legend_degraded" [style="invis"];')
    lines.append("}")
    return "\n".join(lines)


def _width(data: dict[str, Any]) -> str:
    return f"{min(1.0 + data.get('weight', 1) * 0.5, 5.0):.1f}"


def _edge_style(
    data: dict[str, Any], observed: nx.DiGraph | None, a: str, b: str, small: bool, both: bool,
    words: dict[str, str] | None = None, channel_names: Mapping[str, str] | None = None,
) -> dict[str, object]:
    status = _status(data)
    words = words or legend_words("en")
    style: dict[str, object] = {"color": COLOURS[status]}
    if status is Status.down:
        style["style"] = "dashed"
    if both:
        style["dir"] = "both"
    reasons = "; ".join(r.text for r in data.get("reasons", ()))
    if reasons:
        style["tooltip"] = reasons
    if small:
        channel = data.get("best_channel") or (data.get("channels") or [""])[0]
        channel = getattr(channel, "channel", channel)
        channel = (channel_names or {}).get(channel, channel)
        # the status in words beside the channel: colour is never the only sign
        style["label"] = {Status.up: str(channel), Status.down: words["down"]}.get(
            status, f"{channel} ({words['degraded']})")
    if observed is not None:
        if observed.has_edge(a, b):
            style["penwidth"] = _width(observed.edges[a, b])
        else:
            style.update(color=UNUSED, style="dashed")
            if status is Status.up and "label" in style:  # a link not used needs no channel
                style["tooltip"] = style.pop("label")
    return style


def _rows(graph: nx.DiGraph, tier: list[str]) -> list[list[str]]:
    """A tier's agencies in rows of at most ROW, those of one area side by side: an area that
    fits in a row is not split over two."""
    by_area: dict[str, list[str]] = {}
    for node in sorted(tier, key=lambda n: (str(graph.nodes[n].get("area", "")), n)):
        by_area.setdefault(str(graph.nodes[node].get("area", "")), []).append(node)
    rows: list[list[str]] = []
    row: list[str] = []
    for members in by_area.values():
        if row and len(row) + len(members) > ROW and len(members) <= ROW:
            rows.append(row)
            row = []
        for node in members:
            if len(row) == ROW:
                rows.append(row)
                row = []
            row.append(node)
    return [*rows, row] if row else rows


def _area_boxes(graph: nx.DiGraph, names: DotNames) -> list[str]:
    """One box per area (when the drawing has more than one), named in the reader's language."""
    by_area: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("area") in names.areas:
            by_area.setdefault(str(data["area"]), []).append(node)
    if len(by_area) < 2:
        return []
    lines = []
    for index, (area, members) in enumerate(sorted(by_area.items())):
        lines.append(f"  subgraph cluster_area_{index} {{ label={quote(names.areas[area])}; "
                     'style="rounded"; color="#ced4da"; fontcolor="#495057"; '
                     + " ".join(f"{quote(n)};" for n in sorted(members)) + " }")
    return lines


def _legend(words: dict[str, str], overlay: bool, hub: bool = False, wrap: int = 0) -> str:
    items = [("up", COLOURS[Status.up], "solid"), ("degraded", COLOURS[Status.degraded], "solid"),
             ("down", COLOURS[Status.down], "dashed")]
    if overlay:
        items += [("emergent", OBSERVED, "dotted"), ("unused", UNUSED, "dashed")]
    if hub:
        items.append(("hub", "#212529", "solid"))
    lines = [f"  subgraph cluster_legend {{ label={quote(words['title'])}; color=\"#dee2e6\";"]
    for key, colour, _style in items:
        attrs = _attrs(label=wrapped(words[key], wrap), shape='plaintext', style='', fillcolor='white',
                       fontcolor=colour, width='0', margin='0.04,0.02')
        lines.append(f"    {quote('legend_' + key)} {attrs};")
    # rows of three under the drawing, not a column beside it
    keys = [quote("legend_" + key) for key, _, _ in items]
    rows = [keys[i:i + 3] for i in range(0, len(keys), 3)]
    lines += ['    { rank="same"; ' + " ".join(f"{key};" for key in row) + " }" for row in rows]
    lines += [f'    {upper[0]} -> {lower[0]} [style="invis"];'
              for upper, lower in zip(rows, rows[1:], strict=False)]
    lines.append("  }")
    return "\n".join(lines)


# The grid of a busy drawing, in points: a column is as wide as the widest name, rows by tier
# alternate a quarter column left and right so that a link between two rows passes between
# the names of the row in between instead of through them.
GAP_X = 18.0
GAP_Y = 46.0
LINE = 1.25  # a line of text, in font sizes
PAD = 16.0  # a box's margins and border, in points


def _text_width(text: str) -> float:
    """About how wide `text` is drawn, in font sizes (Chinese characters are square)."""
    return sum(1.0 if ord(char) >= 0x2E80 else 0.55 for char in text)


def _box(label: object) -> tuple[float, float]:
    """(width, height) in points of an agency's box with `label`."""
    lines = list(label) if isinstance(label, Lines) else [str(label)]
    size = float(FONT_SIZE)
    return (max(_text_width(line) for line in lines) * size + PAD,
            len(lines) * size * LINE + PAD / 2)


def _grid(graph: nx.DiGraph, labels: Mapping[str, object], hub: str | None
          ) -> tuple[dict[str, tuple[float, float]], float]:
    """Where each agency sits: a row per tier (national first; a tier of more than ROW
    agencies takes several rows, one area's agencies side by side), the hub in the middle of
    its row; and the height under the last row, for the legend."""
    rows = [row for group in tier_ranks(graph) for row in _rows(graph, group)]
    placed = {node for row in rows for node in row}
    rest = sorted(node for node in graph if node not in placed)
    rows += [rest[i:i + ROW] for i in range(0, len(rest), ROW)]
    boxes = {node: _box(labels.get(node, node)) for node in graph}
    column = max((w for w, _ in boxes.values()), default=0.0) + GAP_X
    places: dict[str, tuple[float, float]] = {}
    y = 0.0
    for index, row in enumerate(rows):
        if hub in row:  # the hub in the middle, its row's others around it
            row = [n for n in row if n != hub]
            row.insert(len(row) // 2, hub)
        height = max(boxes[node][1] for node in row)
        shift = column / 4 * (1 if index % 2 else -1)
        for position, node in enumerate(row):
            places[node] = ((position - (len(row) - 1) / 2) * column + shift, y - height / 2)
        y -= height + GAP_Y
    return places, y


def _grid_legend(words: dict[str, str], overlay: bool, hub: bool, top: float) -> list[str]:
    """The legend under a grid: its title, then one word per status or kind of line, in its
    colour, in rows of three."""
    keys = ["up", "degraded", "down"] + (["emergent", "unused"] if overlay else [])
    keys += ["hub"] if hub else []
    colours = {"up": COLOURS[Status.up], "degraded": COLOURS[Status.degraded],
               "down": COLOURS[Status.down], "emergent": OBSERVED, "unused": UNUSED,
               "hub": "#212529"}
    column = max(_text_width(words[key]) for key in keys) * float(FONT_SIZE) + GAP_X
    line = float(FONT_SIZE) * LINE * 1.6
    lines = [f"  {quote('legend_title')} "
             + _attrs(label=words["title"], shape="plaintext", style="", fillcolor="white",
                      pos=f"{-column:.0f},{top:.0f}!") + ";"]
    for index, key in enumerate(keys):
        x, y = (index % 3 - 1) * column, top - line * (1 + index // 3)
        lines.append(f"  {quote('legend_' + key)} "
                     + _attrs(label=words[key], shape="plaintext", style="", fillcolor="white",
                              fontcolor=colours[key], pos=f"{x:.0f},{y:.0f}!") + ";")
    return lines

"""Focus on one agency: its links, each link's channels in priority order and whether they work
now, and the way round when a link fails (fewest hops over links that still work).

`focus_links` is plain code on a planned or status graph; `focus_panel` draws it for the library
preview (the plan) and the console (the world now)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import streamlit as st

from exercise.network.dot import DotNames, dot_names, render_dot
from exercise.network.findings import hub_of
from exercise.network.graph import planned_graph, status_graph
from exercise.network.world import WorldState
from exercise.scenario.models import ScenarioPack, Status
from exercise.ui.context import current_translator
from exercise.ui.graph_view import graph_chart
from exercise.ui.text_table import text_table

STATUS_WORDS = {Status.up: "graph.focus.up", Status.degraded: "graph.focus.degraded",
                Status.down: "graph.focus.down"}


@dataclass(frozen=True)
class ChannelLine:
    channel: str  # id
    status: Status

    @property
    def works(self) -> bool:
        return self.status is not Status.down


@dataclass(frozen=True)
class FocusLink:
    other: str
    outgoing: bool  # the focused agency is the one who calls
    channels: tuple[ChannelLine, ...]  # priority order
    fallback: tuple[str, ...] | None  # agencies from caller to callee avoiding this link

    @property
    def works(self) -> bool:
        return any(line.works for line in self.channels)


def _lines(data: dict[str, Any]) -> tuple[ChannelLine, ...]:
    found = []
    for state in data.get("channels", ()) or ():
        if isinstance(state, str):
            found.append(ChannelLine(state, Status.up))
        else:
            found.append(ChannelLine(state.channel, state.health.status))
    return tuple(found)


def _usable(graph: nx.DiGraph) -> nx.DiGraph:
    usable = nx.DiGraph()
    usable.add_nodes_from(graph)
    usable.add_edges_from((a, b) for a, b, data in graph.edges(data=True)
                          if any(line.works for line in _lines(data)))
    return usable


def focus_links(graph: nx.DiGraph, agency: str) -> list[FocusLink]:
    """Every planned link of `agency` (one per other agency, its calling direction first) with
    the fallback route that avoids the direct link, over links with a working channel."""
    usable = _usable(graph)
    found: list[FocusLink] = []
    seen: set[str] = set()
    pairs = [(b, True) for b in graph.successors(agency)]
    pairs += [(a, False) for a in graph.predecessors(agency)]
    for other, outgoing in pairs:
        if other in seen or other == agency:
            continue
        seen.add(other)
        a, b = (agency, other) if outgoing else (other, agency)
        detour = usable.copy()
        if detour.has_edge(a, b):
            detour.remove_edge(a, b)
        try:
            route: tuple[str, ...] | None = tuple(nx.shortest_path(detour, a, b))
        except nx.NetworkXNoPath:
            route = None
        found.append(FocusLink(other, outgoing, _lines(graph.edges[a, b]), route))
    found.sort(key=lambda link: (link.works, str(graph.nodes[link.other].get("label", link.other))))
    return found


def _label(graph: nx.DiGraph, node: str) -> str:
    return str(graph.nodes[node].get("label", node)) if node in graph else node


def focus_rows(graph: nx.DiGraph, agency: str, names: DotNames, lang: str
               ) -> list[dict[str, str]]:
    """The focus as table rows in the reader's words (failed links first)."""
    t = current_translator()
    rows = []
    for link in focus_links(graph, agency):
        channels = " → ".join(
            f"{index}. {names.channels.get(line.channel, line.channel)} "
            f"({t(STATUS_WORDS[line.status])})"
            for index, line in enumerate(link.channels, start=1))
        if link.fallback is None:
            fallback = t("graph.focus.no_fallback")
        else:
            fallback = " → ".join(_label(graph, node) for node in link.fallback)
        rows.append({
            t("graph.focus.with"): _label(graph, link.other),
            t("graph.focus.direction"): t("graph.focus.calls" if link.outgoing else "graph.focus.called"),
            t("graph.focus.channels"): channels,
            t("graph.focus.now"): t("graph.focus.works" if link.works else "graph.focus.failed"),
            t("graph.focus.fallback"): fallback,
        })
    return rows


def focus_dot(graph: nx.DiGraph, agency: str, names: DotNames, lang: str) -> str:
    """The agency, its neighbours and every agency on a fallback route, drawn alone."""
    keep = {agency, *graph.successors(agency), *graph.predecessors(agency)}
    for link in focus_links(graph, agency):
        keep.update(link.fallback or ())
    return render_dot(graph.subgraph(keep).copy(), lang=lang, highlight={agency}, names=names)


def focus_panel(graph: nx.DiGraph, names: DotNames, lang: str, key: str) -> None:
    """Choose an agency; see its links, their channels and the way round a failed one."""
    t = current_translator()
    agencies = sorted(graph, key=lambda node: _label(graph, node))
    if not agencies:
        return
    st.subheader(t("graph.focus.title"), anchor=False)
    default = agencies.index(names.hub) if names.hub in agencies else 0
    agency = st.selectbox(t("graph.focus.agency"), agencies, index=default, key=key,
                          format_func=lambda node: _label(graph, node))
    if agency is None:
        return
    rows = focus_rows(graph, agency, names, lang)
    if not rows:
        st.caption(t("graph.focus.none"))
        return
    st.caption(t("graph.focus.caption"))
    text_table(rows)
    # another agency's drawing is another drawing: `graph_chart` gives it a new box
    graph_chart(focus_dot(graph, agency, names, lang), "focus-" + key.replace(".", "-"))


def plan_focus(pack: ScenarioPack, lang: str) -> None:
    """The focus on the contact plan (library preview): every channel as planned."""
    plan = planned_graph(pack, lang)
    focus_panel(plan, dot_names(pack, lang, hub_of(plan)), lang, "graph.focus.plan")


def world_focus(world: WorldState, minute: float, lang: str) -> None:
    """The focus on the world now (console): which channels still work at `minute`."""
    plan = planned_graph(world.pack, lang)
    now = status_graph(world.in_language(lang), int(minute), lang, planned=plan)
    focus_panel(now, dot_names(world.pack, lang, hub_of(plan)), lang, "graph.focus.world")

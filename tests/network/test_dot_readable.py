"""The contact graph drawn for people (issue #16 item 13): long names on lines, big tiers in
rows, and a busy drawing that keeps its names readable by leaving working links unlabelled."""

from __future__ import annotations

import re

import networkx as nx

from exercise.network.dot import ROW, DotNames, render_dot, wrapped
from exercise.scenario.models import Status


def _county(count: int, cut: bool = False) -> nx.DiGraph:
    graph = nx.DiGraph()
    for index in range(count):
        graph.add_node(f"c{index}", label=f"County office {index}", level="county", area="a")
    graph.add_node("t", label="Township EOC", level="township", area="b")
    for index in range(count):
        graph.add_edge(f"c{index}", "t", channels=["phone"], status=Status.up)
    if cut:
        graph.edges["c0", "t"]["status"] = Status.down
    return graph


def test_long_names_break_into_lines_and_short_ones_do_not() -> None:
    assert wrapped("Red Cross county chapter", 14) == ("Red Cross", "county chapter")
    assert wrapped("Fire Bureau", 14) == "Fire Bureau"
    assert wrapped("救災責任分區支援部隊", 14) == ("救災責任分區支", "援部隊")
    assert wrapped("電信業者區域營運處", 14) == "電信業者區域營運處"  # two over: one line
    dot = render_dot(_county(2), names=DotNames(wrap=14))
    assert 'label="County office\\n0"' in dot  # DOT's line break, not a raw newline


def test_a_tier_wider_than_a_row_takes_several_rows_in_order() -> None:
    dot = render_dot(_county(ROW + 2), names=DotNames(wrap=14))
    rows = re.findall(r'\{ rank="same"; ([^}]*)\}', dot)
    assert [len(re.findall(r'"c\d+"', row)) for row in rows[:2]] == [ROW, 2]


def test_a_busy_drawing_keeps_status_words_but_drops_working_channel_labels() -> None:
    dot = render_dot(_county(13, cut=True), names=DotNames({"phone": "Telephone"}, wrap=14))
    assert 'label="Telephone"' not in dot and 'tooltip="Telephone"' in dot
    assert '"c0" -> "t" [color="#c92a2a", style="dashed", label="down"]' in dot
    small = render_dot(_county(3), names=DotNames({"phone": "Telephone"}, wrap=14))
    assert 'label="Telephone"' in small

"""Every contact graph on a page: drawn at a size people can read, scrolling instead of
shrinking (issue #16 item 13).

Streamlit draws a Graphviz chart with one small font for all of its text (about 9.6 px, set
by its own stylesheet over the SVG's font sizes) and shrinks a wide drawing to the column,
which left a 27-agency pack's names at ~7 px. Here the drawing's text takes the sizes the
layout was made for (`network.dot.FONT_SIZE`, `EDGE_FONT_SIZE`) and the drawing is never drawn
smaller than its natural size (1 pt = 4/3 px: a 12 pt label is 16 px on screen): it may grow
to the column's width, and a wider one scrolls sideways in its own box."""

from __future__ import annotations

import streamlit as st

from exercise.network.dot import EDGE_FONT_SIZE, FONT_SIZE

KEY = "graph-view"
PX_PER_PT = 4 / 3  # the SVG's width is given in points; browsers draw 96 px per 72 pt

# `[class*=...]` matches every keyed box `st-key-graph-view-<name>`
_BOX = f'[class*="st-key-{KEY}-"]'
STYLE = f"""<style>
{_BOX} {{ overflow-x: auto; overflow-y: hidden; }}
{_BOX} [data-testid="stGraphVizChart"] {{ width: max-content !important; min-width: 100%; }}
{_BOX} [data-testid="stGraphVizChart"] svg {{
  max-width: none !important; width: 100% !important; min-width: max-content; height: auto; }}
{_BOX} svg g.node text {{ font-size: {FONT_SIZE}px !important; }}
{_BOX} svg g.edge text, {_BOX} svg g.cluster text {{ font-size: {EDGE_FONT_SIZE}px !important; }}
</style>"""


def graph_chart(dot: str, name: str) -> None:
    """`dot` drawn in its own scrolling box (`name` keeps boxes of one page apart)."""
    st.html(STYLE)
    with st.container(key=f"{KEY}-{name}"):
        st.graphviz_chart(dot, width="stretch")

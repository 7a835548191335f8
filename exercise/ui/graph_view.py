"""Every contact graph on a page: drawn at a size people can read, scrolling instead of
shrinking (issue #16 item 13).

Streamlit draws a Graphviz chart with one small font for all of its text (about 9.6 px, set
by its own stylesheet over the SVG's font sizes) and shrinks a wide drawing to the column,
which left a 27-agency pack's names at ~7 px. Here the drawing's text takes the sizes the
layout was made for (`network.dot.FONT_SIZE`, `EDGE_FONT_SIZE`) and the drawing is never drawn
smaller than its natural size (1 pt = 4/3 px: a 12 pt label is 16 px on screen): it may grow
to the column's width, and a wider one scrolls sideways in its own box.

A new drawing is always a new box and a new chart, never the old chart given new content: the
box's key is made from the drawing, and where the box showed another drawing (as far as this
session knows) a block of another kind is put there first. Streamlit's page puts a new box in
place of an old box of the same kind with the old box's contents inside, whatever their keys,
until the new contents arrive (and an `st.empty` in between is merged away before it is sent):
a page drawn between those messages mounted the old chart in the new box, drawing the old
picture, and that chart (its DOM id a hash of its place, the same for every drawing there) was
then told to draw the new one over it. Once, on a saturated machine, the focus on one agency
was seen showing the agency chosen before. A drawing that has not changed keeps its box and
chart and is not drawn again.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from exercise.network.dot import EDGE_FONT_SIZE, FONT_SIZE

KEY = "graph-view"
SHOWN = "graph-view.shown"  # session state: {box name: the drawing sent to it last}
CLEAR = "graph-clear"  # the block put where a box showed another drawing, replaced at once
PX_PER_PT = 4 / 3  # the SVG's width is given in points; browsers draw 96 px per 72 pt

# `[class*=...]` matches every keyed box `st-key-graph-view-<name>-<drawing>`
_BOX = f'[class*="st-key-{KEY}-"]'
STYLE = f"""<style>
{_BOX} {{ overflow-x: auto; overflow-y: hidden; }}
{_BOX} [data-testid="stGraphVizChart"] {{ width: max-content !important; min-width: 100%; }}
{_BOX} [data-testid="stGraphVizChart"] svg {{
  max-width: none !important; width: 100% !important; min-width: max-content; height: auto; }}
{_BOX} svg g.node text {{ font-size: {FONT_SIZE}px !important; }}
{_BOX} svg g.edge text, {_BOX} svg g.cluster text {{ font-size: {EDGE_FONT_SIZE}px !important; }}
[class*="st-key-{CLEAR}-"] {{ display: none; }}
</style>"""


def graph_chart(dot: str, name: str) -> None:
    """`dot` drawn in its own scrolling box (`name` keeps boxes of one page apart); another
    drawing than the box showed last comes in a new box with a new chart."""
    st.html(STYLE)
    drawing = hashlib.blake2b(dot.encode("utf-8"), digest_size=8).hexdigest()
    shown: dict[str, str] = st.session_state.setdefault(SHOWN, {})
    place = st.container
    if shown.get(name) != drawing:
        # a block of another kind (never merged away: Streamlit sends every new block) leaves
        # nothing for the new box to take over
        slot = st.empty()
        slot.expander(CLEAR, key=f"{CLEAR}-{name}")
        place = slot.container
    with place(key=f"{KEY}-{name}-{drawing}"):
        st.graphviz_chart(dot, width="stretch")
    shown[name] = drawing

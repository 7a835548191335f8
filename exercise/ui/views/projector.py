"""Projector view for the room's screen: a large clock, the module, its situation and its
questions, readable from the back of the room. Open with `/projector?k=CODE` (the
facilitator's code or an observer code)."""

from __future__ import annotations

import streamlit as st

from exercise.ui.context import current_translator
from exercise.ui.gate import event_store, require_caller
from exercise.ui.live import LiveView, live_fragment
from exercise.ui.views.facilitator.model import current_module
from exercise.ui.views.facilitator.page import clock_words
from exercise.ui.widgets import plain

# Fixed CSS, no user text: larger type on this page only.
_LARGE_TYPE = """<style>
[data-testid="stMain"] h1 { font-size: 6rem; line-height: 1.1; }
[data-testid="stMain"] h2 { font-size: 2.6rem; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.7rem; line-height: 1.45; }
</style>"""


def projector_page() -> None:
    _, _, caller = require_caller("facilitator", "observer")
    st.html(_LARGE_TYPE)
    projector(event_store(), caller.session_id)


@live_fragment()
def projector(view: LiveView) -> None:
    t = current_translator()
    module = current_module(view.state.pack, view.minute)
    shown, mode = clock_words(view, t, players=True)
    st.markdown(f"# {shown}")
    st.caption(plain(mode))
    st.markdown(f"## {plain(t.text(module.title))}")
    for paragraph in t.text(module.situation).split("\n\n"):
        if paragraph.strip():
            st.markdown(plain(paragraph))
    if module.questions:
        st.markdown(f"## {plain(t('console.questions'))}")
        st.markdown("\n".join(f"{n}. {plain(t.text(q))}" for n, q in enumerate(module.questions, 1)))

"""The desk's clock: the scenario time and whether the clock runs. Drawn again only when the
clock changes (started, paused, a new speed, a jump) or the exercise ends; while it runs the
browser moves the time on each scenario minute (`ui.ticking_clock`)."""

from __future__ import annotations

from collections.abc import Hashable

import streamlit as st

from exercise.i18n import Translator
from exercise.ui.context import current_translator
from exercise.ui.gate import stop_if_code_refused
from exercise.ui.live import DESK_SECONDS, LiveView, live_fragment
from exercise.ui.ticking_clock import ticking
from exercise.ui.views.desk.common import player_time
from exercise.ui.widgets import plain

LINE_KEY = "desk-clock"


def clock_shows(view: LiveView) -> Hashable:
    state = view.state
    return state.clock, state.ended, state.player_clock


@live_fragment(run_every=DESK_SECONDS, depends=clock_shows, timeless=True)
def desk_clock(view: LiveView) -> None:
    """The scenario time and whether the clock runs (a small part of its own, so nothing else
    is drawn again when the clock changes)."""
    stop_if_code_refused(view.store, view.session_id)  # a revoked code is shown nothing new
    t = current_translator()
    with st.container(horizontal=True, vertical_alignment="center"):
        with st.container(key=LINE_KEY, width="content"):
            clock_line(view, t)
        ticking(view.state, view.wall, t, LINE_KEY)


def clock_line(view: LiveView, t: Translator) -> None:
    state = view.state
    if state.ended:
        words = t("desk.clock.ended")
    elif not state.clock.started:
        words = t("desk.clock.not_started")
    elif not state.clock.running:
        words = t("desk.clock.paused")
    else:
        words = t("desk.clock.running")
    st.markdown(f"**{player_time(view.minute, view.state, t)}** · {plain(words)}")

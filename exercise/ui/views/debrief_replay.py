"""The debrief's replay: the contact plan beside the contacts observed up to a scenario time,
moved by a slider or played forward one contact time per second (a fragment that reruns while
playing; offline, no script of our own)."""

from __future__ import annotations

import streamlit as st

from exercise.conduct.activity import observed_contacts
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.network.dot import DETAILED_UP_TO, dot_names, render_dot
from exercise.network.findings import hub_of
from exercise.network.graph import planned_graph
from exercise.network.observed import Contact, observed_graph
from exercise.ui.clock_words import time_text
from exercise.ui.graph_view import graph_chart

MINUTE_KEY = "debrief.replay.minute"
PLAYING_KEY = "debrief.replay.playing"
SHOWN_KEY = "debrief.replay.shown"  # the minute drawn last: playing steps on from it
STEP_SECONDS = 1.0


def replay_moments(contacts: list[Contact]) -> list[int]:
    """The scenario minutes the slider stops at: every minute a contact was made."""
    return sorted({contact.time for contact in contacts})


def made_by(contacts: list[Contact], minute: int) -> list[Contact]:
    return [contact for contact in contacts if contact.time <= minute]


def replay_dots(state: ExerciseState, contacts: list[Contact], minute: int, lang: str
                ) -> tuple[str, str]:
    """The plan, and the plan overlaid with the contacts made by `minute`."""
    pack = state.pack
    plan = planned_graph(pack, lang)
    names = dot_names(pack, lang, hub_of(plan))
    observed = observed_graph(made_by(contacts, minute), pack)
    return (render_dot(plan, lang=lang, names=names),
            render_dot(plan, observed, lang=lang, names=names))


def replay_panel(state: ExerciseState, t: Translator) -> None:
    st.subheader(t("graph.replay.title"), anchor=False)
    contacts = observed_contacts(state)
    moments = replay_moments(contacts)
    if not moments:
        st.caption(t("graph.replay.none"))
        return
    st.caption(t("graph.replay.caption"))
    if st.button(t("graph.replay.play"), key="debrief.replay.play", icon=":material/play_arrow:"):
        st.session_state[PLAYING_KEY] = True
        st.session_state[MINUTE_KEY] = moments[0]
        st.session_state[SHOWN_KEY] = None
    playing = bool(st.session_state.get(PLAYING_KEY))
    st.fragment(run_every=STEP_SECONDS if playing else None)(_replay)(state, contacts, moments, t)


def _replay(state: ExerciseState, contacts: list[Contact], moments: list[int], t: Translator
            ) -> None:
    if st.session_state.get(MINUTE_KEY) not in moments:
        st.session_state[MINUTE_KEY] = moments[-1]
    elif st.session_state.get(PLAYING_KEY) and st.session_state.get(SHOWN_KEY) == \
            st.session_state[MINUTE_KEY]:
        at = moments.index(st.session_state[MINUTE_KEY])
        if at + 1 < len(moments):
            st.session_state[MINUTE_KEY] = moments[at + 1]
        else:
            st.session_state[PLAYING_KEY] = False
            st.rerun(scope="app")  # stop the timer
    minute = int(st.select_slider(t("graph.replay.time"), moments, key=MINUTE_KEY,
                                  format_func=lambda m: time_text(m, state.pack, t)))
    st.session_state[SHOWN_KEY] = minute
    when = time_text(minute, state.pack, t)
    plan_dot, observed_dot = replay_dots(state, contacts, minute, t.lang)
    # a large pack's drawing needs the page's width to keep its names readable: the plan
    # then comes above the replay instead of beside it
    if len(state.pack.agencies) > DETAILED_UP_TO:
        left = right = st.container()
    else:
        left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('graph.replay.plan')}**")
        graph_chart(plan_dot, "replay-plan")
    with right:
        st.markdown(f"**{t('graph.replay.observed', time=when)}**")
        st.caption(t("graph.replay.count", count=len(made_by(contacts, minute)), time=when))
        graph_chart(observed_dot, "replay-observed")

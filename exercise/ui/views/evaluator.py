"""Evaluator view, opened with `/evaluate?k=EVALUATOR_CODE`: the timeline of play, observations
(strength or area for improvement, linked to an objective or critical task and an agency,
stamped with scenario time) and P/S/M/U ratings per objective and core capability. An observer
code opens the same page read-only; the role is checked here, inside the page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exercise.conduct.reading import session_state
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.report.timeline import timeline
from exercise.report.words import capability as capability_name
from exercise.ui.context import current_translator
from exercise.ui.gate import require_caller
from exercise.ui.live import LiveView, live_fragment
from exercise.ui.views.desk.common import minute_text, party_name
from exercise.ui.views.evaluator_forms import (
    RATING_CODES,
    objective_label,
    observation_form,
    rating_form,
    ratings_key,
)

URL_PATH = "evaluate"
ROLES = ("evaluator", "observer", "facilitator")


def evaluator_page() -> None:
    t = current_translator()
    store, token, caller = require_caller(*ROLES)
    read_only = caller.role == "observer"
    st.title(t("evaluate.title"), anchor=False)
    if read_only:
        st.info(t("evaluate.read_only"))
    evaluation_live(store, caller.session_id)
    if read_only:
        return
    state = session_state(store, caller.session_id)
    observe, rate = st.tabs([t("evaluate.tab.observe"), t("evaluate.tab.rate")], key="evaluate.tab")
    with observe:
        observation_form(store, token, state, t)
    with rate:
        ratings_key(t)
        rating_form(store, token, state, t)


@live_fragment(run_every=5.0)
def evaluation_live(view: LiveView) -> None:
    t = current_translator()
    state = view.state
    st.markdown(f"**{minute_text(view.minute, state.pack, t)}**")
    play, observations, ratings = st.tabs([
        t("evaluate.tab.timeline"), t("evaluate.tab.observations"), t("evaluate.tab.ratings")],
        key="evaluate.live.tab")
    with play:
        timeline_table(state, t)
    with observations:
        observations_table(state, t)
    with ratings:
        ratings_table(state, t)


def timeline_table(state: ExerciseState, t: Translator) -> None:
    rows = timeline(state, t.lang)
    if not rows:
        st.caption(t("evaluate.timeline.empty"))
        return
    frame = pd.DataFrame([(r.time, r.kind, r.actor, r.text) for r in reversed(rows)],
                         columns=[t("evaluate.col.time"), t("evaluate.col.kind"),
                                  t("evaluate.col.who"), t("evaluate.col.what")])
    st.dataframe(frame, hide_index=True, width="stretch")


def observations_table(state: ExerciseState, t: Translator) -> None:
    if not state.observations:
        st.caption(t("evaluate.observations.empty"))
        return
    pack, lang = state.pack, t.lang
    rows = [(minute_text(o.scenario_minute, state.pack, t), t(f"evaluate.kind.{o.kind}"),
             o.critical_task or objective_label(state, o.objective or "", t),
             party_name(pack, o.agency, lang), o.inject_id or "", o.text, o.evaluator)
            for o in reversed(state.observations)]
    frame = pd.DataFrame(rows, columns=[
        t("evaluate.col.time"), t("evaluate.col.kind"), t("evaluate.col.linked"),
        t("evaluate.col.agency"), t("evaluate.col.inject"), t("evaluate.col.text"),
        t("evaluate.col.evaluator")])
    st.dataframe(frame, hide_index=True, width="stretch")


def ratings_table(state: ExerciseState, t: Translator) -> None:
    current = {(r.objective, r.capability): r for r in state.current_ratings()}
    rows = []
    for objective in state.pack.objectives:
        for capability in objective.core_capabilities:
            found = current.get((objective.id, capability))
            rows.append((objective_label(state, objective.id, t), capability_name(t, capability),
                         found.rating if found else "",
                         t(f"rating.{found.rating}") if found and found.rating in RATING_CODES else "",
                         found.rationale if found else "",
                         minute_text(found.scenario_minute, state.pack, t) if found else ""))
    frame = pd.DataFrame(rows, columns=[
        t("evaluate.col.objective"), t("evaluate.col.capability"), t("evaluate.col.rating"),
        t("evaluate.col.meaning"), t("evaluate.col.rationale"), t("evaluate.col.time")])
    st.dataframe(frame, hide_index=True, width="stretch")

"""The evaluator's forms: an observation linked to an objective or critical task, and a P/S/M/U
rating with its rationale for one objective and core capability, with the HSEEP ratings key."""

from __future__ import annotations

import streamlit as st

from exercise.conduct.evaluation import OBSERVATION_KINDS, record_observation, record_rating
from exercise.conduct.ports import EventStore
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.report.words import capability as capability_name
from exercise.ui.gate import run_command
from exercise.ui.views.desk.common import (
    flash,
    minute_text,
    nonce,
    party_name,
    renew,
    show_flash,
)
from exercise.ui.widgets import plain

RATING_CODES = ("P", "S", "M", "U")


def objective_label(state: ExerciseState, objective_id: str, t: Translator) -> str:
    for objective in state.pack.objectives:
        if objective.id == objective_id:
            return f"{objective.id} · {t.text(objective.title)}"
    return objective_id


def link_targets(state: ExerciseState, t: Translator) -> dict[str, str]:
    """`objective:ID` and `task:ID` -> label, each objective followed by its critical tasks."""
    targets: dict[str, str] = {}
    for objective in state.pack.objectives:
        targets[f"objective:{objective.id}"] = objective_label(state, objective.id, t)
        for task in objective.critical_tasks:
            targets[f"task:{task.id}"] = f"    {task.id} · {t.text(task.title)}"
    return targets


def observation_form(store: EventStore, token: str, state: ExerciseState, t: Translator) -> None:
    key = "evaluate.observation"
    show_flash(f"{key}.flash")
    pack, lang = state.pack, t.lang
    targets = link_targets(state, t)
    agencies: list[str | None] = [None, *(a.id for a in pack.agencies)]
    injects: list[str | None] = [None, *sorted(state.releases)]
    with st.form(key):
        kind = st.radio(t("evaluate.observation.kind"), OBSERVATION_KINDS, horizontal=True,
                        key=f"{key}.kind", format_func=lambda k: t(f"evaluate.kind.{k}"))
        target = st.selectbox(t("evaluate.observation.linked"), list(targets), key=f"{key}.target",
                              format_func=targets.__getitem__)
        agency = st.selectbox(t("evaluate.observation.agency"), agencies, key=f"{key}.agency",
                              format_func=lambda a: party_name(pack, a, lang) if a
                              else t("evaluate.none"))
        inject = st.selectbox(t("evaluate.observation.inject"), injects, key=f"{key}.inject",
                              format_func=lambda i: f"{i} · {t.text(state.inject(i).title)}" if i
                              else t("evaluate.none"))
        text = st.text_area(t("evaluate.observation.text"),
                            key=f"{key}.text.{nonce(key + '.nonce')}", max_chars=4000)
        recorded = st.form_submit_button(t("evaluate.observation.submit"), type="primary")
    if not recorded:
        return
    what, _, item = str(target).partition(":")
    event = run_command(record_observation, store, token, kind, text,
                        objective=item if what == "objective" else None,
                        critical_task=item if what == "task" else None,
                        agency=agency, inject_id=inject, request_id=nonce(f"{key}.nonce"))
    if event is not None:
        renew(f"{key}.nonce")
        flash("success", t("evaluate.observation.recorded",
                           time=minute_text(event.scenario_minute, state.pack, t)), f"{key}.flash")
        st.rerun()


def ratings_key(t: Translator) -> None:
    with st.expander(t("evaluate.key.title")):
        for code in RATING_CODES:
            st.markdown(f"**{code} — {plain(t(f'rating.{code}'))}**")
            st.caption(plain(t(f"rating.{code}.definition")))


def rating_form(store: EventStore, token: str, state: ExerciseState, t: Translator) -> None:
    key = "evaluate.rating"
    show_flash(f"{key}.flash")
    pairs = [(o.id, c) for o in state.pack.objectives for c in o.core_capabilities]
    current = {(r.objective, r.capability): r for r in state.current_ratings()}
    with st.form(key):
        index = st.selectbox(t("evaluate.rating.pair"), range(len(pairs)), key=f"{key}.pair",
                             format_func=lambda i: f"{objective_label(state, pairs[i][0], t)} — "
                             f"{capability_name(t, pairs[i][1])}")
        rating = st.radio(t("evaluate.rating.rating"), RATING_CODES, horizontal=True,
                          key=f"{key}.code", index=None,
                          format_func=lambda c: f"{c} — {t(f'rating.{c}')}")
        rationale = st.text_area(t("evaluate.rating.rationale"), key=f"{key}.rationale",
                                 max_chars=4000)
        rated = st.form_submit_button(t("evaluate.rating.submit"), type="primary")
    if current:
        st.caption(t("evaluate.rating.replaces"))
    if not rated:
        return
    if rating is None:
        st.error(t("evaluate.rating.choose"))
        return
    objective, capability = pairs[int(index)]
    event = run_command(record_rating, store, token, objective, capability, rating, rationale)
    if event is not None:
        flash("success", t("evaluate.rating.recorded", rating=rating,
                           capability=capability_name(t, capability)), f"{key}.flash")
        st.rerun()


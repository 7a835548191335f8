"""Hot wash and feedback, opened with `/hotwash?k=CODE` by the facilitator or an evaluator:
the hot-wash prompts and notes, the improvement-plan editor (pre-filled with suggested rows),
the participant feedback form, and — for the facilitator — closing the exercise session."""

from __future__ import annotations

import streamlit as st

from exercise.conduct.evaluation import HOTWASH_KINDS, note_hotwash
from exercise.conduct.facilitation import end_session
from exercise.conduct.ports import EventStore
from exercise.conduct.reading import session_state
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.ui.context import current_translator
from exercise.ui.gate import require_caller, run_command
from exercise.ui.views.desk.common import (
    flash,
    minute_text,
    nonce,
    party_name,
    renew,
    show_flash,
)
from exercise.ui.views.desk.feedback import feedback_form
from exercise.ui.views.hotwash_plan import improvement_editor
from exercise.ui.widgets import plain

URL_PATH = "hotwash"
PROMPTS = ("went_well", "improve", "communications", "change")
FEEDBACK_ROLE = {"facilitator": "Facilitator", "evaluator": "Evaluator"}


def hotwash_page() -> None:
    t = current_translator()
    store, token, caller = require_caller("facilitator", "evaluator", "observer")
    state = session_state(store, caller.session_id)
    st.title(t("hotwash.title"), anchor=False)
    st.caption(plain(t.text(state.name)))
    writer = caller.role in ("facilitator", "evaluator")
    notes, plan, feedback, close = st.tabs([
        t("hotwash.tab.notes"), t("hotwash.tab.plan"), t("hotwash.tab.feedback"),
        t("hotwash.tab.close")], key="hotwash.tab",
        default=t("hotwash.tab.plan") if st.query_params.get("tab") == "plan" else None)
    with notes:
        prompts(t)
        if writer:
            note_form(store, token, state, t)
        notes_list(state, t)
    with plan:
        if writer:
            improvement_editor(store, token, state, t)
        else:
            st.info(t("hotwash.plan.read_only"))
    with feedback:
        if caller.role in FEEDBACK_ROLE:
            feedback_form(store, token, state, t, role=FEEDBACK_ROLE[caller.role], agency=None)
        else:  # the observer code is also on the room's projector
            st.info(t("conduct.feedback.observer"))
        st.caption(t("hotwash.feedback.count", count=len(state.feedback)))
    with close:
        closing(store, token, state, t, caller.role)


def prompts(t: Translator) -> None:
    st.markdown(f"**{plain(t('hotwash.prompts'))}**")
    for name in PROMPTS:
        st.markdown("- " + plain(t(f"hotwash.prompt.{name}")))


def note_form(store: EventStore, token: str, state: ExerciseState, t: Translator) -> None:
    key = "hotwash.note"
    show_flash(f"{key}.flash")
    pack, lang = state.pack, t.lang
    agencies: list[str | None] = [None, *(a.id for a in pack.agencies)]
    with st.form(key):
        kind = st.radio(t("hotwash.note.kind"), HOTWASH_KINDS, horizontal=True, key=f"{key}.kind",
                        format_func=lambda k: t(f"hotwash.kind.{k}"))
        # keyed like the text: after a note, the next one starts as a general note again
        agency = st.selectbox(t("hotwash.note.agency"), agencies,
                              key=f"{key}.agency.{nonce(key + '.nonce')}",
                              format_func=lambda a: party_name(pack, a, lang) if a
                              else t("evaluate.none"))
        text = st.text_area(t("hotwash.note.text"), key=f"{key}.text.{nonce(key + '.nonce')}",
                            max_chars=4000)
        noted = st.form_submit_button(t("hotwash.note.submit"), type="primary")
    if not noted:
        return
    event = run_command(note_hotwash, store, token, kind, text, agency=agency,
                        request_id=nonce(f"{key}.nonce"))
    if event is not None:
        renew(f"{key}.nonce")
        flash("success", t("hotwash.note.recorded"), f"{key}.flash")
        st.rerun()


def notes_list(state: ExerciseState, t: Translator) -> None:
    if not state.hotwash:
        st.caption(t("hotwash.notes.empty"))
        return
    for note in reversed(state.hotwash):
        who = party_name(state.pack, note.agency, t.lang)
        head = " · ".join(p for p in (minute_text(note.scenario_minute, state.pack, t),
                                      t(f"hotwash.kind.{note.kind}"), who) if p)
        st.caption(plain(head))
        st.markdown(plain(note.text))


def closing(store: EventStore, token: str, state: ExerciseState, t: Translator,
            role: str) -> None:
    joined = [table for table in state.tables if table.joined]
    st.markdown(plain(t("hotwash.close.summary", feedback=len(state.feedback),
                        tables=len(joined), notes=len(state.hotwash),
                        items=len(state.improvement_items))))
    if state.ended:
        st.success(t("hotwash.close.ended", time=minute_text(state.ended_minute, state.pack, t)))
        return
    if role != "facilitator":
        st.info(t("hotwash.close.facilitator_only"))
        return
    st.caption(t("hotwash.close.help"))
    sure = st.checkbox(t("hotwash.close.confirm"), key="hotwash.close.confirm")
    if st.button(t("hotwash.close.submit"), disabled=not sure, type="primary",
                 key="hotwash.close.submit"):
        if run_command(end_session, store, token) is not None:
            st.rerun()

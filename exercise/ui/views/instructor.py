"""Instructor overview for classrooms: several sessions of the same pack side by side — clock,
module, progress and unanswered injects per table. The instructor pastes the facilitator
codes of those sessions; they are kept in the URL (`?k=code,code`) so a reload keeps them."""

from __future__ import annotations

import re

import streamlit as st

from exercise.conduct.access import Caller, authorize
from exercise.conduct.activity import response_metrics
from exercise.conduct.errors import ConductError, refusal
from exercise.conduct.ports import EventStore
from exercise.conduct.reading import session_state
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.network.dot import dot_names, render_dot
from exercise.network.graph import planned_graph
from exercise.network.observed import observed_graph
from exercise.report.annex import observed_contacts
from exercise.report.compare import compare_sessions, comparison_rows
from exercise.ui.context import current_translator
from exercise.ui.gate import CODE_PARAM, event_store
from exercise.ui.graph_view import graph_chart
from exercise.ui.live import LiveView, live_fragment
from exercise.ui.views.facilitator.model import current_module
from exercise.ui.views.facilitator.page import clock_words
from exercise.ui.widgets import plain

MAX_SESSIONS = 30


def codes_from(text: str) -> list[str]:
    """Codes separated by commas, spaces or new lines; links are reduced to their code."""
    found = []
    for part in text.replace(",", " ").split():
        code = part.split("k=", 1)[1].split("&", 1)[0] if "k=" in part else part
        if code and code not in found:
            found.append(code)
    return found[:MAX_SESSIONS]


def facilitator_sessions(store: EventStore, codes: list[str]) -> tuple[list[Caller], list[str]]:
    """The sessions behind facilitator codes, and a message for every code that is not one."""
    callers: list[Caller] = []
    problems: list[str] = []
    for number, code in enumerate(codes, 1):
        try:
            caller = authorize(store, code)
            caller.require("facilitator", doing="follow a session in the instructor overview")
        except ConductError as exc:
            problems.append(f"#{number}: {refusal(exc, current_translator())}")
            continue
        if caller.session_id not in {c.session_id for c in callers}:
            callers.append(caller)
    return callers, problems


def instructor_page() -> None:
    t = current_translator()
    st.title(t("instructor.title"), anchor=False)
    st.caption(t("instructor.intro"))
    store = event_store()
    in_url = str(st.query_params.get(CODE_PARAM, ""))
    with st.form("instructor.codes"):
        text = st.text_area(t("instructor.codes"), value=in_url.replace(",", "\n"), height=120)
        if st.form_submit_button(t("instructor.follow"), type="primary"):
            st.query_params[CODE_PARAM] = ",".join(codes_from(text))
            st.rerun()
    callers, problems = facilitator_sessions(store, codes_from(in_url))
    for problem in problems:
        st.error(plain(problem))
    if not callers:
        return
    packs = {_pack_id(store, c) for c in callers}
    if len(packs) > 1:
        st.warning(plain(t("instructor.mixed_packs", packs=", ".join(sorted(packs)))))
    columns = st.columns(min(3, len(callers)))
    for index, caller in enumerate(callers):
        with columns[index % len(columns)].container(border=True):
            session_card(store, caller.session_id)
    if len(packs) == 1 and len(callers) > 1 and st.toggle(t("instructor.compare")):
        comparison_section(store, [c.session_id for c in callers], t)


def comparison_section(store: EventStore, session_ids: list[str], t: Translator) -> None:
    """The debrief that compares tables: response figures, differences in words, and each
    table's observed contacts drawn over the contact plan."""
    states = [session_state(store, session_id) for session_id in session_ids]
    comparison = compare_sessions(states, t.lang)
    st.subheader(t("instructor.compare"), anchor=False)
    rows = [{column_title(key, t): value for key, value in row.items()}
            for row in comparison_rows(comparison)]
    st.dataframe(rows, hide_index=True)  # the same figures as the cards
    for finding in comparison.findings:
        st.markdown(f"- {plain(finding)}")
    columns = st.columns(min(3, len(states)))
    for index, state in enumerate(states):
        with columns[index % len(columns)]:
            st.caption(plain(state.name or state.session_id))
            graph_chart(_observed_dot(state.session_id, state.seq, state, t.lang),
                        f"instructor-{index}")


def column_title(key: str, t: Translator) -> str:
    """A comparison column's title in the page's language."""
    slug = re.sub(r"[^a-z]+", "_", key).strip("_")
    return t(f"compare.column.{slug}")


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs={ExerciseState: lambda s: None})
def _observed_dot(session_id: str, seq: int, state: ExerciseState, lang: str) -> str:
    observed = observed_graph(observed_contacts(state), state.pack)
    return render_dot(planned_graph(state.pack, lang), observed, lang,
                      names=dot_names(state.pack, lang))


def _pack_id(store: EventStore, caller: Caller) -> str:
    record = store.session(caller.session_id)
    return record.pack_id if record else "?"


def card_lines(view: LiveView, t: Translator) -> list[str]:
    """A session's card as Markdown lines (every text escaped)."""
    state = view.state
    shown, mode = clock_words(view, t)
    module = current_module(state.pack, view.minute)
    metrics = response_metrics(state)  # the figures of the comparison table and the report
    lines = [f"### {plain(state.name or state.session_id)}", f"**{shown}** · {plain(mode)}",
             plain(f"{t('console.module')}: {t.text(module.title)}"),
             plain(t("instructor.progress", released=metrics.released,
                     planned=metrics.planned_injects))]
    if metrics.adhoc_released:
        lines[-1] += " " + plain(t("instructor.adhoc", count=metrics.adhoc_released))
    waiting = {m.agency: m.unanswered for m in metrics.agencies}
    for table in sorted(state.tables, key=lambda x: x.label):
        count = sum(waiting.get(a, 0) for a in table.agencies)
        line = plain(t("instructor.unanswered", table=table.label, count=count))
        lines.append(f"- **{line}**" if count else f"- {line}")
    return lines


@live_fragment()
def session_card(view: LiveView) -> None:
    t = current_translator()
    lines = card_lines(view, t)
    st.markdown("  \n".join(lines[:4]))
    st.markdown("\n".join(lines[4:]))

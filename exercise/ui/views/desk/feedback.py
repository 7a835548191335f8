"""The HSEEP participant feedback form, for every table (on its desk) and for the facilitator,
evaluators and observers (on the hot-wash page). One submission, one command."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from exercise.conduct.evaluation import (
    FEEDBACK_STATEMENTS,
    PRIORITIES,
    REVIEW_CATEGORIES,
    submit_feedback,
)
from exercise.conduct.ports import EventStore
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.ui.gate import run_command
from exercise.ui.views.desk.common import flash, nonce, renew, show_flash
from exercise.ui.widgets import plain

if TYPE_CHECKING:
    from streamlit.elements.lib.column_types import ColumnConfig

SCALE = (1, 2, 3, 4, 5)


def feedback_form(store: EventStore, token: str, state: ExerciseState, t: Translator, *,
                  role: str, agency: str | None) -> None:
    key = f"feedback.{agency or role}"
    show_flash(f"{key}.flash")
    st.caption(t("feedback.intro"))
    with st.form(f"{key}.form"):
        respondent = st.text_input(t("feedback.name"), key=f"{key}.name", max_chars=200)
        # the role comes from the code (a table's players, an evaluator, the facilitator)
        st.caption(plain(f"{t('feedback.role')}: {t(f'feedback.role.{role}')}"))
        st.caption(t("conduct.feedback.replaces"))
        st.markdown(f"**{plain(t('feedback.part1'))}**")
        strengths = [st.text_input(t("feedback.strength", n=n), key=f"{key}.s{n}", max_chars=1000)
                     for n in (1, 2, 3)]
        improvements = [st.text_input(t("feedback.improvement", n=n), key=f"{key}.i{n}",
                                      max_chars=1000) for n in (1, 2, 3)]
        unobserved = st.text_area(t("feedback.unobserved"), key=f"{key}.unobserved",
                                  max_chars=4000)
        actions = _rows_editor(f"{key}.actions", {
            "action": st.column_config.TextColumn(t("feedback.action"), max_chars=1000),
            "priority": _priority_column(t),
            "responsible": st.column_config.TextColumn(t("feedback.responsible"), max_chars=200)})
        reviews = _rows_editor(f"{key}.reviews", {
            "item": st.column_config.TextColumn(t("feedback.review_item"), max_chars=1000),
            "category": st.column_config.SelectboxColumn(
                t("feedback.category"), options=REVIEW_CATEGORIES,
                format_func=lambda c: t(f"room2.category.{c}")),
            "priority": _priority_column(t)})
        st.markdown(f"**{plain(t('feedback.part2'))}**")
        st.caption(t("feedback.scale"))
        ratings = {name: st.radio(t(f"feedback.statement.{name}"), SCALE, index=None,
                                  horizontal=True, key=f"{key}.rate.{name}")
                   for name in FEEDBACK_STATEMENTS}
        submitted = st.form_submit_button(t("feedback.submit"), type="primary")
    if not submitted:
        return
    answers = {
        "strengths": [s for s in strengths if s.strip()],
        "improvements": [i for i in improvements if i.strip()],
        "unobserved": unobserved,
        "corrective_actions": rows(actions, "action", {"priority": "Medium"}),
        "review_items": rows(reviews, "item", {"category": "plans", "priority": "Medium"}),
        "ratings": {name: int(value) for name, value in ratings.items() if value is not None},
    }
    event = run_command(submit_feedback, store, token, answers, respondent=respondent,
                        role=role, agency=agency, request_id=nonce(f"{key}.nonce"))
    if event is not None:
        renew(f"{key}.nonce")
        flash("success", t("feedback.thanks"), f"{key}.flash")
        st.rerun()


def _priority_column(t: Translator) -> ColumnConfig:
    """High, medium or low in the reader's language (the value kept is the code)."""
    return st.column_config.SelectboxColumn(t("feedback.priority"), options=PRIORITIES,
                                            format_func=lambda p: t(f"room2.priority.{p}"))


def rows(frame: pd.DataFrame, required: str, defaults: dict[str, str]) -> list[dict[str, str]]:
    """The filled rows of an editor table, blanks given their defaults."""
    found = []
    for record in frame.to_dict("records"):
        if not str(record.get(required) or "").strip():
            continue
        row = {k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
               for k, v in record.items()}
        for name, default in defaults.items():
            row[name] = row.get(name) or default
        found.append(row)
    return found


def _rows_editor(key: str, columns: Mapping[str, ColumnConfig]) -> pd.DataFrame:
    """An empty table of text columns the person fills in, one row per item."""
    empty = pd.DataFrame({name: pd.Series(dtype="str") for name in columns})
    return st.data_editor(empty, num_rows="dynamic", key=key, width="stretch",
                          column_config=columns)

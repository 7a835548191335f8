"""The improvement-plan editor: a table pre-filled with the saved rows (or, before any is saved,
with rows suggested from areas for improvement and failed messages); each new or changed row
is saved as one improvement-plan item."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from exercise.conduct.errors import ConductError, refusal
from exercise.conduct.evaluation import CAPABILITY_ELEMENTS, save_improvement_item
from exercise.conduct.ports import EventStore
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.report.improvement import suggested_items
from exercise.report.words import capability as capability_name
from exercise.report.words import element as element_name
from exercise.scenario.capabilities import CORE_CAPABILITIES
from exercise.ui.views.desk.common import flash, nonce, renew, show_flash
from exercise.ui.widgets import plain

FIELDS = ("core_capability", "issue", "corrective_action", "capability_element",
          "responsible_organization", "poc", "start_date", "completion_date")
KEY = "hotwash.plan"


def plan_rows(state: ExerciseState, lang: str) -> list[dict[str, str]]:
    """The saved rows, then the suggested ones (without an id) not saved yet: a save of some
    rows keeps the others on offer after a reload. A suggestion counts as saved when a saved
    row has its issue."""
    saved = sorted(state.improvement_items.values(), key=lambda item: item.seq)
    rows = [{"item_id": i.item_id, **{f: str(getattr(i, f) or "") for f in FIELDS}} for i in saved]
    return rows + suggested_rows(state, lang)


def suggested_rows(state: ExerciseState, lang: str) -> list[dict[str, str]]:
    taken = {str(item.issue or "").strip() for item in state.improvement_items.values()}
    rows = []
    for item in suggested_items(state, lang):
        if str(item.issue or "").strip() in taken:
            continue
        element = item.capability_element if item.capability_element in CAPABILITY_ELEMENTS else ""
        rows.append({"item_id": "", "core_capability": item.core_capability, "issue": item.issue,
                     "corrective_action": item.corrective_action, "capability_element": element,
                     "responsible_organization": item.primary_organization, "poc": item.poc,
                     "start_date": item.start_date, "completion_date": item.completion_date})
    return rows


def improvement_editor(store: EventStore, token: str, state: ExerciseState, t: Translator) -> None:
    show_flash(f"{KEY}.flash")
    rows = [{**row, "core_capability": capability_name(t, row["core_capability"])}
            for row in plan_rows(state, t.lang)]
    waiting = sum(1 for row in rows if not row["item_id"])
    if waiting:
        st.caption(t("hotwash.plan.suggested", count=waiting))
    frame = pd.DataFrame(rows, columns=["item_id", *FIELDS]).fillna("")
    config: dict[str, Any] = {
        "item_id": None,  # hidden: which saved row a line revises
        "capability_element": st.column_config.SelectboxColumn(
            t("hotwash.plan.col.capability_element"), options=CAPABILITY_ELEMENTS,
            format_func=lambda name: element_name(t, str(name))),
    }
    for name in FIELDS:
        if name != "capability_element":
            config[name] = st.column_config.TextColumn(t(f"hotwash.plan.col.{name}"),
                                                       max_chars=4000 if name in (
                                                           "issue", "corrective_action") else 200)
    edited = st.data_editor(frame, num_rows="add", hide_index=True, width="stretch",
                            column_config=config, key=f"{KEY}.editor.{nonce(KEY + '.nonce')}")
    if not st.button(t("hotwash.plan.save"), type="primary", key=f"{KEY}.save"):
        return
    saved, problems = save_rows(store, token, state, edited, t)
    for problem in problems:
        st.error(plain(problem))
    if saved and not problems:
        renew(f"{KEY}.nonce")
        flash("success", t("hotwash.plan.saved", count=saved), f"{KEY}.flash")
        st.rerun()
    elif saved:
        st.success(t("hotwash.plan.saved", count=saved))


def save_rows(store: EventStore, token: str, state: ExerciseState,
              edited: pd.DataFrame, t: Translator) -> tuple[int, list[str]]:
    """Save every new or changed row; the problems say which row and what to fix."""
    saved, problems = 0, []
    # A core capability is shown in the reader's language and kept by its HSEEP name.
    english = {capability_name(t, name): name for name, _ in CORE_CAPABILITIES}
    for number, record in enumerate(edited.fillna("").to_dict("records"), start=1):
        values = {name: str(record.get(name) or "").strip() for name in FIELDS}
        values["core_capability"] = english.get(values["core_capability"], values["core_capability"])
        if not any(values.values()):
            continue
        item_id = str(record.get("item_id") or "") or None
        known = state.improvement_items.get(item_id or "")
        if known is not None and all(str(getattr(known, f) or "") == values[f] for f in FIELDS):
            continue
        try:
            save_improvement_item(
                store, token, item_id=item_id, core_capability=values["core_capability"],
                issue=values["issue"], corrective_action=values["corrective_action"],
                capability_element=values["capability_element"],
                responsible_organization=values["responsible_organization"], poc=values["poc"],
                start_date=values["start_date"], completion_date=values["completion_date"])
        except ConductError as exc:
            problems.append(t("hotwash.plan.row_problem", row=number, problem=refusal(exc, t)))
            continue
        saved += 1
    return saved, problems

"""Edit a pack: agencies, links, modules and injects in tables, checked by the loader on every
edit, with each problem shown on its table row. Fields the tables cannot carry are kept from
the pack. The result is saved as a new uploaded pack (a shipped pack is never written over) or
downloaded, and its MSEL and roster can be downloaded as spreadsheets."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from exercise.i18n import Translator
from exercise.scenario.models import (
    AgencyLevel,
    FormalBasis,
    InjectType,
    LinkDirection,
    ScenarioPack,
)
from exercise.scenario.spreadsheets.msel_export import msel_table
from exercise.scenario.spreadsheets.roster_export import roster_tables
from exercise.scenario.spreadsheets.write import write_csv, write_xlsx
from exercise.ui.authoring.checks import CellProblem, EditCheck, check_edits
from exercise.ui.authoring.rows import COLUMNS, ORIGIN, TABLES, Row, pack_rows
from exercise.ui.context import current_translator
from exercise.ui.gate import require_organizer
from exercise.ui.library.catalogue import Origin, PackEntry
from exercise.ui.library.design_check import design_check_panel
from exercise.ui.problem_words import problem_sentence
from exercise.ui.views.authoring_common import choose_base, save_or_download

_LINES = {"questions_en", "questions_zh", "expected_actions_en", "expected_actions_zh"}
_TIMES = {"start", "end", "time"}
_LISTS = {"channels", "to"}
_CHECK_KEY = "edit.last_check"


def authoring_edit_page() -> None:
    t = current_translator()
    st.title(t("edit.title"), anchor=False)
    st.caption(t("edit.intro"))
    if not require_organizer("edit"):
        return
    entry = choose_base(t, "edit.base", t("edit.base"))
    if entry is None or entry.result.pack is None:
        return
    pack = entry.result.pack
    if entry.origin is Origin.shipped:
        st.info(t("edit.shipped_note"))
    rows = pack_rows(pack)
    tabs = st.tabs([*(t(f"edit.tab.{table}") for table in TABLES), t("doctor.tab")])
    edited: dict[str, list[Row]] = {}
    for tab, table in zip(tabs, TABLES, strict=False):  # the last tab is the doctor's
        with tab:
            edited[table] = _table_editor(t, pack, entry, table, rows[table])
    check = _checked(entry, pack, edited, file=f"{pack.metadata.id} ({t('edit.edited')})")
    for tab, table in zip(tabs, TABLES, strict=False):
        located = [p for p in check.problems if p.table == table]
        if located:
            with tab:
                st.error(t("edit.table_problems", count=len(located)))
    _problems(t, check)
    if check.pack is None:
        st.info(t("edit.fix_first"))
        return
    with tabs[-1]:  # the design check of the edited pack
        st.caption(t("doctor.edit_caption"))
        design_check_panel(check.pack, t, check.result.content_hash, check.result, key="edit")
    st.subheader(t("edit.save_title"), anchor=False)
    may_replace = pack.metadata.id if entry.origin is Origin.uploaded else None
    save_or_download(t, check.pack, key=f"edit.save.{entry.key}", default_id=pack.metadata.id,
                     rename_shipped=True, may_replace=may_replace)
    _exports(t, check.pack)


def _checked(entry: PackEntry, pack: ScenarioPack, edited: dict[str, list[Row]], file: str
             ) -> EditCheck:
    """The check of these tables, reused on reruns that changed no cell (typing the id,
    saving, switching tabs)."""
    signature = (entry.key, entry.result.content_hash, file, repr(edited))
    last = st.session_state.get(_CHECK_KEY)
    if last is not None and last[0] == signature:
        return last[1]
    check = check_edits(pack, edited, file=file)
    st.session_state[_CHECK_KEY] = (signature, check)
    return check


def _table_editor(t: Translator, pack: ScenarioPack, entry: PackEntry, table: str,
                  rows: list[Row]) -> list[Row]:
    columns = list(COLUMNS[table])
    frame = pd.DataFrame(rows, columns=[*columns, ORIGIN])
    if table == "injects":
        frame["contingency"] = frame["contingency"].astype(bool)
    result = st.data_editor(
        frame, key=f"edit.{table}.{entry.key}", num_rows="dynamic", hide_index=True,
        column_order=columns, column_config=_column_config(t, pack, table),
        width="stretch")
    st.caption(t(f"sweep.edit.help.{table}") if table == "links" else t(f"edit.help.{table}"))
    return _records(result)


def _records(frame: pd.DataFrame) -> list[Row]:
    cleaned = frame.astype(object).where(frame.notna(), None)
    return [dict(record) for record in cleaned.to_dict("records")]


def _column_config(t: Translator, pack: ScenarioPack, table: str) -> dict[str, Any]:
    config: dict[str, Any] = {}
    choices: dict[str, list[str]] = {
        "level": [e.value for e in AgencyLevel], "direction": [e.value for e in LinkDirection],
        "basis": [e.value for e in FormalBasis], "type": [e.value for e in InjectType],
        "area": [a.id for a in pack.areas],
    }
    areas = {a.id: t.text(a.name) for a in pack.areas}
    for column in COLUMNS[table]:
        label = t(f"edit.col.{column}")
        if column in choices:
            config[column] = st.column_config.SelectboxColumn(
                label, options=choices[column], format_func=partial(_choice_name, t, column, areas))
        elif column == "contingency":
            config[column] = st.column_config.CheckboxColumn(label)
        else:
            help_key = ("edit.col_help.lines" if column in _LINES else "edit.col_help.time"
                        if column in _TIMES else "edit.col_help.list" if column in _LISTS else None)
            config[column] = st.column_config.TextColumn(
                label, help=t(help_key) if help_key else None)
    return config


def _choice_name(t: Translator, column: str, areas: dict[str, str], value: str) -> str:
    """A chooser cell's value as the reader names it (the pack keeps the code)."""
    if column == "area":
        return areas.get(value, value)
    prefix = "inject_type" if column == "type" else column
    return t(f"{prefix}.{value}")


def _problems(t: Translator, check: EditCheck) -> None:
    if not check.problems:
        st.success(t("edit.valid"))
        return
    errors = len(check.result.errors)
    st.subheader(t("edit.problems_title", errors=errors,
                   warnings=len(check.problems) - errors), anchor=False)
    st.dataframe(pd.DataFrame([_problem_row(t, p) for p in check.problems]),
                 hide_index=True, width="stretch")


def _problem_row(t: Translator, located: CellProblem) -> dict[str, object]:
    problem = located.problem
    what, todo = problem_sentence(problem, t)  # in the reader's language
    return {
        t("edit.problem.where"): _where(t, located),
        t("edit.problem.severity"): t(f"problem.severity.{problem.severity.value}"),
        t("edit.problem.what"): what,
        t("edit.problem.todo"): todo,
    }


def _where(t: Translator, located: CellProblem) -> str:
    if located.table is None or located.row is None:
        return located.problem.dotted_path or located.problem.where
    parts = [t(f"edit.tab.{located.table}"), t("edit.problem.row", row=located.row + 1)]
    if located.key:
        parts[-1] += f" ({located.key})"
    if located.column:
        parts.append(t(f"edit.col.{located.column}"))
    return ", ".join(parts)


def _exports(t: Translator, pack: ScenarioPack) -> None:
    st.subheader(t("edit.export_title"), anchor=False)
    stem = pack.metadata.id
    msel = lambda: msel_table(pack)  # noqa: E731
    sheets = lambda: roster_tables(pack)  # noqa: E731
    files: list[tuple[str, str, Callable[[], bytes]]] = [
        ("edit.export.msel_xlsx", f"{stem}-msel.xlsx", lambda: write_xlsx([("MSEL", *msel())])),
        ("edit.export.msel_csv", f"{stem}-msel.csv", lambda: write_csv(*msel())),
        ("edit.export.roster_xlsx", f"{stem}-roster.xlsx", lambda: write_xlsx(sheets())),
        ("edit.export.agencies_csv", f"{stem}-roster-agencies.csv",
         lambda: write_csv(*sheets()[0][1:])),
        ("edit.export.links_csv", f"{stem}-roster-contact-plan.csv",
         lambda: write_csv(*sheets()[1][1:])),
    ]
    grid = st.columns(len(files))
    for column, (label, name, build) in zip(grid, files, strict=True):
        column.download_button(t(label), data=build, file_name=name,
                               key=f"edit.{label}", on_click="ignore")

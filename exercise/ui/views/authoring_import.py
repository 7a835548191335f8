"""Import a spreadsheet: an MSEL or a roster into a new pack made from a library pack.

The page shows which column fills which field and lets the person change it, previews every
row with its problems, and imports the good rows only when explicitly asked, listing the rows
left out. The result is saved as a new uploaded pack or downloaded; nothing is overwritten.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from exercise.i18n import LANGUAGE_NAMES, Translator
from exercise.scenario.models import ScenarioPack
from exercise.scenario.problems import Severity
from exercise.scenario.spreadsheets.columns import (
    ColumnMapping,
    FieldSpec,
    MappingError,
    guess_mapping,
)
from exercise.scenario.spreadsheets.msel import ImportRefused, merge_msel, msel_changes, read_msel
from exercise.scenario.spreadsheets.msel_columns import MSEL_FIELDS
from exercise.scenario.spreadsheets.msel_values import CellError
from exercise.scenario.spreadsheets.roster import merge_roster, read_roster
from exercise.scenario.spreadsheets.roster_columns import AGENCY_FIELDS, LINK_FIELDS
from exercise.scenario.spreadsheets.tables import (
    MAX_FILE_BYTES,
    SheetProblem,
    SpreadsheetError,
    Table,
    column_letter,
    read_tables,
)
from exercise.scenario.spreadsheets.words import problem_line, problem_words, sentence
from exercise.ui.authoring.columns import (
    IGNORE,
    apply_choices,
    choice_of,
    column_label,
    field_choices,
    parse_choice,
    relabel,
)
from exercise.ui.context import current_translator
from exercise.ui.gate import require_organizer
from exercise.ui.views.authoring_common import choose_base, problem_lines, save_or_download
from exercise.ui.widgets import human_size, plain

KINDS = ("msel", "roster", "pack")
MAX_FILES = 10  # a roster, a contact list and a few MSELs; more is a mistaken selection
SHEET_KINDS: dict[str, tuple[FieldSpec, ...]] = {"agencies": AGENCY_FIELDS, "links": LINK_FIELDS}
READ_KEY = "import.read"
_CHOICES_KEY = "import.choices"


def authoring_import_page() -> None:
    t = current_translator()
    st.title(t("import.title"), anchor=False)
    st.caption(t("import.intro"))
    if not require_organizer("import"):
        return
    kind = st.radio(t("import.kind"), KINDS, format_func=lambda k: t(f"import.kind.{k}"),
                    horizontal=True, key="import.kind")
    if kind == "pack":  # a whole pack from the sheets: a new pack or one of the library
        from exercise.ui.views.authoring_whole import whole_pack

        whole_pack(t)
        return
    base = choose_base(t, "import.base", t("import.base"))
    if base is None or base.result.pack is None:
        return
    tables = uploaded_tables(t, kind)
    if not tables:
        return
    pack = base.result.pack
    if kind == "msel":
        new_pack = _msel(t, pack, tables)
    else:
        new_pack = _roster(t, pack, tables)
    if new_pack is not None:
        st.subheader(t("import.save_title"), anchor=False)
        st.caption(t("import.summary", agencies=len(new_pack.agencies),
                     links=len(new_pack.links), injects=len(new_pack.injects)))
        save_or_download(t, new_pack, key="import.save", default_id=_new_id(pack),
                         rename_shipped=False, may_replace=None)


def _new_id(pack: ScenarioPack) -> str:
    return f"{pack.metadata.id[:55]}-imported"


def uploaded_tables(t: Translator, kind: str) -> list[Table]:
    uploads = st.file_uploader(
        t(f"import.file.{kind}", limit=human_size(MAX_FILE_BYTES)),
        type=["xlsx", "xlsm", "csv", "tsv", "txt"], accept_multiple_files=kind != "msel",
        key=f"import.file.{kind}")
    files = [u for u in (uploads if isinstance(uploads, list) else [uploads]) if u is not None]
    if not files:
        return []
    signature = (t.lang, *(f.file_id for f in files))
    cached = st.session_state.get(READ_KEY)
    if cached is None or cached[0] != signature:
        cached = (signature, _read(t, files))  # read each upload once, not on every rerun
        st.session_state[READ_KEY] = cached
        st.session_state.pop("import.save.outcome", None)  # that message was about another file
    tables, problems = cached[1]
    if problems:
        st.error(t("import.unreadable"))
        sheet_problem_lines(problems, t)
        return []
    return tables


def _read(t: Translator, files: Sequence[object]) -> tuple[list[Table], list[object]]:
    """The tables of the uploads, or the problems that stop them being read (too many files,
    a file too large, a file that is no spreadsheet)."""
    if len(files) > MAX_FILES:
        return [], [t("newpack.upload.too_many", count=len(files), limit=MAX_FILES)]
    tables: list[Table] = []
    for upload in files:
        name = getattr(upload, "name", "upload")
        if getattr(upload, "size", 0) > MAX_FILE_BYTES:
            return [], [t("newpack.upload.too_large", file=name,
                          limit=human_size(MAX_FILE_BYTES))]
        try:
            tables.extend(read_tables(upload.getvalue(), name))  # type: ignore[attr-defined]
        except SpreadsheetError as exc:
            return [], list(exc.problems)
    return tables, []


def _table_id(table: Table) -> str:
    return hashlib.sha1(f"{table.file}\x00{table.sheet}".encode()).hexdigest()[:10]


def _mapping_editor(t: Translator, table: Table, fields: Sequence[FieldSpec], tag: str
                    ) -> ColumnMapping:
    """One selectbox per column showing the field it fills; a change is a user choice."""
    guess = guess_mapping(table, fields)
    store: dict[str, dict[int, str]] = st.session_state.setdefault(_CHOICES_KEY, {})
    choices = store.setdefault(tag, {})
    mapping = apply_choices(guess, choices)
    options = field_choices(fields)
    where = (t("import.header_row", row=mapping.header_row) if mapping.header_row
             else t("import.no_header_row"))
    st.caption(t("import.mapping_help", where=where))
    grid = st.columns(4)
    for column in mapping.columns:
        key = f"import.map.{tag}.{column.index}"
        st.session_state[key] = choice_of(column)
        grid[column.index % 4].selectbox(
            plain(column_label(column)), options, key=key, on_change=_chosen,
            args=(tag, column.index, key),
            format_func=partial(choice_name, t))
    return mapping


def choice_name(t: Translator, choice: str) -> str:
    """A mapping choice as the reader names it: the field (`to`, 接收單位), in one language
    (`title (繁體中文)`, 標題（繁體中文）), or the column left out."""
    if choice == IGNORE:
        return t("import.ignore")
    field, language = parse_choice(choice)
    name = t(f"sweep.field.{field}")
    if language is None:
        return name
    return t("sweep.field.in_language", field=name,
             language=LANGUAGE_NAMES.get(language, language))


def _chosen(tag: str, index: int, key: str) -> None:
    choices = st.session_state[_CHOICES_KEY][tag]
    choices.pop(index, None)  # the latest choice wins a field another column had
    choices[index] = st.session_state[key]


def _msel(t: Translator, pack: ScenarioPack, tables: list[Table]) -> ScenarioPack | None:
    table = _choose_sheet(t, tables)
    start = st.text_input(t("import.start"), key="import.start", placeholder="07:58",
                          help=t("import.start_help")).strip()
    elapsed = st.checkbox(t("import.elapsed"), key="import.elapsed", disabled=bool(start))
    st.subheader(t("import.mapping_title"), anchor=False)
    mapping = _mapping_editor(t, table, MSEL_FIELDS, f"msel.{_table_id(table)}")
    try:
        result = read_msel(table, pack, mapping=mapping, start=start or None,
                           elapsed=elapsed and not start)
    except (MappingError, CellError) as exc:
        reason = sentence(exc.code, exc.values, t)[0] \
            if isinstance(exc, CellError) and exc.code and t.lang != "en" else str(exc)
        st.error(t("import.bad_setting", reason=plain(reason)))
        return None
    sheet_problem_lines(result.problems, t)
    if not result.mapping_ok:
        st.error(t("import.mapping_incomplete"))
        return None
    st.subheader(t("import.preview_title"), anchor=False)
    frame = pd.DataFrame([{
        t("import.col.row"): row.row,
        t("import.col.ok"): "✓" if row.ok else "✗",
        t("import.col.item"): "" if row.inject is None else
        f"{row.inject.id} {row.inject.time} {row.inject.from_} → {', '.join(row.inject.to)}",
        t("import.col.problems"): _row_problems(row.problems, t),
    } for row in result.rows])
    st.dataframe(frame, hide_index=True, width="stretch")
    bad = [(row.row, row.problems) for row in result.bad_rows]
    good_only = _good_rows_choice(t, bad, len(result.rows))
    replace = _msel_diff(t, pack, result)
    return _merge(t, lambda: merge_msel(pack, result, good_rows_only=good_only, replace=replace))


def _msel_diff(t: Translator, pack: ScenarioPack, result: Any) -> bool:
    """What saving would do to the MSEL, by inject number, before anything is saved."""
    st.subheader(t("import.diff_title"), anchor=False)
    missing = msel_changes(pack, result).kept
    replace = bool(missing) and st.checkbox(
        t("import.diff_replace", count=len(missing)), key="import.replace")
    changes = msel_changes(pack, result, replace=replace)
    for label, ids in (("added", changes.added), ("changed", changes.changed),
                       ("kept", changes.kept), ("removed", changes.removed)):
        if ids:
            st.caption(plain(t(f"import.diff.{label}", count=len(ids), ids=", ".join(ids))))
    return replace


def _roster(t: Translator, pack: ScenarioPack, tables: list[Table]) -> ScenarioPack | None:
    st.subheader(t("import.mapping_title"), anchor=False)
    relabelled: list[Table] = []
    for table in tables:
        if not table.rows:
            continue
        name = table.sheet or table.file
        tag = _table_id(table)
        guessed = "links" if {"from", "to"} <= guess_mapping(table, LINK_FIELDS).mapped_fields \
            else "agencies"
        with st.container(border=True):
            sheet_kind = st.radio(t("import.sheet_kind", name=plain(name)),
                                  [*SHEET_KINDS, "skip"], key=f"import.sheet_kind.{tag}",
                                  index=[*SHEET_KINDS, "skip"].index(guessed), horizontal=True,
                                  format_func=lambda k: t(f"import.sheet_kind.{k}"))
            if sheet_kind == "skip":
                continue
            fields = SHEET_KINDS[sheet_kind]
            mapping = _mapping_editor(t, table, fields, f"roster.{sheet_kind}.{tag}")
            relabelled.append(relabel(table, mapping, fields))
    if not relabelled:
        return None
    result = read_roster(relabelled, pack)
    sheet_problem_lines(result.problems, t)
    st.subheader(t("import.preview_title"), anchor=False)
    frame = pd.DataFrame([{
        t("import.col.row"): row.row,
        t("import.col.ok"): "✓" if row.ok else "✗",
        t("import.col.item"): _roster_item(row.item, t),
        t("import.col.problems"): _row_problems(row.problems, t),
    } for row in result.rows])
    st.dataframe(frame, hide_index=True, width="stretch")
    good_only = _good_rows_choice(t, [(r.row, r.problems) for r in result.bad_rows],
                                  len(result.rows))
    return _merge(t, lambda: merge_roster(pack, result, good_rows_only=good_only))


def _roster_item(item: object, t: Translator) -> str:
    if item is None:
        return ""
    if hasattr(item, "from_"):
        return f"{item.from_} → {item.to}: {', '.join(item.channels)}"  # type: ignore[attr-defined]
    level = t(f"level.{item.level.value}")  # type: ignore[attr-defined]
    return f"{item.id} ({level}, {item.area})"  # type: ignore[attr-defined]


def _choose_sheet(t: Translator, tables: list[Table]) -> Table:
    named = [table for table in tables if table.sheet]
    if len(named) < 2:
        return next((table for table in tables if table.rows), tables[0])
    first = next((i for i, table in enumerate(tables) if table.rows), 0)
    index = st.selectbox(t("import.sheet"), range(len(tables)), index=first,
                         key="import.sheet", format_func=lambda i: tables[i].sheet or "")
    return tables[index if index is not None else first]


def _row_problems(problems: Sequence[SheetProblem], t: Translator) -> str:
    lines = []
    for problem in problems:
        column = ""
        if problem.column is not None:
            column = f"{column_letter(problem.column)} {problem.header}".strip() + ": "
        what, todo = problem_words(problem, t)
        hint = f" ({todo})" if todo else ""
        severity = t(f"problem.severity.{problem.severity.value}")
        lines.append(f"{severity}: {column}{what}{hint}")
    return "\n".join(lines)


def sheet_problem_lines(problems: Sequence[object], t: Translator) -> None:
    """Problems of the spreadsheets, located and in the reader's language (others as given)."""
    if problems and all(isinstance(p, SheetProblem) for p in problems):
        text = "\n".join(problem_line(p, t) for p in problems if isinstance(p, SheetProblem))
        st.code(text, language=None, wrap_lines=True)
    else:
        problem_lines(problems)


def _good_rows_choice(t: Translator, bad: list[tuple[int, list]], total: int) -> bool:
    if not bad:
        return False
    st.warning(t("import.bad_rows", bad=len(bad), total=total))
    good_only = st.checkbox(t("import.good_only"), key="import.good_only")
    if good_only:
        st.caption(t("import.left_out", count=len(bad)))
        problem_lines(
            t("sweep.import.row", number=number) + "; ".join(problem_words(p, t)[0] for p in problems
                                                             if p.severity is Severity.error)
            for number, problems in bad)
    return good_only


def _merge(t: Translator, merge: object) -> ScenarioPack | None:
    try:
        return merge()  # type: ignore[operator]
    except ImportRefused as exc:
        reason = sentence(exc.code, exc.values, t)[0] if exc.code and t.lang != "en" else str(exc)
        st.error(t("import.refused", reason=plain(reason)))
        return None

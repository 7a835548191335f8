"""MSEL import: a spreadsheet's rows become a pack's injects, with every problem located at a
file, sheet, row and column, and nothing imported while any row is wrong unless asked.

Usage (the CLI and the app's editor both do this):

    table = read_table(data, "msel.xlsx")
    result = read_msel(table, pack, overrides={"Recipient": "to"}, start="07:58")
    result.mapping            # which column fills which field (show it, let the user change it)
    result.rows               # per row: the inject, or the problems that stop it
    new_pack = merge_msel(pack, result, good_rows_only=False)   # raises ImportRefused

A row whose number matches an inject of the pack updates that inject: columns the sheet does
not have are kept. Injects of the pack that the sheet lacks are kept too (and listed by
`msel_changes`), unless `replace=True`, which removes them (and lists each one).

Times: clock times (07:58) need `start`, the clock time T+00:00 stands for, or `elapsed=True`
to read them as hours and minutes from the start; with a start, 24:00 and later are errors,
and a clock that goes back needs a Day column or dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from exercise.scenario.models import Inject, ScenarioPack
from exercise.scenario.problems import Severity
from exercise.scenario.references import check_references
from exercise.scenario.spreadsheets.columns import (
    ColumnMapping,
    data_rows,
    guess_mapping,
    mapping_problems,
)
from exercise.scenario.spreadsheets.msel_cells import keep_unchanged
from exercise.scenario.spreadsheets.msel_columns import MSEL_FIELDS, MSEL_REQUIRED
from exercise.scenario.spreadsheets.msel_rows import PackIndexes, RowReader, earliest_day, looks_like_clock
from exercise.scenario.spreadsheets.msel_values import ClockStart, cell_text
from exercise.scenario.spreadsheets.tables import RowProblemsMixin, SheetProblem, Table
from exercise.scenario.spreadsheets.validation import validation_problems
from exercise.scenario.spreadsheets.words import PACK_PROBLEM, Items, PackSaid, sentence

_TITLE_CHARS = 80


@dataclass
class MselRow:
    row: int
    inject: Inject | None
    problems: list[SheetProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.inject is not None and not any(
            p.severity is Severity.error for p in self.problems)


@dataclass
class MselImport(RowProblemsMixin):
    table: Table
    mapping: ColumnMapping
    rows: list[MselRow] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)

    @property
    def injects(self) -> list[Inject]:
        return [row.inject for row in self.rows if row.ok and row.inject is not None]

    @property
    def mapping_ok(self) -> bool:
        return not any(p.severity is Severity.error for p in self.problems)


class ImportRefused(Exception):
    """Nothing was imported; `problems` says why."""

    def __init__(self, message: str, problems: list[SheetProblem], code: str = "",
                 values: dict[str, object] | None = None):
        super().__init__(message)
        self.problems = problems
        self.code, self.values = code, dict(values or {})

    @classmethod
    def said(cls, code: str, problems: list[SheetProblem], **values: object) -> ImportRefused:
        """Refused with the catalogue's sentence `sheet.<code>` (in English here)."""
        return cls(sentence(code, values)[0], problems, code, values)


@dataclass
class MselChanges:
    """What an import does to the pack's MSEL, by inject number."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)     # in the pack, not in the sheet: kept
    removed: list[str] = field(default_factory=list)  # the same, removed with replace=True


def read_msel(table: Table, pack: ScenarioPack, *, overrides: dict[str, str] | None = None,
              mapping: ColumnMapping | None = None, start: str | ClockStart | None = None,
              elapsed: bool = False) -> MselImport:
    """Read every data row of `table` as an inject of `pack`; raises MappingError for an
    explicit mapping that names an unknown column or field, and CellError for a bad start."""
    mapping = mapping or guess_mapping(table, MSEL_FIELDS)
    if overrides:
        mapping = mapping.with_overrides(overrides, MSEL_FIELDS)
    result = MselImport(table, mapping, problems=list(table.notes))
    result.problems += mapping_problems(table, mapping, MSEL_REQUIRED, MSEL_FIELDS)
    if not result.mapping_ok:
        return result
    rows = data_rows(table, mapping)
    time_column = mapping.column("time")
    clock = ClockStart.parse(start) if isinstance(start, str) else start
    times = [(n, v[time_column.index]) for n, v in rows
             if time_column and time_column.index < len(v) and not _is_section_title(v, mapping)]
    if _clock_problem(result, times, clock, elapsed):
        return result
    indexes = PackIndexes(pack, clock, earliest_day([v for _, v in times]), elapsed=elapsed)
    existing = {inject.id: inject for inject in pack.injects}
    seen: dict[str, int] = {}
    for number, values in rows:
        if _is_section_title(values, mapping):
            result.problems.append(table.said(
                "section_title", {"text": cell_text(next(v for v in values if v is not None))},
                row=number, severity=Severity.warning))
            continue
        row = _read_row(table, mapping, indexes, number, values, existing)
        if row.inject is not None:
            if row.inject.id in seen:
                column = mapping.column("id")
                row.problems.append(table.said(
                    "same_number", {"id": row.inject.id, "other": seen[row.inject.id]}, row=number,
                    column=column.index if column else None, header=column.header if column else ""))
            seen.setdefault(row.inject.id, number)
        result.rows.append(row)
    if clock is not None and mapping.column("day") is None:
        _clock_going_back(result, times, clock)
    _check_against_pack(result, pack)
    return result


def _clock_problem(result: MselImport, times: list[tuple[int, Any]], clock: ClockStart | None,
                   elapsed: bool) -> bool:
    """Clock times with no start: one problem for the column, and nothing is read."""
    clocks = [(n, v) for n, v in times if looks_like_clock(v)]
    if clock is not None or elapsed or not clocks:
        return False
    column = result.mapping.column("time")
    examples = Items.of("sheet.item.in_row", [{"text": cell_text(v), "row": n}
                                              for n, v in clocks[:3]], more=len(clocks) > 3)
    result.problems.append(result.table.said(
        "clock_times", {"examples": examples}, column=column.index if column else None,
        header=column.header if column else ""))
    return True


def _clock_going_back(result: MselImport, times: list[tuple[int, Any]], clock: ClockStart) -> None:
    """A clock time earlier than the row before it, in a sheet with no Day column or dates."""
    back: list[dict[str, object]] = []
    previous: tuple[int, Any] | None = None
    for number, value in times:
        if not looks_like_clock(value) or _minute_of_day(value) < 0:
            continue
        if previous is not None and _minute_of_day(value) < _minute_of_day(previous[1]):
            back.append({"row": number, "text": cell_text(value), "before": cell_text(previous[1])})
        previous = (number, value)
    if back:
        column = result.mapping.column("time")
        result.problems.append(result.table.said(
            "clock_back", {"back": Items.of("sheet.item.back", back)}, column=column.index if column else None,
            header=column.header if column else ""))


def _minute_of_day(value: Any) -> int:
    from exercise.scenario.spreadsheets.msel_values import clock_minutes

    return clock_minutes(value)


def merge_msel(pack: ScenarioPack, result: MselImport, *, good_rows_only: bool = False,
               replace: bool = False) -> ScenarioPack:
    """The pack with the imported rows merged in by inject number: rows update the injects
    with their number and add the others; injects the sheet lacks are kept, or removed with
    `replace`; new injects follow in sheet order."""
    if not result.mapping_ok:
        raise ImportRefused.said("refused_mapping",
                                 [p for p in result.problems if p.severity is Severity.error])
    if result.bad_rows and not good_rows_only:
        raise ImportRefused.said("refused_rows", result.errors, count=len(result.bad_rows))
    if not result.injects:
        raise ImportRefused.said("refused_none", result.errors)
    imported = {inject.id: inject for inject in result.injects}
    injects = [imported.pop(i.id, i) for i in pack.injects
               if i.id in imported or not replace]
    injects += list(imported.values())
    data = pack.model_dump(by_alias=True)
    data["injects"] = [inject.model_dump(by_alias=True) for inject in injects]
    return ScenarioPack.model_validate(data)


def msel_changes(pack: ScenarioPack, result: MselImport, *, replace: bool = False) -> MselChanges:
    changes = MselChanges()
    before = {inject.id: inject for inject in pack.injects}
    for inject in result.injects:
        if inject.id not in before:
            changes.added.append(inject.id)
        elif before[inject.id] != inject:
            changes.changed.append(inject.id)
        else:
            changes.unchanged.append(inject.id)
    sheet = {inject.id for inject in result.injects} | {
        row.inject.id for row in result.rows if row.inject is not None}
    missing = [i.id for i in pack.injects if i.id not in sheet]
    if replace:
        changes.removed = missing
    else:
        changes.kept = missing
    return changes


def _is_section_title(values: list[Any], mapping: ColumnMapping) -> bool:
    filled = [i for i, v in enumerate(values) if v is not None]
    time_column = mapping.column("time")
    return len(filled) == 1 and (time_column is None or filled[0] != time_column.index)


def _read_row(table: Table, mapping: ColumnMapping, indexes: PackIndexes, number: int,
              values: list[Any], existing: dict[str, Inject]) -> MselRow:
    reader = RowReader(table, mapping, indexes, number, values)
    data = reader.read_all()
    row = MselRow(number, None, reader.problems)
    if reader.problems:
        return row
    data.setdefault("id", f"row-{number}")
    base = existing.get(data["id"])
    if base is not None:
        keep_unchanged(base, data, reader.cell)
    merged: dict[str, Any] = base.model_dump(by_alias=True) if base else {}
    merged.update(data)
    _fill_title_and_message(merged)
    module = _module_for(indexes.pack, merged, given="module" in data)
    if module is None:
        row.problems.append(table.said(
            "no_module", row=number, column=_index(mapping, "time"), header=_header(mapping, "time")))
        return row
    merged["module"] = module
    try:
        row.inject = Inject.model_validate(merged)
    except ValidationError as exc:
        row.problems += validation_problems(exc, table, mapping, number)
    return row


def _fill_title_and_message(data: dict[str, Any]) -> None:
    if "message" not in data and "title" in data:
        data["message"] = data["title"]
    if "title" not in data and "message" in data:
        message = data["message"]
        data["title"] = ({k: _short(v) for k, v in message.items()}
                         if isinstance(message, dict) else _short(message))


def _short(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else text
    if len(first) <= _TITLE_CHARS:
        return first
    return first[:_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _module_for(pack: ScenarioPack, data: dict[str, Any], *, given: bool) -> str | None:
    """The module the row names, else the pack inject's module if it still covers the time,
    else the module whose window covers the time."""
    time = data.get("time")
    if given or time is None:
        return data.get("module")
    windows = {m.id: pack.module_window(m.id) for m in pack.modules}
    kept = data.get("module")
    if kept in windows and windows[kept][0] <= time < windows[kept][1]:
        return kept
    for module in sorted(pack.modules, key=lambda m: m.start):
        start, end = windows[module.id]
        if start <= time < end:
            return module.id
    return None


def _check_against_pack(result: MselImport, pack: ScenarioPack) -> None:
    """Rules that need the whole pack (channels a sender has, times inside modules, conditions
    on injects that are gone), reported on the row of the inject they concern."""
    good = [row for row in result.rows if row.ok]
    parts = {name: getattr(pack, name) for name in ScenarioPack.model_fields}
    parts["injects"] = [row.inject for row in good]
    candidate = ScenarioPack.model_construct(**parts)
    for problem in check_references(candidate, {}):
        if len(problem.path) < 2 or problem.path[0] != "injects":
            continue
        row = good[int(problem.path[1])]
        name = str(problem.path[2]) if len(problem.path) > 2 else ""
        field_name = "from" if name == "from" else name
        said = result.table.said(
            PACK_PROBLEM, {"what": PackSaid(problem), "todo": PackSaid(problem, hint=True)},
            row=row.row, column=_index(result.mapping, field_name),
            header=_header(result.mapping, field_name), severity=problem.severity)
        row.problems.append(replace(said, message=problem.message, hint=problem.hint))


def _index(mapping: ColumnMapping, name: str) -> int | None:
    column = mapping.column(name)
    return column.index if column else None


def _header(mapping: ColumnMapping, name: str) -> str:
    column = mapping.column(name)
    return column.header if column else ""

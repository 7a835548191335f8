"""Reading CSV and XLSX files as tables of cell values, treating every file as hostile.

Formulas are never evaluated: an XLSX is opened with `data_only=True`, so a formula cell gives
the value Excel saved with it (or nothing). Files, uncompressed XLSX members, rows, columns and
cells have size limits, and a zip bomb is refused before openpyxl opens it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import PurePath
from typing import TYPE_CHECKING, Protocol

from openpyxl.utils import get_column_letter

from exercise.scenario.problems import Severity
from exercise.scenario.spreadsheets.words import sentence

MAX_FILE_BYTES = 20 * 1024 * 1024
# What a workbook may produce once unpacked: these bound the time and memory a read takes
# (benchmarks/bench_spreadsheet.py: a file at every limit reads in a few seconds).
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_SHARED_STRING_BYTES = 16 * 1024 * 1024
MAX_SHARED_STRINGS = 100_000
MAX_CELLS = 100_000
MAX_COMPRESSION_RATIO = 200
MAX_ROWS = 20_000
MAX_SCANNED_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 20_000

FORMULA_START = "=+-@\t\r"
CellValue = str | int | float | bool | datetime | date | time | timedelta | None
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")


def column_letter(index: int) -> str:
    """A for the first column (index 0), B, …, AA."""
    return get_column_letter(index + 1)


@dataclass(frozen=True)
class SheetProblem:
    """Something wrong in a spreadsheet, at a file, sheet, row and column."""

    message: str
    hint: str = ""
    severity: Severity = Severity.error
    file: str = ""
    sheet: str | None = None
    row: int | None = None
    column: int | None = None
    header: str = ""
    # the sentence as a code and its values, for the reader's language (spreadsheets.words)
    code: str = field(default="", compare=False)
    values: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def where(self) -> str:
        parts = [self.file or "<spreadsheet>"]
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            letter = column_letter(self.column)
            parts.append(f"column {letter}" + (f" ({self.header})" if self.header else ""))
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.where}: {self.severity.value}: {self.message}"
        return text + (f" ({self.hint})" if self.hint else "")


class CheckedRow(Protocol):
    """A sheet row as read by an import: its number, its problems, and whether it can be used."""

    row: int
    problems: list[SheetProblem]

    @property
    def ok(self) -> bool: ...


class RowProblemsMixin:
    """What an import of sheet rows says about them: `problems` of the file and its mapping,
    plus each row's own (rows have `problems` and `ok`)."""

    problems: list[SheetProblem]

    if TYPE_CHECKING:  # a field of one import, a property of another
        @property
        def rows(self) -> Sequence[CheckedRow]: ...

    @property
    def all_problems(self) -> list[SheetProblem]:
        return self.problems + [p for row in self.rows for p in row.problems]

    @property
    def errors(self) -> list[SheetProblem]:
        return [p for p in self.all_problems if p.severity is Severity.error]

    @property
    def bad_rows(self) -> list[CheckedRow]:
        return [row for row in self.rows if not row.ok]


class SpreadsheetError(Exception):
    """The file cannot be read as a table at all; carries the problems."""

    def __init__(self, problems: list[SheetProblem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Table:
    """One sheet (or one CSV file): its non-blank rows with their spreadsheet row numbers."""

    file: str
    sheet: str | None
    rows: list[tuple[int, list[CellValue]]]
    notes: list[SheetProblem] = field(default_factory=list)
    # (row, column index) of formula cells that have no value saved with them, and the formula.
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def width(self) -> int:
        return max((len(values) for _, values in self.rows), default=0)

    def problem(self, message: str, hint: str = "", *, row: int | None = None,
                column: int | None = None, header: str = "",
                severity: Severity = Severity.error) -> SheetProblem:
        return SheetProblem(message, hint, severity, self.file, self.sheet, row, column, header)

    def said(self, code: str, values: Mapping[str, object] | None = None, *,
             row: int | None = None, column: int | None = None, header: str = "",
             severity: Severity = Severity.error) -> SheetProblem:
        """A problem with a sentence of the catalogue (`sheet.<code>`)."""
        return coded(code, values, severity=severity, file=self.file, sheet=self.sheet, row=row,
                     column=column, header=header)


def coded(code: str, values: Mapping[str, object] | None = None, *,
          severity: Severity = Severity.error, file: str = "", sheet: str | None = None,
          row: int | None = None, column: int | None = None, header: str = "") -> SheetProblem:
    """A problem whose English sentence is the catalogue's `sheet.<code>` with `values`."""
    values = dict(values or {})
    message, hint = sentence(code, values)
    return SheetProblem(message, hint, severity, file, sheet, row, column, header, code, values)


def read_tables(data: bytes, file: str, sheet: str | None = None) -> list[Table]:
    """Every sheet of an XLSX (or only `sheet`), or the one table of a CSV file."""
    name = PurePath(file).name or file
    if len(data) > MAX_FILE_BYTES:
        raise _said(name, "file_too_large", size=len(data), limit=MAX_FILE_BYTES)
    suffix = PurePath(file).suffix.lower()
    if data[:4] == b"PK\x03\x04" or suffix in XLSX_SUFFIXES:
        from exercise.scenario.spreadsheets.xlsx import read_workbook

        return read_workbook(data, name, sheet)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or suffix == ".xls":
        raise _said(name, "old_xls")
    if sheet is not None:
        raise _said(name, "csv_sheet", sheet=sheet)
    return [read_csv(data, name)]


def read_table(data: bytes, file: str, sheet: str | None = None) -> Table:
    """The named sheet, or the first sheet that has any content."""
    tables = read_tables(data, file, sheet)
    for table in tables:
        if table.rows:
            return table
    return tables[0]


def read_csv(data: bytes, file: str) -> Table:
    text, encoding_note = _decode(data, file)
    if "\x00" in text:
        raise _said(file, "nul")
    dialect = _dialect(text)
    rows: list[tuple[int, list[CellValue]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    cells = 0
    try:
        for number, record in enumerate(reader, start=1):
            if len(record) > MAX_COLUMNS:
                raise _said(file, "too_many_columns", row=number, count=len(record),
                            limit=MAX_COLUMNS)
            cells += len(record)
            if cells > MAX_CELLS:
                raise _said(file, "too_many_cells", row=number, limit=MAX_CELLS)
            values: list[CellValue] = [_csv_cell(v, file, number, i) for i, v in enumerate(record)]
            if any(v is not None for v in values):
                rows.append((number, values))
                if len(rows) > MAX_ROWS:
                    raise _too_many_rows(file, None)
    except csv.Error as exc:
        raise _said(file, "csv_error", row=reader.line_num, error=str(exc)) from None
    notes = [encoding_note] if encoding_note else []
    return Table(file=file, sheet=None, rows=rows, notes=notes)


def _csv_cell(value: str, file: str, row: int, column: int) -> CellValue:
    if len(value) > MAX_CELL_CHARS:
        raise SpreadsheetError([coded("long_cell", {"count": len(value), "limit": MAX_CELL_CHARS},
                                      file=file, row=row, column=column)])
    return unguard(value) if value.strip() else None


def unguard(text: str) -> str:
    """Without the `'` that CSV exports put before text a spreadsheet could take for a formula
    (ours does, see spreadsheet_write); XLSX cells are typed, so they need no such guard."""
    if len(text) >= 2 and text[0] == "'" and text[1] in FORMULA_START + "'":
        return text[1:]
    return text


def _decode(data: bytes, file: str) -> tuple[str, SheetProblem | None]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise _said(file, "not_utf16") from None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp950")
    except UnicodeDecodeError:
        text = ""
    # Big5 (cp950) is what Excel writes for "CSV" on Traditional Chinese Windows. Bytes that
    # are not Big5 usually fail to decode; we also require Chinese characters in the result.
    if text and re.search(r"[\u4e00-\u9fff]", text):
        return text, coded("big5", severity=Severity.warning, file=file)
    line = data[: utf8_error.start].count(b"\n") + 1
    raise _said(file, "not_utf8", byte=f"0x{data[utf8_error.start]:02x}", line=line)


def _dialect(text: str) -> type[csv.Dialect]:
    """Comma, semicolon (European Excel) or tab, whichever the first lines use most."""
    head = "\n".join(text.splitlines()[:5])
    counts = {",": head.count(","), ";": head.count(";"), "\t": head.count("\t")}
    delimiter = max(counts, key=lambda d: (counts[d], d == ","))

    class _Dialect(csv.excel):
        pass

    _Dialect.delimiter = delimiter
    return _Dialect


def _too_many_rows(file: str, sheet: str | None) -> SpreadsheetError:
    return SpreadsheetError([coded("too_many_rows", {"limit": MAX_ROWS}, file=file, sheet=sheet)])


def _said(file: str, code: str, sheet: str | None = None, **values: object) -> SpreadsheetError:
    return SpreadsheetError([coded(code, values, file=file, sheet=sheet)])


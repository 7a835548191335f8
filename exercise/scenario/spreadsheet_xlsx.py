"""Reading an XLSX workbook: zip-bomb check first, then openpyxl read-only with cached values."""

from __future__ import annotations

import difflib
import io
import zipfile
from typing import Any

from openpyxl import load_workbook

from exercise.scenario.spreadsheet import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_ROWS,
    MAX_SCANNED_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    CellValue,
    SheetProblem,
    SpreadsheetError,
    Table,
)

MAX_MEMBERS = 5_000
_SMALL_MEMBER = 1024 * 1024


def read_workbook(data: bytes, file: str, sheet: str | None = None) -> list[Table]:
    _check_container(data, file)
    values_book = _open(data, file, data_only=True)
    try:
        names = _sheet_names(values_book.sheetnames, sheet, file)
        tables = [_read_sheet(values_book[name], file, name) for name in names]
    finally:
        values_book.close()
    _find_unsaved_formulas(data, file, tables)
    return tables


def _check_container(data: bytes, file: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise _error(file, "the file is not a valid .xlsx workbook (its zip container is damaged)",
                     "open it in Excel and save it again as .xlsx, or save it as CSV UTF-8") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise _error(file, f"the workbook holds {len(members):,} parts; the limit is "
                         f"{MAX_MEMBERS:,}", "this is not an ordinary spreadsheet")
        total = 0
        for member in members:
            total += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > _SMALL_MEMBER and ratio > MAX_COMPRESSION_RATIO:
                raise _error(file, f"the workbook part {member.filename!r} expands {ratio:,.0f} "
                             "times when unpacked; refusing a possible zip bomb",
                             "save the sheet again from Excel, or as CSV UTF-8")
        if total > MAX_UNCOMPRESSED_BYTES:
            raise _error(file, f"the workbook unpacks to {total:,} bytes; the limit is "
                         f"{MAX_UNCOMPRESSED_BYTES:,}", "remove pictures and unused sheets")
        if "xl/workbook.xml" not in {m.filename for m in members}:
            raise _error(file, "the file is a zip archive but not an .xlsx workbook",
                         "upload the .xlsx workbook or a CSV file")


def _open(data: bytes, file: str, *, data_only: bool) -> Any:
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        raise _error(file, f"the workbook cannot be read ({exc.__class__.__name__})",
                     "open it in Excel and save it again as .xlsx, or save it as CSV UTF-8") from None


def _sheet_names(available: list[str], wanted: str | None, file: str) -> list[str]:
    if wanted is None:
        return list(available)
    for name in available:
        if name == wanted or name.casefold() == wanted.strip().casefold():
            return [name]
    close = difflib.get_close_matches(wanted, available, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"the sheets are {', '.join(available)}"
    raise _error(file, f"the workbook has no sheet named {wanted!r}", hint)


def _read_sheet(worksheet: Any, file: str, sheet: str) -> Table:
    if hasattr(worksheet, "reset_dimensions"):
        worksheet.reset_dimensions()  # a wrong <dimension> could pad every row to 16,384 cells
    rows: list[tuple[int, list[CellValue]]] = []
    try:
        for number, raw in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if number > MAX_SCANNED_ROWS:
                raise _error(file, f"the sheet has more than {MAX_SCANNED_ROWS:,} rows",
                             "delete the empty or unused rows below the table", sheet)
            values = _trim(list(raw))
            if not values:
                continue
            if len(values) > MAX_COLUMNS:
                raise _error(file, f"row {number} uses {len(values)} columns; the limit is "
                             f"{MAX_COLUMNS}", "delete the unused columns on the right", sheet)
            rows.append((number, [_cell(v, file, sheet, number, i) for i, v in enumerate(values)]))
            if len(rows) > MAX_ROWS:
                raise _error(file, f"the sheet has more than {MAX_ROWS:,} filled rows; the limit "
                             f"is {MAX_ROWS:,}", "split the sheet, or delete rows below the table",
                             sheet)
    except SpreadsheetError:
        raise
    except Exception as exc:
        raise _error(file, f"the sheet cannot be read ({exc.__class__.__name__})",
                     "open it in Excel and save it again as .xlsx", sheet) from None
    return Table(file=file, sheet=sheet, rows=rows)


def _trim(values: list[Any]) -> list[Any]:
    values = [None if isinstance(v, str) and not v.strip() else v for v in values]
    while values and values[-1] is None:
        values.pop()
    return values


def _cell(value: Any, file: str, sheet: str, row: int, column: int) -> CellValue:
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise SpreadsheetError([SheetProblem(
            f"the cell holds {len(value):,} characters; the limit is {MAX_CELL_CHARS:,}",
            "shorten the text", file=file, sheet=sheet, row=row, column=column)])
    return value


def _find_unsaved_formulas(data: bytes, file: str, tables: list[Table]) -> None:
    """Note formula cells whose saved value is missing (the file was never recalculated), so
    that an empty cell can be explained; the formulas themselves are never evaluated."""
    book = _open(data, file, data_only=False)
    try:
        for table in tables:
            if table.sheet is None:
                continue
            worksheet = book[table.sheet]
            if hasattr(worksheet, "reset_dimensions"):
                worksheet.reset_dimensions()
            filled = {number: values for number, values in table.rows}
            for number, raw in enumerate(worksheet.iter_rows(values_only=True), start=1):
                if number > len(table.rows) and number > MAX_SCANNED_ROWS:
                    break
                for index, value in enumerate(raw[:MAX_COLUMNS]):
                    if isinstance(value, str) and value.startswith("="):
                        saved = filled.get(number, [])
                        if index >= len(saved) or saved[index] is None:
                            table.formulas[(number, index)] = value[:200]
    finally:
        book.close()


def _error(file: str, message: str, hint: str = "", sheet: str | None = None) -> SpreadsheetError:
    return SpreadsheetError([SheetProblem(message, hint, file=file, sheet=sheet)])

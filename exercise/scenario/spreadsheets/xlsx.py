"""Reading an XLSX workbook: zip-bomb check first, then openpyxl read-only with cached values.

Before openpyxl sees the file, the parts are measured (count, sizes, compression ratio) and the
shared-string table is streamed once and counted, because openpyxl loads that whole table into
memory even in read-only mode; the sheet is then streamed with a cell budget. A workbook over
any limit is refused as soon as the limit is crossed, with what to do instead.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from typing import IO, Any
from xml.etree.ElementTree import iterparse

from openpyxl import load_workbook

from exercise.scenario.spreadsheets.tables import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_ROWS,
    MAX_SCANNED_ROWS,
    MAX_SHARED_STRING_BYTES,
    MAX_SHARED_STRINGS,
    MAX_UNCOMPRESSED_BYTES,
    CellValue,
    SpreadsheetError,
    Table,
    coded,
)
from exercise.scenario.spreadsheets.words import Items

MAX_MEMBERS = 5_000
_SMALL_MEMBER = 1024 * 1024
_SHARED_STRINGS = "xl/sharedstrings.xml"


def read_workbook(data: bytes, file: str, sheet: str | None = None) -> list[Table]:
    has_formulas = _check_container(data, file)
    values_book = _open(data, file, data_only=True)
    budget = _CellBudget(file)
    try:
        names = _sheet_names(values_book.sheetnames, sheet, file)
        tables = [_read_sheet(values_book[name], file, name, budget) for name in names]
    finally:
        values_book.close()
    if has_formulas:
        _find_unsaved_formulas(data, file, tables)
    return tables


class _CellBudget:
    """Counts the cells openpyxl hands over (blank ones too) across every sheet read."""

    def __init__(self, file: str) -> None:
        self.file, self.used = file, 0

    def spend(self, cells: int, sheet: str, row: int) -> None:
        self.used += cells
        if self.used > MAX_CELLS:
            raise _said(self.file, "workbook_cells_at+save_as_csv", sheet, row=row, limit=MAX_CELLS)


class _Counted:
    """A binary stream that refuses to give more than `limit` bytes."""

    def __init__(self, stream: IO[bytes], limit: int, on_excess: SpreadsheetError) -> None:
        self.stream, self.limit, self.read_bytes = stream, limit, 0
        self.on_excess = on_excess

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size if size and size > 0 else 1 << 16)
        self.read_bytes += len(chunk)
        if self.read_bytes > self.limit:
            raise self.on_excess
        return chunk


def _check_container(data: bytes, file: str) -> bool:
    """Refuses what is not a workbook or would unpack beyond the limits; tells whether any
    worksheet holds a formula (only then are formulas looked for)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise _said(file, "bad_zip") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise _said(file, "parts", count=len(members), limit=MAX_MEMBERS)
        total = 0
        for member in members:
            total += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > _SMALL_MEMBER and ratio > MAX_COMPRESSION_RATIO:
                raise _said(file, "zip_bomb", part=member.filename, ratio=f"{ratio:,.0f}")
        if total > MAX_UNCOMPRESSED_BYTES:
            raise _said(file, "unpacks", size=total, limit=MAX_UNCOMPRESSED_BYTES)
        if "xl/workbook.xml" not in {m.filename for m in members}:
            raise _said(file, "zip_not_xlsx")
        try:
            for member in members:
                if member.filename.lower() == _SHARED_STRINGS:
                    _count_shared_strings(archive, member, file)
            scan = _SheetScan(file)
            for member in members:
                if member.filename.lower().startswith("xl/worksheets/"):
                    scan.scan(archive, member)
            return scan.has_formulas
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise _said(file, "damaged_zip") from None


def _count_shared_strings(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str) -> None:
    """Stream the shared-string table once, counting its bytes and entries, before openpyxl
    loads all of it into memory."""
    too_long = _said(file, "shared_text+save_as_csv", limit=MAX_SHARED_STRING_BYTES)
    if member.file_size > MAX_SHARED_STRING_BYTES:
        raise too_long
    with archive.open(member) as raw:
        stream = _Counted(raw, MAX_SHARED_STRING_BYTES, too_long)
        count = 0
        try:
            for _, element in iterparse(stream, events=("end",)):
                if element.tag.endswith("}si") or element.tag == "si":
                    count += 1
                    element.clear()
                    if count > MAX_SHARED_STRINGS:
                        raise _said(file, "shared_count+save_as_csv", limit=MAX_SHARED_STRINGS)
        except SyntaxError:  # ParseError: let openpyxl report the damaged workbook
            return


_TAG = {name: re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?" + name + rb"[\s>/]")
        for name in (b"c", b"row", b"f")}
# Every start or end tag costs openpyxl the same work; a sheet at the cell limit needs about
# four per cell (<c><v></v></c>), so this bounds junk markup as well.
MAX_TAGS = 10 * MAX_CELLS + 2 * MAX_SCANNED_ROWS


class _SheetScan:
    """Counts the markup of every worksheet part from the zip stream, before openpyxl parses
    it (openpyxl itself reads a whole sheet to size it when the sheet gives no dimension)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.counts = {name: 0 for name in _TAG}
        self.tags = 0

    def scan(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
        tail = b""
        with archive.open(member) as raw:
            stream = _Counted(raw, MAX_UNCOMPRESSED_BYTES,
                              _said(self.file, "sheet_unpacks+save_as_csv"))
            while chunk := stream.read(1 << 20):
                self.tags += chunk.count(b"<")
                window = tail + chunk
                for name, pattern in _TAG.items():
                    self.counts[name] += sum(1 for m in pattern.finditer(window)
                                             if m.end() > len(tail))
                tail = window[-40:]
                self._check()

    def _check(self) -> None:
        if self.counts[b"c"] > MAX_CELLS:
            raise _said(self.file, "workbook_cells+save_as_csv", limit=MAX_CELLS)
        if self.counts[b"row"] > MAX_SCANNED_ROWS:
            raise _said(self.file, "workbook_rows", limit=MAX_SCANNED_ROWS)
        if self.tags > MAX_TAGS:
            raise _said(self.file, "markup+save_as_csv", limit=MAX_TAGS)

    @property
    def has_formulas(self) -> bool:
        return self.counts[b"f"] > 0


def _open(data: bytes, file: str, *, data_only: bool) -> Any:
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        raise _said(file, "unreadable_workbook", error=exc.__class__.__name__) from None


def _sheet_names(available: list[str], wanted: str | None, file: str) -> list[str]:
    if wanted is None:
        return list(available)
    for name in available:
        if name == wanted or name.casefold() == wanted.strip().casefold():
            return [name]
    close = difflib.get_close_matches(wanted, available, n=1)
    if close:
        raise _said(file, "no_sheet+close_id", wanted=wanted, entry=close[0])
    raise _said(file, "no_sheet+sheets_are", wanted=wanted,
                sheets=Items.of("sheet.item.id", [{"id": name} for name in available]))


def _read_sheet(worksheet: Any, file: str, sheet: str, budget: _CellBudget) -> Table:
    if hasattr(worksheet, "reset_dimensions"):
        worksheet.reset_dimensions()  # a wrong <dimension> could pad every row to 16,384 cells
    rows: list[tuple[int, list[CellValue]]] = []
    try:
        for number, raw in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if number > MAX_SCANNED_ROWS:
                raise _said(file, "sheet_scanned_rows+workbook_rows", sheet, limit=MAX_SCANNED_ROWS)
            budget.spend(len(raw), sheet, number)
            values = _trim(list(raw))
            if not values:
                continue
            if len(values) > MAX_COLUMNS:
                raise _said(file, "sheet_columns", sheet, row=number, count=len(values),
                            limit=MAX_COLUMNS)
            rows.append((number, [_cell(v, file, sheet, number, i) for i, v in enumerate(values)]))
            if len(rows) > MAX_ROWS:
                raise _said(file, "sheet_rows", sheet, limit=MAX_ROWS)
    except SpreadsheetError:
        raise
    except Exception as exc:
        raise _said(file, "unreadable_sheet", sheet, error=exc.__class__.__name__) from None
    return Table(file=file, sheet=sheet, rows=rows)


def _trim(values: list[Any]) -> list[Any]:
    values = [None if isinstance(v, str) and not v.strip() else v for v in values]
    while values and values[-1] is None:
        values.pop()
    return values


def _cell(value: Any, file: str, sheet: str, row: int, column: int) -> CellValue:
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise SpreadsheetError([coded("long_cell", {"count": len(value), "limit": MAX_CELL_CHARS},
                                      file=file, sheet=sheet, row=row, column=column)])
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


def _said(file: str, code: str, sheet: str | None = None, **values: object) -> SpreadsheetError:
    return SpreadsheetError([coded(code, values, file=file, sheet=sheet)])


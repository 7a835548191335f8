"""Writing tables to CSV (UTF-8 with a BOM, so Excel shows Chinese correctly) and XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from exercise.scenario.spreadsheets.tables import FORMULA_START, CellValue, unguard

Sheet = tuple[str, Sequence[str], Sequence[Sequence[CellValue]]]
_MAX_WIDTH = 60


def guard(text: str) -> str:
    """Text that a spreadsheet opening the CSV will not take for a formula."""
    if text.startswith(tuple(FORMULA_START)) or unguard(text) != text:
        return "'" + text
    return text


def write_csv(headers: Sequence[str], rows: Sequence[Sequence[CellValue]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([guard(v) if isinstance(v, str) else ("" if v is None else v)
                         for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([None if v == "" else _xml_safe(v) for v in row])
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text that starts with '=' stays text, not a formula
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        for index, header in enumerate(headers, start=1):
            longest = max([len(str(header))] + [
                max((len(line) for line in str(r[index - 1] or "").splitlines()), default=0)
                for r in rows if index - 1 < len(r)])
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = min(_MAX_WIDTH, longest + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xml_safe(value: CellValue) -> CellValue:
    """XLSX cannot hold control characters; they are dropped rather than failing the export."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

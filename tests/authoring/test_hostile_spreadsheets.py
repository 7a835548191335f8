"""Hostile or broken spreadsheets fail with one clear message, quickly, never a traceback."""

from __future__ import annotations

import io
import zipfile

import pytest

from exercise.scenario.spreadsheets import tables as spreadsheet
from exercise.scenario.spreadsheets.tables import SpreadsheetError, read_table

from . import bigbooks
from .conftest import csv_bytes, xlsx


def _message(data: bytes, name: str) -> str:
    with pytest.raises(SpreadsheetError) as caught:
        read_table(data, name)
    return str(caught.value)


def test_zip_bomb_is_refused_before_openpyxl_opens_it() -> None:
    genuine = xlsx([["No.", "Time"]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(genuine)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item.filename))
        bomb.writestr("xl/media/padding.bin", b"\0" * (60 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 200_000
    assert "zip bomb" in _message(data, "bomb.xlsx")


def test_workbook_that_unpacks_beyond_the_limit(monkeypatch) -> None:
    monkeypatch.setattr(spreadsheet, "MAX_UNCOMPRESSED_BYTES", 10_000)
    monkeypatch.setattr("exercise.scenario.spreadsheets.xlsx.MAX_UNCOMPRESSED_BYTES", 10_000)
    assert "unpacks to" in _message(xlsx([["x" * 20_000]]), "big.xlsx")


def test_huge_sheet_is_refused_with_the_limit(monkeypatch) -> None:
    monkeypatch.setattr("exercise.scenario.spreadsheets.xlsx.MAX_ROWS", 50)
    rows = [["No.", "Time"]] + [[i, i] for i in range(200)]
    message = _message(xlsx(rows), "huge.xlsx")
    assert "more than 50 filled rows" in message and "sheet 'MSEL'" in message


def test_huge_csv_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 50)
    rows = [["No.", "Time"]] + [[i, i] for i in range(200)]
    assert "more than 50 rows" in _message(csv_bytes(rows), "huge.csv")


def test_too_many_columns() -> None:
    assert "columns; the limit is" in _message(csv_bytes([list(range(300))]), "wide.csv")
    assert "columns; the limit is" in _message(xlsx([list(range(300))]), "wide.xlsx")


def test_old_xls_garbage_and_fake_zip_get_a_clear_message() -> None:
    xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
    assert "Excel 97-2003" in _message(xls, "old.xls")
    assert "not a valid .xlsx" in _message(b"PK\x03\x04garbage", "broken.xlsx")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("hello.txt", "hi")
    assert "not an .xlsx workbook" in _message(archive.getvalue(), "other.xlsx")


def test_overlong_cell_and_binary_csv() -> None:
    assert "characters; the limit" in _message(csv_bytes([["a", "x" * 30_000]]), "long.csv")
    assert "NUL" in _message(b"a,b\n\x00\x00,c\n", "bin.csv")


def test_unknown_sheet_suggests_the_close_one() -> None:
    data = xlsx([["a"]], sheet="MSEL", extra_sheets={"Contacts": [["b"]]})
    with pytest.raises(SpreadsheetError, match="did you mean 'MSEL'"):
        read_table(data, "m.xlsx", sheet="MSLE")
    assert read_table(data, "m.xlsx", sheet="contacts").rows == [(1, ["b"])]


def test_wrong_dimension_tag_does_not_pad_rows_to_the_whole_sheet() -> None:
    data = xlsx([["No.", "Time"], [1, 2]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'<dimension ref="A1:B2"/>',
                                          b'<dimension ref="A1:XFD1048576"/>')
            target.writestr(item, content)
    table = read_table(out.getvalue(), "m.xlsx")
    assert table.rows == [(1, ["No.", "Time"]), (2, [1, 2])]


# Issue 13, item 3: a workbook under the file-size and zip-bomb limits that expands into more
# work than a server should do. Each is refused by what it would produce, before it is read.

def test_ten_megabytes_that_expand_to_95_mb_of_shared_strings_are_refused() -> None:
    data = bigbooks.expanding_shared_strings()
    assert len(data) < spreadsheet.MAX_FILE_BYTES  # an upload the page accepts
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        part = book.getinfo("xl/sharedStrings.xml")
        assert part.file_size / part.compress_size < spreadsheet.MAX_COMPRESSION_RATIO
    message = _message(data, "expanding.xlsx")
    assert "unpacks to" in message and "the limit is" in message


def test_too_many_different_texts_are_refused_while_streaming() -> None:
    count = spreadsheet.MAX_SHARED_STRINGS + 1
    data = bigbooks.workbook(bigbooks.random_words(count, 8), [[0, 1], [2, 3]])
    message = _message(data, "many-texts.xlsx")
    assert f"more than {spreadsheet.MAX_SHARED_STRINGS:,} different texts" in message
    assert "CSV UTF-8" in message


def test_long_shared_text_under_the_total_limit_is_refused() -> None:
    length = 4000
    count = spreadsheet.MAX_SHARED_STRING_BYTES // length + 10
    data = bigbooks.workbook(bigbooks.random_words(count, length), [[0, 1]])
    assert "shared text unpacks to more than" in _message(data, "long-texts.xlsx")


def test_too_many_cells_are_refused_before_openpyxl_parses_the_sheet() -> None:
    # No <dimension> element: openpyxl would parse the whole sheet just to size it.
    width = 40
    rows = [[(r + c) % 50 for c in range(width)]
            for r in range(spreadsheet.MAX_CELLS // width + 5)]
    data = bigbooks.workbook(bigbooks.random_words(50, 6), rows)
    message = _message(data, "many-cells.xlsx")
    assert f"more than {spreadsheet.MAX_CELLS:,} cells" in message


def test_blank_cells_padded_by_a_wide_row_count_against_the_cell_limit(monkeypatch) -> None:
    monkeypatch.setattr("exercise.scenario.spreadsheets.xlsx.MAX_CELLS", 1000)
    rows = [["No.", "Time"] + [None] * 60 + ["far right"] for _ in range(20)]
    message = _message(xlsx(rows), "padded.xlsx")
    assert "more than 1,000 cells (reached at row 16)" in message


def test_a_workbook_at_ordinary_size_reads_with_every_cell() -> None:
    rows = [[r * 10 + c for c in range(10)] for r in range(300)]
    data = bigbooks.workbook((f"text {i}" for i in range(3000)), rows)
    table = read_table(data, "ordinary.xlsx")
    assert len(table.rows) == 300 and table.rows[-1][1][-1] == "text 2999"


def test_a_csv_under_the_size_limit_with_too_many_cells_is_refused_while_reading() -> None:
    row = ",".join(f"{i:04x}" for i in range(spreadsheet.MAX_COLUMNS)) + "\n"
    data = (row * (spreadsheet.MAX_CELLS // spreadsheet.MAX_COLUMNS + 10)).encode()
    assert len(data) < spreadsheet.MAX_FILE_BYTES
    message = _message(data, "wide.csv")
    assert f"more than {spreadsheet.MAX_CELLS:,} cells (reached at row " in message

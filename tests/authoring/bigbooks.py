"""Workbooks written part by part, for files no spreadsheet program would save: many or long
shared strings, many cells. Used by the hostile-file tests and benchmarks/bench_spreadsheet.py."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable, Iterator

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="MSEL" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def workbook(strings: Iterable[str], rows: Iterable[list[int]], *, level: int = 6) -> bytes:
    """An .xlsx whose sheet rows hold indexes into `strings` (the shared-string table)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><sst {_MAIN}>'.encode())
            for chunk in _batched(f"<si><t>{s}</t></si>" for s in strings):
                part.write(chunk)
            part.write(b"</sst>")
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_MAIN}><sheetData>'
                       .encode())
            part.writelines(_batched(_row(n, cells) for n, cells in enumerate(rows, start=1)))
            part.write(b"</sheetData></worksheet>")
    return out.getvalue()


def _row(number: int, cells: list[int]) -> str:
    return f'<row r="{number}">' + "".join(f'<c t="s"><v>{i}</v></c>' for i in cells) + "</row>"


def _batched(parts: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    buffer: list[str] = []
    length = 0
    for part in parts:
        buffer.append(part)
        length += len(part)
        if length >= size:
            yield "".join(buffer).encode()
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode()


def random_words(count: int, length: int) -> Iterator[str]:
    """`count` strings of `length` hex characters: text that zip compresses about 2:1, so the
    file stays far below any zip-bomb ratio."""
    for _ in range(count):
        yield os.urandom(length // 2 + 1).hex()[:length]


def expanding_shared_strings(target_bytes: int = 95 * 1024 * 1024) -> bytes:
    """About `target_bytes` of shared strings that compress ~9:1 (as in issue 13): long strings,
    each a random part repeated, referenced by a small sheet."""
    piece = 400
    count = target_bytes // (piece + 13)

    def strings() -> Iterator[str]:
        for _ in range(count):
            seed = os.urandom(24).hex()  # 48 random characters, repeated to the piece length
            yield (seed * (piece // len(seed) + 1))[:piece]

    rows = [[0, 1, 2]] + [[i, i + 1, i + 2] for i in range(3, 3000, 3)]
    return workbook(strings(), rows, level=1)

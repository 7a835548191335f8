"""Spreadsheets in the shapes planners actually send, built by the tests themselves."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from exercise.scenario.loader import load_pack
from exercise.scenario.models import ScenarioPack

EXAMPLE = Path(__file__).parents[2] / "scenarios" / "example-typhoon-township.yaml"


@pytest.fixture(scope="session")
def pack() -> ScenarioPack:
    result = load_pack(EXAMPLE)
    assert result.ok, result.problems
    return result.pack


def xlsx(rows: list[list[Any]], *, sheet: str = "MSEL", merge: list[str] = (),
         extra_sheets: dict[str, list[list[Any]]] | None = None) -> bytes:
    book = Workbook()
    first = book.active
    first.title = sheet
    for row in rows:
        first.append(row)
    for cells in merge:
        first.merge_cells(cells)
    for name, other in (extra_sheets or {}).items():
        added = book.create_sheet(name)
        for row in other:
            added.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_cached_value(data: bytes, formula: str, cached: str, *, text: bool = True) -> bytes:
    """The workbook with the value Excel would have saved next to `formula` (openpyxl cannot
    write one)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                xml = content.decode()
                pattern = re.compile(r'<c r="([A-Z]+\d+)"([^>]*)><f>' + re.escape(formula)
                                     + r"</f><v\s*/?>(</v>)?")
                kind = ' t="str"' if text else ""
                xml = pattern.sub(lambda m, kind=kind: f'<c r="{m[1]}"{m[2]}{kind}><f>{formula}</f>'
                                  f"<v>{cached}</v>", xml)
                content = xml.encode()
            target.writestr(item, content)
    return out.getvalue()


def csv_bytes(rows: list[list[Any]], encoding: str = "utf-8") -> bytes:
    import csv

    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)

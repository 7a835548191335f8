"""Wiring of the import page (AppTest): an XLSX with a header the importer does not know is
mapped by hand, previewed with its row problems, imported (good rows only when asked) and
saved as a new pack that the library lists."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from exercise.scenario.loader import load_pack
from tests.ui.conftest import EXAMPLE
from tests.ui.test_widgets import rendered

PAGE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.authoring_import import authoring_import_page
authoring_import_page()
"""
LIBRARY = PAGE.replace("authoring_import import authoring_import_page",
                       "library import library_page").replace("authoring_import_page()",
                                                               "library_page()")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(rows: list[list[Any]], sheet: str = "MSEL") -> bytes:
    book = Workbook()
    book.active.title = sheet
    book.create_sheet("Notes").append(["prepared by", "the planning team"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _msel_rows(bad_recipient: str | None = None) -> list[list[Any]]:
    pack = load_pack(EXAMPLE).pack
    first, second = pack.injects[0], pack.injects[1]
    return [
        ["Typhoon exercise MSEL (draft 3)"],
        ["No.", "Clock", "From", "Addressed to", "Inject"],
        ["N-1", "08:10", first.from_, first.to[0], "Heavy rain is forecast for tonight"],
        ["N-2", "08:40", second.from_, bad_recipient or second.to[0], "Road 21 is blocked"],
    ]


@pytest.fixture
def page(data_dir: Path) -> AppTest:
    at = AppTest.from_string(PAGE, default_timeout=60)
    at.run()
    box = at.selectbox(key="import.base")
    [index] = [i for i, label in enumerate(box.options) if "mountain township" in label]
    box.select_index(index).run()
    return at


def _upload(at: AppTest, data: bytes, name: str = "msel.xlsx") -> None:
    at.file_uploader(key="import.file.msel").upload(name, data, XLSX_TYPE)
    at.run()
    assert not at.exception, at.exception


def _mapping_box(at: AppTest, header: str):  # noqa: ANN202 - AppTest's widget type
    [box] = [b for b in at.selectbox if rendered(b.label).endswith(f": {header}")]
    return box


def _text(at: AppTest) -> str:
    parts = [e.value for kind in ("error", "warning", "success", "caption", "code", "info")
             for e in getattr(at, kind)]
    parts += [d.value.to_string() for d in at.dataframe]
    return rendered("\n".join(str(p) for p in parts))


def test_an_unknown_header_is_mapped_by_hand_previewed_and_saved(page: AppTest,
                                                                 data_dir: Path) -> None:
    _upload(page, _xlsx(_msel_rows()))
    assert page.selectbox(key="import.sheet").value == 0  # the MSEL sheet, not Notes
    assert _mapping_box(page, "Addressed to").value == "-"
    assert _mapping_box(page, "Clock").value == "-"
    assert "no column for 'To'" in _text(page)
    assert not [b for b in page.button if b.label == "Save to the scenario library"]
    _mapping_box(page, "Addressed to").select("to").run()
    _mapping_box(page, "Clock").select("time").run()
    page.text_input(key="import.start").input("07:58").run()
    assert not page.exception
    assert _mapping_box(page, "Addressed to").value == "to"
    preview = "\n".join(d.value.to_string() for d in page.dataframe)
    assert "N-1 12" in preview and "N-2 42" in preview  # 08:10 with start 07:58 is T+12
    assert "Added (2): N-1, N-2" in _text(page)
    count = len(load_pack(EXAMPLE).pack.injects)
    assert f"Kept, not in the sheet ({count}): I-01" in _text(page)  # nothing lost silently
    page.checkbox(key="import.replace").check().run()
    assert f"Removed ({count}): I-01" in _text(page)
    [pack_id] = [w for w in page.text_input if w.label == "Id of the new pack"]
    assert pack_id.value == "example-typhoon-township-imported"
    [save] = [b for b in page.button if b.label == "Save to the scenario library"]
    save.click().run()
    assert "Saved as the new pack example-typhoon-township-imported" in _text(page)
    saved = load_pack(data_dir / "packs" / "example-typhoon-township-imported.yaml")
    assert saved.ok and [i.id for i in saved.pack.injects] == ["N-1", "N-2"]
    library = AppTest.from_string(LIBRARY, default_timeout=60).run()
    assert "Example: typhoon over a mountain township (uploaded, example-typhoon-township-imported)" in \
        library.selectbox(key="library.selected").options


def test_a_column_given_a_field_takes_it_from_the_column_that_had_it(page: AppTest) -> None:
    _upload(page, _xlsx(_msel_rows()))
    assert _mapping_box(page, "Inject").value == "message"
    _mapping_box(page, "Addressed to").select("message").run()
    assert _mapping_box(page, "Inject").value == "-"
    assert _mapping_box(page, "Addressed to").value == "message"


def test_bad_rows_stop_the_import_until_good_rows_only_is_chosen(page: AppTest,
                                                                 data_dir: Path) -> None:
    _upload(page, _xlsx(_msel_rows(bad_recipient="Countyy EOC")))
    _mapping_box(page, "Addressed to").select("to").run()
    _mapping_box(page, "Clock").select("time").run()
    page.text_input(key="import.start").input("07:58").run()
    text = _text(page)
    assert "1 of 2 rows have problems" in text
    assert "D Addressed to: 'Countyy EOC' is not an agency of this pack" in text
    assert "Nothing was imported" in text
    assert not [b for b in page.button if b.label == "Save to the scenario library"]
    page.checkbox(key="import.good_only").check().run()
    text = _text(page)
    assert "Left out (1 rows)" in text and "row 4: 'Countyy EOC'" in text
    page.checkbox(key="import.replace").check().run()
    [save] = [b for b in page.button if b.label == "Save to the scenario library"]
    save.click().run()
    saved = load_pack(data_dir / "packs" / "example-typhoon-township-imported.yaml")
    assert [i.id for i in saved.pack.injects] == ["N-1"]


def test_a_name_in_use_asks_for_another(page: AppTest, data_dir: Path) -> None:
    rows = _msel_rows()
    rows[1] = ["No.", "Time", "From", "To", "Inject"]
    rows[2][1], rows[3][1] = "T+00:10", "T+00:40"
    _upload(page, _xlsx(rows))
    [pack_id] = [w for w in page.text_input if w.label == "Id of the new pack"]
    pack_id.input("example-typhoon-township").run()
    [save] = [b for b in page.button if b.label == "Save to the scenario library"]
    save.click().run()
    assert "is the id of a shipped pack, which is never overwritten. Choose another id" \
        in _text(page)
    assert not (data_dir / "packs").exists()


def test_an_unreadable_file_is_a_message(page: AppTest) -> None:
    old_excel = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64  # renamed .xls
    page.file_uploader(key="import.file.msel").upload("msel.csv", old_excel, "text/csv")
    page.run()
    assert not page.exception
    text = _text(page)
    assert "cannot be read" in text and "Excel 97-2003" in text


def test_a_roster_sheet_with_an_unknown_name_header_is_mapped_and_merged(
        page: AppTest, data_dir: Path) -> None:
    area = load_pack(EXAMPLE).pack.areas[0].id
    page.radio(key="import.kind").set_value("roster").run()
    data = _xlsx([["ID", "Outfit", "Level", "Sector", "Area"],
                  ["river-ngo", "River NGO", "ngo", "relief", area]], sheet="Agencies")
    page.file_uploader(key="import.file.roster").upload("contacts.xlsx", data, XLSX_TYPE)
    page.run()
    assert not page.exception
    _mapping_box(page, "Outfit").select("name").run()
    assert "river-ngo (NGO" in "\n".join(d.value.to_string() for d in page.dataframe)
    [save] = [b for b in page.button if b.label == "Save to the scenario library"]
    save.click().run()
    saved = load_pack(data_dir / "packs" / "example-typhoon-township-imported.yaml")
    assert saved.ok and saved.pack.agencies[-1].id == "river-ngo"


def test_a_whole_pack_from_one_workbook_with_no_library_pack_chosen(data_dir: Path) -> None:
    from tests.authoring.test_planner_sheets import CONTACTS, MSEL_EN, ROSTER

    at = AppTest.from_string(PAGE, default_timeout=60).run()
    at.radio(key="import.kind").set_value("pack").run()
    assert "import.base" not in {w.key for w in at.selectbox}
    at.text_input(key="import.pack.title").input("Hualien earthquake").run()
    at.text_input(key="import.pack.place").input("Hualien").run()
    book = Workbook()
    book.active.title = "Agencies"
    for row in ROSTER:
        book.active.append(row)
    for name, rows in (("Contacts", CONTACTS), ("MSEL", MSEL_EN)):
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    at.file_uploader(key="import.file.pack").upload("planning.xlsx", buffer.getvalue(),
                                                    XLSX_TYPE)
    at.run()
    assert not at.exception, at.exception
    text = _text(at)
    assert "Created 5 agencies: county-eoc" in text and "Created 1 actors: cwa-forecaster" in text
    assert "Added (8): EQ-01, EQ-02, EQ-03" in text and "Backup minutes" in text
    [save] = [b for b in at.button if b.label == "Save to the scenario library"]
    save.click().run()
    saved = load_pack(data_dir / "packs" / "hualien-earthquake.yaml")
    assert saved.ok and [i.id for i in saved.pack.injects] == [row[0] for row in MSEL_EN[1:]]

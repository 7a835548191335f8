"""New exercise in a real browser, offline: answers to a saved pack, then the planner's roster,
contact list and MSEL imported into it, the diff seen and the result saved."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from exercise.scenario.loader import load_pack
from tests.authoring.test_planner_sheets import CONTACTS, MSEL_EN, ROSTER
from tests.browser.conftest import Server, Visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TIMEOUT = 60_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _idle(page: object) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=TIMEOUT)  # type: ignore[attr-defined]


def test_new_exercise_then_import_the_planners_sheets(visit: Visit, server: Server) -> None:
    from playwright.sync_api import expect

    page = visit.page
    page.goto(f"{visit.base_url}/new")
    expect(page.get_by_role("heading", name="New exercise")).to_be_visible(timeout=TIMEOUT)
    page.get_by_label("Title of the exercise").fill("Browser quake")
    page.get_by_label("Place (county, city or township)").fill("Hualien")
    page.get_by_role("button", name="Create the pack").click()
    expect(page.get_by_text("14 standard channels", exact=False)).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Save to the scenario library").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_be_visible(timeout=TIMEOUT)
    saved = Path(server.data_dir) / "packs" / "browser-quake.yaml"
    assert load_pack(saved).ok
    visit.screenshot("new-exercise-saved")

    _idle(page)  # a click while the save's rerun is still drawing can be lost
    page.get_by_role("button", name="Import my spreadsheets into it").click()
    expect(page).to_have_url(re.compile(r"/import"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Import a spreadsheet")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("A pack of the library")).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(files=[
        {"name": "roster.xlsx", "mimeType": XLSX,
         "buffer": _workbook({"Agencies": ROSTER, "Contacts": CONTACTS})},
        {"name": "msel.xlsx", "mimeType": XLSX, "buffer": _workbook({"MSEL": MSEL_EN})}])
    expect(page.get_by_text("Added (8): EQ-01", exact=False)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Created 5 agencies", exact=False)).to_be_visible(timeout=TIMEOUT)
    visit.screenshot("new-exercise-import-diff")
    page.get_by_role("button", name="Save to the scenario library").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_be_visible(timeout=TIMEOUT)
    # saved beside the new pack it was imported into (the id says which)
    imported = load_pack(Path(server.data_dir) / "packs" / "browser-quake-imported.yaml")
    assert imported.ok and len(imported.pack.injects) == 8
    assert "lead-eoc" not in {agency.id for agency in imported.pack.agencies}  # no placeholder
    _idle(page)
    page.get_by_role("button", name="Open it on the edit page").click()
    expect(page).to_have_url(re.compile(r"/edit"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Edit a pack")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("tab", name="Injects")).to_be_visible(timeout=TIMEOUT)
    visit.screenshot("new-exercise-edit")
    assert not visit.blocked, visit.blocked

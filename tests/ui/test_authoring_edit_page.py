"""Wiring of the edit page (AppTest): cell edits are checked as a file would be, problems name
their table row and column, and saving never writes over a shipped pack."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from exercise.scenario.loader import load_pack
from tests.ui.conftest import EXAMPLE
from tests.ui.test_widgets import rendered

PAGE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.authoring_edit import authoring_edit_page
authoring_edit_page()
"""
LIBRARY = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.library import library_page
library_page()
"""


@pytest.fixture
def page(data_dir: Path) -> AppTest:
    at = AppTest.from_string(PAGE, default_timeout=60)
    at.run()
    box = at.selectbox(key="edit.base")
    [index] = [i for i, label in enumerate(box.options) if "mountain township" in label]
    box.select_index(index).run()
    assert not at.exception
    return at


def _editor_key(at: AppTest, table: str) -> str:
    [key] = [e.key for e in at.data_editor if e.key.startswith(f"edit.{table}.")]
    return key


def _problem_table(at: AppTest) -> str:
    frames = [d.value.to_string() for d in at.dataframe if d.editing_mode == "read_only"]
    return "\n".join(frames)


def test_the_tables_show_the_pack(page: AppTest) -> None:
    agencies = page.data_editor(key=_editor_key(page, "agencies")).value
    assert "Shanlin Township Emergency Operations Centre" in set(agencies["name_en"])
    injects = page.data_editor(key=_editor_key(page, "injects")).value
    assert list(injects["id"])[:2] == [i.id for i in load_pack(EXAMPLE).pack.injects][:2]
    assert [s.value for s in page.success] == ["The edited pack has no problems."]


def test_an_unknown_agency_is_shown_on_its_row(page: AppTest) -> None:
    key = _editor_key(page, "injects")
    page.session_state[key] = {"edited_rows": {2: {"from": "nobody-here"}},
                               "added_rows": [], "deleted_rows": []}
    page.run()
    assert not page.exception
    problems = _problem_table(page)
    assert "Injects, row 3 (I-03), From" in problems
    assert "unknown agency or actor 'nobody-here'" in problems
    assert "1 problem(s) in this table" in "\n".join(e.value for e in page.error)
    assert not [b for b in page.button if b.label == "Save to the scenario library"]


def test_a_link_row_with_a_bad_channel_list_is_located(page: AppTest) -> None:
    key = _editor_key(page, "links")
    page.session_state[key] = {"edited_rows": {0: {"channels": "radio, carrier-pigeon"}},
                               "added_rows": [], "deleted_rows": []}
    page.run()
    problems = _problem_table(page)
    assert "Links, row 1" in problems and "carrier-pigeon" in problems


def test_saving_a_shipped_pack_writes_a_new_pack_and_says_so(page: AppTest,
                                                             data_dir: Path) -> None:
    shipped = EXAMPLE.read_bytes()
    key = _editor_key(page, "agencies")
    page.session_state[key] = {"edited_rows": {0: {"name_en": "Renamed EOC"}},
                               "added_rows": [], "deleted_rows": []}
    page.run()
    assert any("shipped pack" in i.value for i in page.info)
    [save] = [b for b in page.button if b.label == "Save to the scenario library"]
    save.click().run()
    assert not page.exception
    assert EXAMPLE.read_bytes() == shipped
    notice = rendered("\n".join(w.value for w in page.warning))
    assert "shipped pack" in notice and "example-typhoon-township-edited" in notice
    saved = data_dir / "packs" / "example-typhoon-township-edited.yaml"
    result = load_pack(saved)
    assert result.ok and result.pack.agencies[0].name == {
        **load_pack(EXAMPLE).pack.agencies[0].name, "en": "Renamed EOC"}
    assert result.pack.injects == load_pack(EXAMPLE).pack.injects  # effects etc. kept
    library = AppTest.from_string(LIBRARY, default_timeout=60).run()
    options = library.selectbox(key="library.selected").options
    assert "Example: typhoon over a mountain township (uploaded, example-typhoon-township-edited)" in options


def test_the_spreadsheets_of_the_pack_can_be_downloaded(page: AppTest) -> None:
    labels = [b.label for b in page.get("download_button")]
    assert {"MSEL (XLSX)", "MSEL (CSV)", "Roster and contact plan (XLSX)",
            "Download as YAML"} <= set(labels)


def test_an_added_row_becomes_an_agency(page: AppTest, data_dir: Path) -> None:
    key = _editor_key(page, "agencies")
    area = load_pack(EXAMPLE).pack.areas[0].id
    page.session_state[key] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"id": "river-ngo", "name_en": "River NGO", "level": "ngo", "sector_en": "relief",
         "area": area}]}
    page.run()
    assert [s.value for s in page.success] == ["The edited pack has no problems."]
    [pack_id] = [w for w in page.text_input if w.label == "Id of the new pack"]
    pack_id.input("with-river-ngo").run()
    [save] = [b for b in page.button if b.label == "Save to the scenario library"]
    save.click().run()
    data = yaml.safe_load((data_dir / "packs" / "with-river-ngo.yaml").read_text("utf-8"))
    assert data["agencies"][-1]["id"] == "river-ngo"
    assert "Saved as the new pack with-river-ngo" in rendered(page.success[-1].value)


def test_renaming_an_inject_keeps_what_the_table_does_not_show(page: AppTest,
                                                               data_dir: Path) -> None:
    example = load_pack(EXAMPLE).pack
    index = next(i for i, inject in enumerate(example.injects) if inject.effects)
    key = _editor_key(page, "injects")
    page.session_state[key] = {"edited_rows": {index: {"id": "RENAMED"}},
                               "added_rows": [], "deleted_rows": []}
    page.run()
    [pack_id] = [w for w in page.text_input if w.label == "Id of the new pack"]
    pack_id.input("renamed-inject").run()
    [save] = [b for b in page.button if b.label == "Save to the scenario library"]
    save.click().run()
    saved = load_pack(data_dir / "packs" / "renamed-inject.yaml")
    renamed = saved.pack.inject("RENAMED")
    assert renamed.effects == example.injects[index].effects
    assert renamed.options == example.injects[index].options


def test_both_pages_work_in_traditional_chinese(data_dir: Path) -> None:
    importer = PAGE.replace("edit", "import")
    for script, title in ((PAGE, "編輯想定包"), (importer, "匯入試算表")):
        at = AppTest.from_string(script, default_timeout=60)
        at.query_params["lang"] = "zh-TW"
        at.run()
        assert not at.exception
        assert at.title[0].value == title

"""The Design check tab (AppTest): in the library preview and on the edit page, findings are
shown with where they are and what to do, in the reader's language, and pack text stays text.

The tab is checked on a small pack of its own (fixtures/design-check-pack.yaml), served as the
only shipped pack, so reworking the shipped library never moves the lines these tests pin."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.design.packs import pack_text

LIBRARY = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.library import library_page
library_page()
"""
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "design-check-pack.yaml"
SHIPPED = f"shipped/{FIXTURE.name}"
EDIT = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.authoring_edit import authoring_edit_page
authoring_edit_page()
"""


@pytest.fixture
def fixture_shipped(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture pack as the one shipped pack."""
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    shutil.copy(FIXTURE, shipped / FIXTURE.name)
    monkeypatch.setenv("EXERCISE_SCENARIOS_DIR", str(shipped))
    return data_dir


def _frame(at: AppTest, column: str):  # type: ignore[no-untyped-def]
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_the_preview_lists_findings_with_file_line_and_what_to_do(fixture_shipped) -> None:  # type: ignore[no-untyped-def]
    at = AppTest.from_string(LIBRARY, default_timeout=120)
    at.query_params["pack"] = SHIPPED
    at.run()
    assert not at.exception, at.exception
    findings = _frame(at, "What to do")
    bite = findings[findings["What"].str.contains("After C-07 (T+01:30)", regex=False)]
    assert len(bite) == 1
    assert bite["Where"].iloc[0].endswith("design-check-pack.yaml:89:7")
    assert bite["Severity"].iloc[0] == "advice"
    load = _frame(at, "Received")
    assert load["Received"].max() == 5
    pacing = _frame(at, "Speed needed")
    assert len(pacing) >= 1
    assert any("T+00:00 is day 1 at 14:00" == t.value for t in at.text)


def test_the_preview_reads_in_traditional_chinese(fixture_shipped) -> None:  # type: ignore[no-untyped-def]
    at = AppTest.from_string(LIBRARY, default_timeout=120)
    at.query_params["pack"] = SHIPPED
    at.query_params["lang"] = "zh-TW"
    at.run()
    assert not at.exception, at.exception
    findings = _frame(at, "處理方式")
    assert findings["內容"].str.contains("C-07（T+01:30）之後", regex=False).any()


def test_pack_text_in_a_finding_is_shown_as_typed(data_dir: Path) -> None:
    packs = data_dir / "packs"
    packs.mkdir(parents=True)
    text = pack_text(("name: Village office", "name: '**Village** [office](http://x)'"),
                     ("to: [village]\n    title: River", "to: [fire]\n    title: River"),
                     ("to: [village]\n    channel: phone", "to: [eoc]\n    channel: phone"))
    text = text.replace("to: [fire]\n    title: Rain", "to: [eoc]\n    title: Rain")
    (packs / "doctor-good.yaml").write_text(text, encoding="utf-8")
    at = AppTest.from_string(LIBRARY, default_timeout=120)
    at.query_params["pack"] = "uploaded/doctor-good.yaml"
    at.run()
    assert not at.exception, at.exception
    findings = _frame(at, "What to do")
    pattern = r"Table \*\*Village\*\* \[office\]\(http://x\) receives no inject"
    assert findings["What"].str.contains(pattern, regex=True).any()
    assert not [m for m in at.markdown if "office" in m.value]


def test_the_edit_page_checks_the_edited_pack(fixture_shipped) -> None:  # type: ignore[no-untyped-def]
    at = AppTest.from_string(EDIT, default_timeout=120)
    at.run()
    box = at.selectbox(key="edit.base")
    [index] = [i for i, label in enumerate(box.options) if "design check fixture" in label.lower()]
    box.select_index(index).run()
    assert not at.exception, at.exception
    findings = _frame(at, "What to do")
    assert findings["What"].str.contains("After C-07 (T+01:30)", regex=False).any()
    assert any(c.value.startswith("The design check of the edited pack") for c in at.caption)


def test_a_pack_with_table_plans_offers_them_and_checks_the_chosen_one(fixture_shipped) -> None:  # type: ignore[no-untyped-def]
    at = AppTest.from_string(LIBRARY, default_timeout=120)
    at.query_params["pack"] = SHIPPED
    at.run()
    assert not at.exception, at.exception
    box = at.selectbox(key="doctor.plan.library")
    assert box.value == "two-tables"
    assert list(_frame(at, "Received")["Table"]) == ["County side", "Township and village"]
    box.set_value("agencies").run()
    assert not at.exception, at.exception
    assert len(_frame(at, "Received")) == 4

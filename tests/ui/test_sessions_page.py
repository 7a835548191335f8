"""Wiring of the sessions page (AppTest): start a session from a pack, see every code once as a
join link with its QR code, and find the session again in the list."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from exercise.conduct.access import authorize
from exercise.conduct.errors import ConductError
from exercise.conduct.sessions import TableSpec
from exercise.store import open_store
from exercise.ui.views.sessions import NEW_CODES_KEY, parse_tables
from tests.ui.test_widgets import rendered

PAGE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.sessions import sessions_page
sessions_page()
"""


@pytest.fixture
def page(data_dir: Path) -> AppTest:
    return AppTest.from_string(PAGE, default_timeout=60)


def _choose_pack(at: AppTest, title_part: str) -> None:
    box = at.selectbox(key="sessions.pack")
    [index] = [i for i, label in enumerate(box.options) if title_part in label]
    box.select_index(index).run()


def _codes_text(at: AppTest) -> str:
    return "\n".join(str(c.value) for c in at.code)


def test_creating_a_session_shows_every_code_once_as_links_with_qr(page: AppTest, data_dir: Path) -> None:
    page.run()
    assert not page.exception
    _choose_pack(page, "mountain township")
    [name] = [w for w in page.text_input if w.label == "Session name"]
    name.input("Morning run")
    [submit] = [b for b in page.button if b.label == "Create the session"]
    submit.click().run()
    assert not page.exception, page.exception
    codes = page.session_state[NEW_CODES_KEY]
    links = _codes_text(page)
    for code in codes.tables.values():
        assert f"/desk?k={code}" in links
    assert f"/facilitator?k={codes.facilitator}" in links
    assert all(f"/evaluate?k={c}" in links for c in codes.evaluators.values())
    assert len(page.get("image")) >= len(codes.tables)  # one QR per handed-out code
    # the codes work: the store knows the facilitator code for this session
    store = open_store(None, data_dir)
    assert authorize(store, codes.facilitator).role == "facilitator"
    page.checkbox(key="sessions.console_copied").check().run()  # hiding needs the console kept
    [hide] = [b for b in page.button if b.label == "I have saved the links: hide them"]
    hide.click().run()
    assert codes.facilitator not in _codes_text(page)  # gone once dismissed
    frame = page.dataframe[-1].value.to_string()
    assert "Morning run" in frame and codes.session_id in frame


def test_tables_are_editable_and_mistakes_are_messages(page: AppTest, data_dir: Path) -> None:
    page.run()
    _choose_pack(page, "mountain township")
    area = page.text_area[0]
    assert "county-eoc" in area.value  # one table per agency by default
    area.input("Everyone: county-eoc, nowhere-agency")
    [submit] = [b for b in page.button if b.label == "Create the session"]
    submit.click().run()
    assert not page.exception
    assert any("nowhere-agency" in rendered(e.value) for e in page.error)
    assert NEW_CODES_KEY not in page.session_state


def test_parse_tables_reads_labels_and_agencies() -> None:
    assert parse_tables("Table A: fire, police\n\npolice-2\n") == [
        TableSpec("Table A", ("fire", "police")), TableSpec("police-2", ("police-2",))]
    with pytest.raises(ConductError, match="line 1"):
        parse_tables("Empty table:")
    # a label with colons (a short name from the pack) keeps them
    assert parse_tables("Fire: see http://x.example:8/a: fire-bureau") == [
        TableSpec("Fire: see http://x.example:8/a", ("fire-bureau",))]


def test_a_shared_server_asks_for_the_organizer_secret_before_starting(
        page: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXERCISE_ORGANIZER_SECRET", "hurricane-season")
    page.run()
    assert not [b for b in page.button if b.label == "Create the session"]
    [secret] = [w for w in page.text_input if w.label == "Organizer secret"]
    [unlock] = [b for b in page.button if b.label == "Unlock"]
    secret.input("guess")
    unlock.click().run()
    assert any("not right" in e.value for e in page.error)
    assert not [b for b in page.button if b.label == "Create the session"]
    secret.input("hurricane-season")
    unlock.click().run()
    _choose_pack(page, "mountain township")
    [submit] = [b for b in page.button if b.label == "Create the session"]
    submit.click().run()
    assert not page.exception, page.exception
    assert page.session_state[NEW_CODES_KEY].facilitator


def test_the_packs_table_plans_are_offered_and_fill_the_tables(page: AppTest, data_dir: Path) -> None:
    page.run()
    _choose_pack(page, "mountain township")
    [plan_box] = [b for b in page.selectbox if b.label == "Table plan"]
    assert plan_box.options[0].startswith("One table per agency (7 tables)")  # by default
    assert len(page.text_area[0].value.splitlines()) == 7  # every agency at its own table
    assert "(4 tables)" in plan_box.options[1]  # the pack's suggested plan
    plan_box.select_index(1).run()
    lines = [line for line in page.text_area[0].value.splitlines() if line.strip()]
    assert len(lines) == 4
    [submit] = [b for b in page.button if b.label == "Create the session"]
    submit.click().run()
    assert not page.exception, page.exception
    codes = page.session_state[NEW_CODES_KEY]
    assert len(codes.tables) == 4
    seated = {a for code in codes.tables.values()
              for a in authorize(open_store(None, data_dir), code).agencies}
    assert "county-eoc" in seated


def test_table_plans_read_in_chinese(page: AppTest, data_dir: Path) -> None:
    page.run()
    page.button_group(key="lang").set_value("zh-TW").run()
    _choose_pack(page, "山區鄉鎮")
    [plan_box] = [b for b in page.selectbox if b.label == "分桌方案"]
    assert plan_box.options[0].startswith("每個機關一桌")
    assert "4 桌" in plan_box.options[1]

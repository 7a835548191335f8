"""The room experience (issue #16): no dead ends for the facilitator, nothing a player types is
lost, each role sees only its pages, and raw ids never reach people (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.play_support import new_session, open_page, texts
from tests.ui.test_sessions_page import PAGE, _choose_pack, _codes_text
from exercise.ui.views.sessions import NEW_CODES_KEY


# --- item 1: the facilitator's own card; the codes cannot be hidden before it is kept -------


def _create(at: AppTest) -> None:
    at.run()
    _choose_pack(at, "mountain township")
    [submit] = [b for b in at.button if b.label == "Create the session"]
    submit.click().run()
    assert not at.exception, at.exception


def _hide(at: AppTest):  # type: ignore[no-untyped-def]
    [hide] = [b for b in at.button if b.label == "I have saved the links: hide them"]
    return hide


def test_the_codes_cannot_be_hidden_before_the_facilitator_card_is_saved(data_dir: Path) -> None:
    at = AppTest.from_string(PAGE, default_timeout=60)
    _create(at)
    codes = at.session_state[NEW_CODES_KEY]
    assert _hide(at).disabled  # hiding now would lose the console for good
    [card] = [d for d in at.get("download_button")
              if d.proto.label.startswith("Download your facilitator card")]
    card.click().run()
    assert not at.exception
    assert not _hide(at).disabled
    _hide(at).click().run()
    assert codes.facilitator not in _codes_text(at)


def test_copying_the_console_link_also_unlocks_hiding(data_dir: Path) -> None:
    at = AppTest.from_string(PAGE, default_timeout=60)
    _create(at)
    assert _hide(at).disabled
    at.checkbox(key="sessions.console_copied").check().run()
    assert not _hide(at).disabled


def test_the_facilitator_card_holds_every_facilitator_page_with_the_code() -> None:
    from exercise.ui.views.facilitator_links import facilitator_card_html, facilitator_links

    links = facilitator_links("abc<def", "http://room:8501", "zh-TW")
    card = facilitator_card_html("Run <b>1</b>", links, {"facilitator": "Console"}, "Card", "Keep")
    for page in ("facilitator", "hotwash", "debrief", "instructor"):
        assert f"http://room:8501/{page}?k=abc%3Cdef&amp;lang=zh-TW" in card
    assert "<b>1</b>" not in card and "Run &lt;b&gt;1&lt;/b&gt;" in card
    assert card.count('<img alt="QR"') == 4


# --- item 16 (and item 2's menu): each role sees its pages; every link keeps the code ----------


def _menu(at: AppTest) -> dict[str, str]:
    """The sidebar menu as shown: label -> the query string its link carries."""
    return {link.proto.label: link.proto.query_string for link in at.get("page_link")
            if link.proto.label in _NAV}


_NAV = {"Scenario library", "Exercise sessions", "Import a spreadsheet", "Edit a pack",
        "Facilitator console", "Projector", "Instructor overview", "Join", "Agency desk",
        "Evaluation", "Hot wash and feedback", "Debrief report"}


@pytest.mark.parametrize(("page", "who", "expected"), [
    ("desk", "table", {"Agency desk"}),
    ("evaluate", "evaluator", {"Evaluation", "Hot wash and feedback", "Debrief report"}),
    ("evaluate", "observer", {"Evaluation", "Hot wash and feedback", "Debrief report",
                              "Projector"}),
    ("debrief", "debrief", {"Debrief report"}),
    ("facilitator", "facilitator", {"Scenario library", "Exercise sessions",
                                    "Import a spreadsheet", "Edit a pack", "Facilitator console",
                                    "Projector", "Instructor overview", "Hot wash and feedback",
                                    "Debrief report"}),
])
def test_each_role_sees_only_its_pages_and_every_link_keeps_the_code(
        app: AppTest, data_dir: Path, page: str, who: str, expected: set[str]) -> None:
    played = new_session(data_dir)
    code = {"table": played.table("Township EOC"), "evaluator": played.evaluator,
            "observer": played.codes.observer, "debrief": played.codes.debrief,
            "facilitator": played.codes.facilitator}[who]
    open_page(app, page, code, lang="zh-TW" if who == "observer" else None)
    assert not app.exception, app.exception
    menu = _menu(app) if who != "observer" else {
        _EN[link.proto.label]: link.proto.query_string for link in app.get("page_link")
        if link.proto.label in _EN}
    assert set(menu) == expected
    for label, query in menu.items():
        assert f"k={code}" in query, label
        assert ("lang=zh-TW" in query) == (who == "observer"), label


_EN = {"評核": "Evaluation", "立即檢討與回饋": "Hot wash and feedback", "檢討報告": "Debrief report",
       "投影畫面": "Projector"}


def test_without_a_code_the_menu_holds_the_preparing_pages_and_join(app: AppTest,
                                                                    data_dir: Path) -> None:
    app.run()
    assert not app.exception
    menu = _menu(app)
    assert set(menu) == {"Scenario library", "Exercise sessions", "Import a spreadsheet",
                         "Edit a pack", "Join"}
    assert not any("k=" in query for query in menu.values())


def test_the_projector_shows_no_menu(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "projector", played.codes.observer)
    assert not app.exception
    assert "T+00:0" in texts(app)
    assert _menu(app) == {}


@pytest.mark.parametrize(("typed", "title"), [
    ("console", "T+00:0"), ("hot-wash", "Hot wash"), ("evaluator", "Evaluation")])
def test_obvious_names_open_the_page(app: AppTest, data_dir: Path, typed: str,
                                     title: str) -> None:
    played = new_session(data_dir)
    code = played.evaluator if typed == "evaluator" else played.codes.facilitator
    open_page(app, typed, code)
    assert not app.exception
    assert title in texts(app)
    assert "Scenario library" not in [str(t.value) for t in app.title]


# --- item 2: after End, the console leads on; each step keeps the facilitator's code ----------


def test_the_ended_console_leads_to_the_next_steps_with_the_code(app: AppTest,
                                                                 data_dir: Path) -> None:
    from exercise.conduct import facilitation

    played = new_session(data_dir)
    code = played.codes.facilitator
    facilitation.end_session(played.store, code)
    open_page(app, "facilitator", code)
    assert not app.exception, app.exception
    steps = {link.proto.label: link.proto.query_string for link in app.get("page_link")
             if link.proto.label in {"Hot wash", "Improvement plan", "Report and exports"}}
    assert set(steps) == {"Hot wash", "Improvement plan", "Report and exports"}
    assert all(f"k={code}" in query for query in steps.values())
    assert "tab=plan" in steps["Improvement plan"]
    assert not [b for b in app.button if b.key == "facilitator.end"]  # nothing left to end
    [share] = [b for b in app.button if b.label == "Make a debrief link for participants"]
    share.click().run()
    assert not app.exception
    assert "Tables and join links" in texts(app)  # where a debrief code is made
    assert any(b.label == "Make a new code" for b in app.button)
    open_page(app, "hotwash", code)  # where the first step leads: no code asked again
    assert not app.exception
    assert "This page needs a join code" not in texts(app)
    assert "Hot wash" in texts(app)


def test_a_running_console_shows_no_next_steps(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "facilitator", played.codes.facilitator)
    assert not app.exception
    assert not [link for link in app.get("page_link") if link.proto.label == "Improvement plan"]

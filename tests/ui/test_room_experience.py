"""The room experience (issue #16): no dead ends for the facilitator, nothing a player types is
lost, each role sees only its pages, and raw ids never reach people (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

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

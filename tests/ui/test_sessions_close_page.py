"""The sessions page closes a past session through the domain command (issue #15, item 4):
one end recorded, the session closed, and a second close answered with a message, not a
second close."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.conduct import event_types
from exercise.conduct.sessions import create_session
from exercise.store import open_store
from tests.ui.conftest import EXAMPLE
from tests.ui.test_widgets import rendered

PAGE = """
from exercise.ui.views.sessions import sessions_page
sessions_page()
"""


def _close(page: AppTest, code: str) -> None:
    [field] = [w for w in page.text_input if w.label == "Facilitator code or link"]
    field.input(code)
    [close] = [b for b in page.button if b.label == "Close the session"]
    close.click().run()
    assert not page.exception, page.exception


def test_closing_from_the_page_ends_once_and_a_second_close_is_refused(data_dir: Path) -> None:
    store = open_store(None, data_dir)
    codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), name="Morning run")
    page = AppTest.from_string(PAGE, default_timeout=60)
    page.run()
    _close(page, codes.facilitator)
    assert [rendered(s.value) for s in page.success] == ["The session is closed."]
    assert store.session(codes.session_id).closed  # type: ignore[union-attr]
    ends = [e for e in store.events(codes.session_id)
            if isinstance(e.data, event_types.SessionEnded)]
    seq = store.last_seq(codes.session_id)
    assert len(ends) == 1
    _close(page, codes.facilitator)
    assert not page.success
    assert any("session is closed" in rendered(e.value) for e in page.error)
    assert store.last_seq(codes.session_id) == seq
    assert "closed" in page.dataframe[-1].value.to_string()

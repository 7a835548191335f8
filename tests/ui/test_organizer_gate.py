"""What the organizer secret protects (issue 13, item 5): on a shared server, uploading,
importing, editing and the list of sessions need the secret, once per browser session; wrong
tries are slowed down per browser session and for the whole process. On a laptop (no secret)
everything stays open."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from exercise.conduct.sessions import create_session
from exercise.store import open_store
from exercise.ui import gate
from exercise.ui.attempts import FREE_TRIES, PROCESS_FREE_TRIES, Attempts, wait_after
from tests.ui.conftest import EXAMPLE

SECRET = "hurricane-season"
SCRIPT = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.{module} import {page}
{page}()
"""
PAGES = {
    "library": ("library", "library_page"),
    "import": ("authoring_import", "authoring_import_page"),
    "edit": ("authoring_edit", "authoring_edit_page"),
    "sessions": ("sessions", "sessions_page"),
}


def _open(name: str) -> AppTest:
    module, page = PAGES[name]
    return AppTest.from_string(SCRIPT.format(module=module, page=page), default_timeout=60).run()


def _organizer_work(at: AppTest) -> list[str]:
    """What an organizer could change or read on the page, by kind."""
    found = []
    if at.get("file_uploader"):
        found.append("upload")
    if any(b.label in {"Create the session", "Add to the library"} for b in at.button):
        found.append("change")
    if at.get("arrow_data_frame") or at.dataframe:
        found.append("table")
    return found


def _unlock(at: AppTest, given: str) -> AppTest:
    [field] = [w for w in at.text_input if w.label == "Organizer secret"]
    field.input(given)
    [button] = [b for b in at.button if b.label == "Unlock"]
    return button.click().run()


@pytest.fixture
def shared_server(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EXERCISE_ORGANIZER_SECRET", SECRET)
    monkeypatch.setattr(gate, "ATTEMPTS", Attempts())
    store = open_store(None, data_dir)
    create_session(store, EXAMPLE.read_text(encoding="utf-8"), name="Secret county drill")
    return data_dir


@pytest.mark.parametrize("name", ["library", "import", "edit", "sessions"])
def test_organizer_work_needs_the_secret_on_a_shared_server(shared_server: Path, name: str) -> None:
    at = _open(name)
    assert not at.exception, at.exception
    if name != "library":
        assert _organizer_work(at) == [], name
    else:
        assert not at.get("file_uploader")
    assert "Secret county drill" not in str([e.value for e in at.get("arrow_data_frame")])
    at = _unlock(at, "guess")
    assert any("not right" in e.value for e in at.error)
    assert not at.get("file_uploader") and not at.dataframe if name != "library" else True
    at = _unlock(at, SECRET)
    assert not at.exception, at.exception
    if name in {"library", "import"}:
        assert at.get("file_uploader"), name
    elif name == "sessions":
        assert "Secret county drill" in at.dataframe[-1].value.to_string()
    else:
        assert at.get("arrow_data_frame") or at.dataframe or at.get("data_editor")
    at.run()  # the browser session stays unlocked on every later run
    assert not any(w.label == "Organizer secret" for w in at.text_input)


def test_a_new_browser_session_is_locked_again(shared_server: Path) -> None:
    _unlock(_open("sessions"), SECRET)
    again = _open("sessions")
    assert not again.dataframe
    assert any(w.label == "Organizer secret" for w in again.text_input)


def test_wrong_tries_are_slowed_down_even_for_the_right_secret(
        shared_server: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(gate, "_now", lambda: clock[0])
    at = _open("sessions")
    for _ in range(FREE_TRIES):
        at = _unlock(at, "guess")
    at = _unlock(at, SECRET)  # within the wait: not even compared
    assert any("wait" in e.value for e in at.error)
    assert not at.dataframe
    clock[0] += wait_after(FREE_TRIES, FREE_TRIES) + 0.1
    at = _unlock(at, SECRET)
    assert not at.exception
    assert "Secret county drill" in at.dataframe[-1].value.to_string()


def test_a_laptop_without_a_secret_stays_open(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXERCISE_ORGANIZER_SECRET", raising=False)
    create_session(open_store(None, data_dir), EXAMPLE.read_text(encoding="utf-8"),
                   name="Laptop drill")
    sessions = _open("sessions")
    assert not any(w.label == "Organizer secret" for w in sessions.text_input)
    assert "Laptop drill" in sessions.dataframe[-1].value.to_string()
    assert _open("library").get("file_uploader")


def test_attempts_wait_doubles_and_new_sessions_do_not_reset_the_process_count() -> None:
    attempts = Attempts()
    for _ in range(FREE_TRIES - 1):
        attempts.failed("browser-a", 0.0)
    assert attempts.wait_seconds("browser-a", 0.0) == 0.0
    attempts.failed("browser-a", 0.0)
    first = attempts.wait_seconds("browser-a", 0.0)
    attempts.failed("browser-a", 0.0)
    assert attempts.wait_seconds("browser-a", 0.0) == pytest.approx(2 * first)
    assert attempts.wait_seconds("browser-b", 0.0) == 0.0  # another browser: its own count
    for number in range(PROCESS_FREE_TRIES):  # many browsers, one wrong try each
        attempts.failed(f"fresh-{number}", 0.0)
    assert attempts.wait_seconds("yet-another-browser", 0.0) > 0.0
    attempts.succeeded("browser-a")
    assert attempts.wait_seconds("browser-a", 10_000.0) == 0.0


def test_the_secret_is_compared_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXERCISE_ORGANIZER_SECRET", SECRET)
    assert gate.organizer_allowed(f"  {SECRET} ")
    for wrong in ("", SECRET[:-1], SECRET + "x", SECRET.upper(), "h" * 500):
        assert not gate.organizer_allowed(wrong)

"""The room's screen across a SIGKILL of the app: the projector page, open in a real browser,
keeps the app polling (the app itself releases the due inject into the shared SQLite file);
after the kill and a restart, a reload shows the clock where wall time says, not where it
stopped, and nothing the app or the tables stored is gone."""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from exercise.conduct import facilitation, play
from exercise.conduct.events import EventKind
from exercise.conduct.reading import session_state
from exercise.conduct.sessions import create_session, join
from exercise.store import DATABASE_URL_ENV, SqlEventStore
from exercise.store.engine import SQLITE_FILE
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

from .processes import App, free_port
from .scripted import EXAMPLE, TABLES, RecordingStore

pytestmark = [pytest.mark.slow, pytest.mark.browser]
SPEED = 60.0  # one scenario minute per real second
CLOCK = re.compile(r"T\+(\d\d):(\d\d)")


@pytest.fixture
def chromium() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium, or `make system-deps`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _shown_minute(page: object) -> int:
    heading = page.locator("h1").filter(has_text=CLOCK).first  # type: ignore[attr-defined]
    heading.wait_for(timeout=30_000)
    hours, minutes = CLOCK.search(heading.inner_text()).groups()  # type: ignore[union-attr]
    return int(hours) * 60 + int(minutes)


def test_the_projector_shows_the_clock_where_wall_time_says_after_the_app_is_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chromium: object
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    data = tmp_path / "data"
    data.mkdir()
    app = App(free_port(), data, tmp_path / "serve.log")
    app.start()
    page = chromium.new_page()  # type: ignore[attr-defined]
    try:
        with SqlEventStore(f"sqlite:///{(data / SQLITE_FILE).resolve()}") as opened:
            store = RecordingStore(opened)
            codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TABLES,
                                   session_id="room-screen")
            sid = codes.session_id
            facilitation.start_clock(store, codes.facilitator, speed=SPEED, at="T+00:06")
            join(store, codes.tables["County"])
            page.goto(f"{app.url}/projector?k={codes.facilitator}")
            assert _shown_minute(page) >= 6

            # Only the app polls this session: it releases I-01 (T+00:10) into the shared file.
            deadline = time.monotonic() + 30
            while "I-01" not in session_state(store, sid).releases:
                assert time.monotonic() < deadline, app.log.read_text(errors="replace")
                time.sleep(0.2)
            by_app = next(e for e in store.events(sid) if e.kind is EventKind.inject_released)
            assert (by_app.actor, by_app.scenario_minute) == ("scheduler", 10.0)
            play.acknowledge(store, codes.tables["County"], "county-eoc", "I-01")

            assert app.kill_9() == -signal.SIGKILL
            time.sleep(2)  # the exercise goes on in the room while the app is down
            app.start()
            before = session_state(store, sid).clock.minute_at(time.time())
            page.reload()
            shown = _shown_minute(page)
            after = session_state(store, sid).clock.minute_at(time.time())
            assert int(before) <= shown <= int(after), "the screen shows wall time's minute"

            events = store.events(sid)
            assert by_app in events
            assert all(event in events for event in store.acknowledged)
            assert session_state(store, sid).inbox["county-eoc"]["I-01"].acknowledged
    finally:
        page.close()
        app.stop()

"""The room's screen across a SIGKILL of the app: the projector page, open in a real browser,
keeps the app polling (the app itself releases the due inject into the shared SQLite file);
after the kill and a restart, a reload shows the clock where wall time says, not where it
stopped, and nothing the app or the tables stored is gone."""

from __future__ import annotations

import signal
import subprocess
import sys
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
from tests.browser.conftest import CHROMIUM

from .processes import ROOT, App, free_port
from .scripted import EXAMPLE, TABLES, RecordingStore

pytestmark = [pytest.mark.slow, pytest.mark.browser]
SPEED = 60.0  # one scenario minute per real second


class Screen:
    """A browser showing one page of the app, driven in its own process (screen_child.py)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.screen_child", str(CHROMIUM)], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self._answer() == "ready"

    def _answer(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def shown_minute(self, command: str) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        answer = self._answer()
        assert answer.startswith("minute "), answer
        return int(answer.split()[1])

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)


@pytest.fixture
def screen() -> Iterator[Screen]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium, or `make system-deps`)")
    pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    opened = Screen()
    try:
        yield opened
    finally:
        opened.close()


def test_the_projector_shows_the_clock_where_wall_time_says_after_the_app_is_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, screen: Screen
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    data = tmp_path / "data"
    data.mkdir()
    app = App(free_port(), data, tmp_path / "serve.log")
    app.start()
    try:
        with SqlEventStore(f"sqlite:///{(data / SQLITE_FILE).resolve()}") as opened:
            store = RecordingStore(opened)
            codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TABLES,
                                   session_id="room-screen")
            sid = codes.session_id
            facilitation.start_clock(store, codes.facilitator, speed=SPEED, at="T+00:08")
            join(store, codes.tables["County"])
            assert screen.shown_minute(f"open {app.url}/projector?k={codes.facilitator}") >= 8

            # Only the app polls this session: it releases I-01 (T+00:10) into the shared file.
            deadline = time.monotonic() + 30
            while "I-01" not in session_state(store, sid).releases:
                assert time.monotonic() < deadline, app.log.read_text(errors="replace")
                time.sleep(0.2)
            by_app = next(e for e in store.events(sid) if e.kind is EventKind.inject_released)
            assert (by_app.actor, by_app.scenario_minute) == ("scheduler", 10.0)
            play.acknowledge(store, codes.tables["County"], "county-eoc", "I-01")

            assert app.kill_9() == -signal.SIGKILL
            app.start()
            before = session_state(store, sid).clock.minute_at(time.time())
            shown = screen.shown_minute("reload")
            after = session_state(store, sid).clock.minute_at(time.time())
            assert int(before) <= shown <= int(after), "the screen shows wall time's minute"

            events = store.events(sid)
            assert by_app in events
            assert all(event in events for event in store.acknowledged)
            assert session_state(store, sid).inbox["county-eoc"]["I-01"].acknowledged
    finally:
        app.stop()

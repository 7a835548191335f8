"""The backup the README gives for the embedded store: SQLite's online backup, taken while a
table keeps writing, is a whole store holding everything acknowledged before it began."""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pytest

from exercise.conduct import facilitation, play
from exercise.conduct.reading import session_state
from exercise.conduct.sessions import create_session
from exercise.store import SqlEventStore

from .processes import go, start_child
from .scripted import EXAMPLE, TABLES


@pytest.mark.slow
def test_a_backup_taken_during_play_holds_everything_acknowledged_before_it(tmp_path: Path) -> None:
    live, copy = tmp_path / "data" / "exercise.sqlite3", tmp_path / "backup" / "exercise.sqlite3"
    url = f"sqlite:///{live}"
    with SqlEventStore(url) as store:
        codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TABLES,
                               session_id="backed-up")
        facilitation.start_clock(store, codes.facilitator, speed=10)
    child = start_child("table", url, "backed-up", codes.tables["Township"], "township-eoc")
    go(child)
    assert child.stdout is not None
    before = [child.stdout.readline().split() for _ in range(50)]
    copy.parent.mkdir()
    # The README's line: Python's sqlite3 online backup (the sqlite3 shell's `.backup` is the same).
    source, target = sqlite3.connect(live), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    after = [child.stdout.readline().split() for _ in range(20)]  # it was never held up for long
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)

    with SqlEventStore(f"sqlite:///{copy}") as restored:
        events = restored.events("backed-up")
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        assert {key: int(seq) for seq, key, _ in before}.items() <= {
            e.idempotency_key: e.seq for e in events}.items()
        assert len(after) == 20, "the table kept writing through the backup"
        state = session_state(restored, "backed-up")
        assert len(state.actions) >= 50 and state.clock.mode == "running"
        resumed = play.log_action(restored, codes.tables["County"], "county-eoc", "Restored")
        assert resumed.seq == len(events) + 1

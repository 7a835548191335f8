"""The session watcher: an app process learns that a session has new events, appended by
another process, without each desk asking the database (SQLite: one reader thread; PostgreSQL:
LISTEN/NOTIFY)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from exercise.conduct.events import EventKind, NewEvent
from exercise.store import SqlEventStore
from exercise.store import watch as watch_module
from exercise.store.engine import SqliteDataVersion, change_probe, parse_url
from exercise.store.watch import NotifyWatch, PollingWatch
from tests.store.conftest import grant, session_record

ROOT = Path(__file__).resolve().parents[2]


def _event(n: int) -> NewEvent:
    return NewEvent(EventKind.action_logged, "fire", {"agency": "fire", "text": str(n)}, n, f"k{n}")


def _eventually(check: object, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def _append_in_another_process(url: str, session_id: str, count: int) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer_child", url, session_id, "fire", str(count),
         "child-", str(count)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "ready"
    child.stdin.write("go\n")
    child.stdin.flush()
    out, _ = child.communicate(timeout=120)
    assert child.returncode == 0, out


def test_an_append_by_another_process_is_seen(database_url: str) -> None:
    with SqlEventStore(database_url) as store:
        store.create_session(session_record("S-watch"), [grant("t1", "S-watch")])
        watch = store.watch
        if isinstance(watch, NotifyWatch):
            assert watch.wait_listening(10)
        assert not watch.moved_past("S-watch", 0)  # nothing yet
        _append_in_another_process(database_url, "S-watch", 3)
        assert _eventually(lambda: watch.moved_past("S-watch", 2))
        assert not watch.moved_past("S-watch", 3)


def test_an_append_through_another_connection_is_seen_and_own_appends_at_once(
        database_url: str) -> None:
    with SqlEventStore(database_url) as watching, SqlEventStore(database_url) as other:
        watching.create_session(session_record("S-two"), [])
        assert not watching.watch.moved_past("S-two", 0)
        other.append("S-two", [_event(1)])
        assert _eventually(lambda: watching.watch.moved_past("S-two", 0))
        watching.append("S-two", [_event(2)])
        assert watching.watch.moved_past("S-two", 1)  # noted in the append, no wait


def test_a_session_not_asked_about_is_not_read() -> None:
    reads: list[list[str]] = []

    def read(sessions: list[str]) -> dict[str, int]:
        reads.append(list(sessions))
        return dict.fromkeys(sessions, 4)

    watch = PollingWatch(read, interval=0.01)
    try:
        time.sleep(0.1)
        assert reads == []  # nothing watched yet: no query at all
        assert watch.moved_past("S-1", 3)
        assert not watch.moved_past("S-1", 4)
        assert _eventually(lambda: len(reads) > 3)
        assert all(sessions == ["S-1"] for sessions in reads)
    finally:
        watch.close()


def test_the_polling_watcher_survives_a_failed_read() -> None:
    answers = iter([{"S-1": 1}, OSError("database is locked")])

    def read(sessions: list[str]) -> dict[str, int]:
        answer = next(answers, {"S-1": 7})
        if isinstance(answer, Exception):
            raise answer
        return answer

    watch = PollingWatch(read, interval=0.01)
    try:
        assert not watch.moved_past("S-1", 1)
        assert _eventually(lambda: watch.moved_past("S-1", 6))
    finally:
        watch.close()


def test_listeners_hear_each_move_of_a_watched_session_once() -> None:
    last = {"S-1": 4}
    watch = PollingWatch(lambda sessions: {s: last[s] for s in sessions if s in last},
                         interval=0.01)
    heard: list[tuple[str, int]] = []
    watch.subscribe(lambda session_id, seq: heard.append((session_id, seq)))

    def failing(session_id: str, seq: int) -> None:
        raise RuntimeError("a failing listener stops nobody")

    watch.subscribe(failing)
    try:
        assert not watch.moved_past("S-1", 4)  # the first reading is not a move
        last["S-1"] = 6  # appended elsewhere: the watcher's thread reads it
        assert _eventually(lambda: heard == [("S-1", 6)])
        watch.noted("S-1", 7)  # appended here
        watch.noted("S-1", 7)  # the watcher reading the same number again
        assert _eventually(lambda: heard == [("S-1", 6), ("S-1", 7)])
        time.sleep(0.1)
        assert heard == [("S-1", 6), ("S-1", 7)]
    finally:
        watch.close()


class _Probe:
    """A database that says when it changed, and counts the questions."""

    def __init__(self) -> None:
        self.commits = 0
        self.seen = -1
        self.asked = 0
        self.closed = False

    def changed(self) -> bool:
        self.asked += 1
        changed, self.seen = self.commits != self.seen, self.commits
        return changed

    def close(self) -> None:
        self.closed = True


def test_with_a_probe_the_sessions_are_read_only_after_a_commit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch_module, "FULL_READ_SECONDS", 3600.0)
    last = {"S-1": 4}
    reads: list[list[str]] = []

    def read(sessions: list[str]) -> dict[str, int]:
        reads.append(list(sessions))
        return {s: last[s] for s in sessions if s in last}

    probe = _Probe()
    watch = PollingWatch(read, interval=0.01, probe=probe)
    try:
        assert not watch.moved_past("S-1", 4)  # the first question reads at once
        assert _eventually(lambda: probe.asked > 20)
        settled = len(reads)
        assert settled <= 2  # the first question, and the first round's read
        last["S-1"] = 6
        time.sleep(0.1)
        assert not watch.moved_past("S-1", 4)  # no commit said: not read again
        probe.commits += 1
        assert _eventually(lambda: watch.moved_past("S-1", 5))
        assert len(reads) == settled + 1
    finally:
        watch.close()
    assert probe.closed


def test_with_a_probe_the_sessions_are_still_read_now_and_then(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch_module, "FULL_READ_SECONDS", 0.05)
    last = {"S-1": 1}
    watch = PollingWatch(lambda sessions: {s: last[s] for s in sessions if s in last},
                         interval=0.01, probe=_Probe())
    try:
        assert not watch.moved_past("S-1", 1)
        last["S-1"] = 2  # a writer the probe cannot see
        assert _eventually(lambda: watch.moved_past("S-1", 1))
    finally:
        watch.close()


def test_a_read_that_failed_after_a_commit_is_tried_again_at_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch_module, "FULL_READ_SECONDS", 3600.0)
    last = {"S-1": 1}
    failures = iter([OSError("database is locked")])

    def read(sessions: list[str]) -> dict[str, int]:
        if last["S-1"] > 1:
            failure = next(failures, None)
            if failure is not None:
                raise failure
        return {s: last[s] for s in sessions if s in last}

    probe = _Probe()
    watch = PollingWatch(read, interval=0.01, probe=probe)
    try:
        assert not watch.moved_past("S-1", 1)
        assert _eventually(lambda: probe.asked > 5)
        last["S-1"] = 2
        probe.commits += 1  # said once; the read after it fails
        assert _eventually(lambda: watch.moved_past("S-1", 1), seconds=2.0)
    finally:
        watch.close()


def test_a_failing_probe_means_read() -> None:
    class Broken(_Probe):
        def changed(self) -> bool:
            raise OSError("disk I/O error")

    last = {"S-1": 1}
    watch = PollingWatch(lambda sessions: {s: last[s] for s in sessions if s in last},
                         interval=0.01, probe=Broken())
    try:
        assert not watch.moved_past("S-1", 1)
        last["S-1"] = 3
        assert _eventually(lambda: watch.moved_past("S-1", 2))
    finally:
        watch.close()


def test_the_sqlite_data_version_changes_with_each_commit_of_another_connection(
        tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/store.sqlite3"
    with SqlEventStore(url) as store:
        store.create_session(session_record("S-v"), [])
        probe = change_probe(parse_url(url))
        assert isinstance(probe, SqliteDataVersion)
        try:
            assert probe.changed()  # the first question
            assert not probe.changed()
            store.append("S-v", [_event(1)])
            assert probe.changed()
            assert not probe.changed()
            _append_in_another_process(url, "S-v", 2)
            assert probe.changed()
            assert not probe.changed()
        finally:
            probe.close()


def test_only_a_sqlite_file_gets_a_probe() -> None:
    assert change_probe(parse_url("sqlite://")) is None
    assert change_probe(parse_url("sqlite:///:memory:")) is None
    assert change_probe(parse_url("postgresql+psycopg://u@localhost/db")) is None

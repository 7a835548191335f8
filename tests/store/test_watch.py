"""The session watcher: an app process learns that a session has new events, appended by
another process, without each desk asking the database (SQLite: one reader thread; PostgreSQL:
LISTEN/NOTIFY)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from exercise.conduct.events import EventKind, NewEvent
from exercise.store import SqlEventStore
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

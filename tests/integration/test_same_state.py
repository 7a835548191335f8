"""The same scripted exercise gives the same log and the same state on the in-memory store,
on SQLite and on PostgreSQL; an export from SQLite imported into PostgreSQL gives it too."""

from __future__ import annotations

import pytest

from exercise.conduct.events import EventKind
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import session_state
from exercise.conduct.transfer import export_lines, import_lines, replay
from exercise.store import SqlEventStore

from .scripted import SESSION_ID, STORE_WALL, canonical, log_lines, play_exercise

pytestmark = pytest.mark.postgres


def _played(store: object) -> tuple[dict, list]:
    play_exercise(store)  # type: ignore[arg-type]
    return canonical(session_state(store, SESSION_ID)), log_lines(store.events(SESSION_ID))  # type: ignore[attr-defined]


def test_memory_sqlite_and_postgresql_fold_the_same_exercise_to_the_same_state(
    sqlite_url: str, postgres_url: str
) -> None:
    memory_state, memory_log = _played(MemoryEventStore(clock=lambda: STORE_WALL))
    with SqlEventStore(sqlite_url, clock=lambda: STORE_WALL) as sqlite:
        sqlite_state, sqlite_log = _played(sqlite)
    with SqlEventStore(postgres_url, clock=lambda: STORE_WALL) as postgres:
        postgres_state, postgres_log = _played(postgres)

    assert {row[2] for row in memory_log} == {kind.value for kind in EventKind}
    state = memory_state
    assert state["ended"] and state["world"], "the script must end and change the world"
    failed = [m for m in state["messages"].values() if m["status"] == "failed"]
    assert failed and failed[0]["failure"].startswith("Mobile network down in Upper valley")
    assert state["releases"]["I-09"]["mode"] == "scheduled"  # the contingency inject fired

    assert sqlite_log == memory_log
    assert postgres_log == memory_log
    assert sqlite_state == memory_state
    assert postgres_state == memory_state


def test_an_export_from_sqlite_imported_into_postgresql_gives_the_same_state(
    sqlite_url: str, postgres_url: str
) -> None:
    with SqlEventStore(sqlite_url) as sqlite:
        play_exercise(sqlite)
        exported = list(export_lines(sqlite, SESSION_ID))
        sqlite_state = canonical(session_state(sqlite, SESSION_ID))
        sqlite_log = log_lines(sqlite.events(SESSION_ID))
    with SqlEventStore(postgres_url) as postgres:
        codes = import_lines(postgres, exported)
        assert codes["session_id"] == SESSION_ID
        imported_state = canonical(session_state(postgres, SESSION_ID))
        imported = postgres.events(SESSION_ID)
        assert postgres.session(SESSION_ID).closed  # type: ignore[union-attr]

    assert imported_state == sqlite_state
    assert canonical(replay(exported)) == sqlite_state
    # The log is the same event for event; only the wall time of each append is the new store's.
    assert [row[:4] + row[5:] for row in log_lines(imported)] == [
        row[:4] + row[5:] for row in sqlite_log]

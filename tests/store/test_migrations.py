"""A database made by an older version of the app is upgraded when the store opens it."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from exercise.conduct.events import EventKind, NewEvent
from exercise.store import SqlEventStore
from exercise.store.engine import make_engine
from exercise.store.migrate import current_version, head_version, upgrade
from exercise.store.tables import metadata


def test_a_new_database_is_created_at_the_current_version(database_url: str) -> None:
    SqlEventStore(database_url).close()
    engine = make_engine(database_url)
    assert current_version(engine) == head_version() != "0001"
    engine.dispose()


def test_a_version_1_database_is_upgraded_on_open_and_keeps_its_log(database_url: str) -> None:
    old = make_engine(database_url)
    upgrade(old, "0001")
    assert current_version(old) == "0001"
    created = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)
    with old.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO exercise_sessions (session_id, name, pack_id, pack_text, pack_hash,"
                " created_at, closed) VALUES ('S-old', 'Drill', 'pack', 'text', 'h', :at, :no)"
            ),
            {"at": created, "no": False},
        )
        for seq in (1, 2, 3):
            connection.execute(
                text(
                    "INSERT INTO events (session_id, seq, kind, actor, wall_time, payload,"
                    " idempotency_key) VALUES ('S-old', :seq, 'action_logged', 'fire', :at,"
                    " :payload, :key)"
                ),
                {"seq": seq, "at": created, "key": f"k{seq}",
                 "payload": f'{{"agency": "fire", "text": "step {seq}"}}'},
            )
    old.dispose()

    with SqlEventStore(database_url) as store:
        stored = store.events("S-old")
        assert [event.payload["text"] for event in stored] == ["step 1", "step 2", "step 3"]
        # rows written before typed events are schema version 1 and parse into the model
        assert [event.version for event in stored] == [1, 1, 1]
        assert [event.data.text for event in stored] == ["step 1", "step 2", "step 3"]  # type: ignore[attr-defined]
        assert store.last_seq("S-old") == 3
        again = store.append("S-old", [NewEvent(EventKind.action_logged, "fire", idempotency_key="k2")])
        assert again[0].seq == 2
        (next_event,) = store.append("S-old", [NewEvent(EventKind.session_ended, "facilitator")])
        assert next_event.seq == 4
    engine = make_engine(database_url)
    assert current_version(engine) == head_version()
    engine.dispose()


def _open_together(database_url: str, stores: int = 6) -> list[BaseException]:
    failures: list[BaseException] = []

    def open_and_close() -> None:
        try:
            SqlEventStore(database_url).close()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_app_processes_starting_together_create_the_tables_once(database_url: str) -> None:
    assert _open_together(database_url) == []


def test_a_new_sqlite_file_opened_by_many_at_once_is_never_locked(tmp_path: Path) -> None:
    """Switching a new file to WAL, SQLite said "database is locked" at once to another opener
    (9 times in 200 tries before the switch was tried again)."""
    for attempt in range(100):
        url = f"sqlite:///{tmp_path}/store-{attempt}.sqlite3"
        assert _open_together(url) == [], f"attempt {attempt}"


def test_a_sqlite_store_file_is_in_wal_mode_with_full_sync(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/store.sqlite3"
    SqlEventStore(url).close()
    plain = create_engine(url)
    with plain.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    plain.dispose()
    engine = make_engine(url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_the_migrations_build_exactly_the_tables_the_store_uses(database_url: str) -> None:
    """A column added to tables.py without a migration would fail only on users' databases."""
    SqlEventStore(database_url).close()
    engine = make_engine(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []

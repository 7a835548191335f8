"""Engines for the event store: SQLite by default, PostgreSQL (psycopg 3) by URL."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

DATABASE_URL_ENV = "EXERCISE_DATABASE_URL"
SQLITE_FILE = "exercise.sqlite3"
BUSY_TIMEOUT_SECONDS = 30.0
# Execution option that marks a transaction as a writer (SQLite then takes the write lock at BEGIN).
WRITE = "exercise_write"


class StoreUnavailable(Exception):
    """The database cannot be used; the message says which one and what to do."""


def resolve_url(url: str | None, data_dir: Path) -> str:
    """The given URL, else `EXERCISE_DATABASE_URL`, else a SQLite file in the data directory."""
    chosen = url or os.environ.get(DATABASE_URL_ENV, "").strip()
    if not chosen:
        return f"sqlite:///{(Path(data_dir) / SQLITE_FILE).resolve()}"
    return chosen


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreUnavailable(
            f"{DATABASE_URL_ENV}: {url!r} is not a database URL "
            "(use postgresql+psycopg://user:password@host:5432/dbname or sqlite:///path/file)"
        ) from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        # psycopg 3 is the driver we ship; a plain postgresql:// URL means it too
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed.set(drivername="sqlite")
    raise StoreUnavailable(
        f"{DATABASE_URL_ENV}: {parsed.render_as_string(hide_password=True)!r} is not supported "
        "(use a postgresql+psycopg:// URL or leave it unset for the embedded SQLite file)"
    )


def make_engine(url: str) -> Engine:
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return create_engine(
        parsed,
        pool_size=10,
        max_overflow=30,
        pool_pre_ping=True,
        pool_timeout=60,
        # No server-side prepared statements: their generic plan looked idempotency keys up by
        # scanning the whole session (3.7 s per append at 80,000 events); plans made with the
        # actual values use the (session_id, idempotency_key) index.
        connect_args={"prepare_threshold": None},
    )


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        folder = Path(url.database).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(
                f"cannot create the data folder {folder}: {exc.strerror} "
                "(choose another folder, or check that this user may write to it)"
            ) from None
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
        pool_size=10,
        max_overflow=30,
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below); the driver must not open transactions on its own.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        _write_ahead_log(cursor)
        # FULL syncs the WAL at every commit: an acknowledged event survives a power cut, not
        # only a killed process (NORMAL may lose the last commits when the machine goes down).
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # A writer takes the write lock at BEGIN, so two writers never both read last_seq and
        # then fail to upgrade a read lock (the deadlock a deferred BEGIN invites).
        immediate = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _write_ahead_log(cursor: Any) -> None:
    """Put the file in WAL mode. While a new file is switched, SQLite answers "database is
    locked" at once to another connection switching it too, without waiting for the busy
    timeout (six processes opening a new file together: 9 failures in 200 tries): try again
    until the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class SqliteDataVersion:
    """Whether anything was committed to a SQLite file since the last question: `PRAGMA
    data_version` on a connection of its own changes whenever another connection, of this
    process or another, commits. A few microseconds, against a query through the pool."""

    def __init__(self, path: str) -> None:
        self._connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS,
                                           isolation_level=None, check_same_thread=False)
        self._version: int | None = None

    def changed(self) -> bool:
        (version,) = self._connection.execute("PRAGMA data_version").fetchone()
        changed, self._version = version != self._version, version
        return bool(changed)

    def close(self) -> None:
        self._connection.close()


def change_probe(url: URL) -> SqliteDataVersion | None:
    """A probe of commits for a SQLite file (None for other databases and in-memory SQLite, where
    a second connection would see another database)."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:") or \
            database.startswith("file:") or url.query.get("mode") == "memory":
        return None
    return SqliteDataVersion(database)

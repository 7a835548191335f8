"""The event store on SQLAlchemy 2: one implementation of `exercise.conduct.ports.EventStore`
for SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from exercise.conduct.errors import AppendConflict
from exercise.conduct.events import Event, NewEvent
from exercise.conduct.ports import AccessGrant, SessionRecord
from exercise.store import rows
from exercise.store.engine import (
    WRITE,
    StoreUnavailable,
    change_probe,
    make_engine,
    parse_url,
    resolve_url,
)
from exercise.store.migrate import upgrade
from exercise.store.tables import access_grants, events, sessions
from exercise.store.watch import NOTIFY_CHANNEL, NotifyWatch, PollingWatch, SessionWatch

_KEY_CHUNK = 500  # idempotency keys looked up per query (SQLite caps bound parameters)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SqlEventStore:
    """Opens (creating or upgrading) the database at `url`. Safe to share between threads;
    several processes may open the same database."""

    def __init__(self, url: str, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self._clock = clock
        self._engine = make_engine(url)
        self._where = parse_url(url).render_as_string(hide_password=True)
        # SQLite lets one writer in at a time; threads of this process queue here instead of
        # polling the file lock (which starves some of them under load).
        sqlite = self._engine.dialect.name == "sqlite"
        self._write_gate: Any = threading.Lock() if sqlite else nullcontext()
        # Every read is one statement: on PostgreSQL it needs no BEGIN/ROLLBACK round trips
        # (halves the time of a poll). SQLite keeps its own BEGIN handling (engine.py).
        self._reader = self._engine if sqlite else self._engine.execution_options(
            isolation_level="AUTOCOMMIT"
        )
        with self._unavailable_as_error():
            upgrade(self._engine)
        self._watch: SessionWatch | None = None
        self._watch_lock = threading.Lock()

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    @property
    def watch(self) -> SessionWatch:
        """This store's one session watcher (started at the first use): PostgreSQL hears of
        appends by LISTEN/NOTIFY, SQLite reads the last sequence numbers within 0.1 s of a
        commit."""
        with self._watch_lock:
            if self._watch is None:
                if self.dialect == "postgresql":
                    conninfo = self._engine.url.set(drivername="postgresql").render_as_string(
                        hide_password=False)
                    self._watch = NotifyWatch(self.last_seqs, conninfo)
                else:
                    self._watch = PollingWatch(self.last_seqs,
                                               probe=change_probe(self._engine.url))
            return self._watch

    def close(self) -> None:
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
        self._engine.dispose()

    def __enter__(self) -> SqlEventStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- exercise sessions and access ---------------------------------------------------------

    def create_session(self, record: SessionRecord, grants: Sequence[AccessGrant]) -> None:
        session_values = rows.session_row(record)
        grant_values = [rows.grant_row(grant) for grant in grants]
        for grant in grant_values:
            if grant["session_id"] != record.session_id:
                raise ValueError(
                    f"grant {grant['label'] or grant['role']!r} is for session "
                    f"{grant['session_id']!r}, not {record.session_id!r}"
                )
        with self._write() as connection:
            try:  # a SAVEPOINT, so a second app process creating the same id gets the message
                with connection.begin_nested():
                    connection.execute(sessions.insert(), session_values)
            except IntegrityError:
                raise ValueError(f"exercise session {record.session_id!r} already exists") from None
            if grant_values:
                self._insert_grants(connection, grant_values)

    def session(self, session_id: str) -> SessionRecord | None:
        with self._read() as connection:
            row = connection.execute(
                select(sessions).where(sessions.c.session_id == session_id)
            ).mappings().first()
        return None if row is None else rows.session_from_row(row)

    def sessions(self) -> list[SessionRecord]:
        query = select(sessions).order_by(sessions.c.created_at, sessions.c.session_id)
        with self._read() as connection:
            return [rows.session_from_row(row) for row in connection.execute(query).mappings()]

    def set_closed(self, session_id: str, closed: bool) -> None:
        with self._write() as connection:
            result = connection.execute(
                update(sessions).where(sessions.c.session_id == session_id).values(closed=closed)
            )
            if result.rowcount == 0:
                raise LookupError(f"no exercise session {session_id!r}")

    def add_grant(self, grant: AccessGrant) -> None:
        values = rows.grant_row(grant)
        with self._write() as connection:
            if not self._session_exists(connection, grant.session_id):
                raise LookupError(f"no exercise session {grant.session_id!r}")
            self._insert_grants(connection, [values])

    def revoke_grant(self, token_hash: str) -> None:
        with self._write() as connection:
            result = connection.execute(
                update(access_grants).where(access_grants.c.token_hash == token_hash)
                .values(revoked=True)
            )
            if result.rowcount == 0:
                raise LookupError("no such join code")

    def grant(self, token_hash: str) -> AccessGrant | None:
        with self._read() as connection:
            row = connection.execute(
                select(access_grants).where(access_grants.c.token_hash == token_hash)
            ).mappings().first()
        return None if row is None else rows.grant_from_row(row)

    def grants(self, session_id: str) -> list[AccessGrant]:
        query = (
            select(access_grants)
            .where(access_grants.c.session_id == session_id)
            .order_by(access_grants.c.role, access_grants.c.label, access_grants.c.token_hash)
        )
        with self._read() as connection:
            return [rows.grant_from_row(row) for row in connection.execute(query).mappings()]

    # -- the event log ------------------------------------------------------------------------

    def append(self, session_id: str, new_events: Sequence[NewEvent],
               expected_seq: int | None = None) -> list[Event]:
        if not new_events:
            return []
        with self._write() as connection:
            # The session row is the lock every append of this session queues on (SQLite's
            # BEGIN IMMEDIATE already holds the whole file): numbers come out without gaps.
            last_seq = connection.execute(
                select(sessions.c.last_seq)
                .where(sessions.c.session_id == session_id)
                .with_for_update(key_share=True)
            ).scalar()
            if last_seq is None:
                raise LookupError(f"no exercise session {session_id!r}")
            stored = self._stored_by_key(connection, session_id, new_events)
            # the check and the append are one step: the row lock (or SQLite's one writer) is
            # held from the read of last_seq to the commit
            if expected_seq is not None and last_seq != expected_seq and any(
                    new.idempotency_key is None or new.idempotency_key not in stored
                    for new in new_events):
                raise AppendConflict(session_id, expected_seq, last_seq)
            wall_time = self._clock()
            appended: list[Event] = []
            new_rows: list[dict[str, Any]] = []
            for new in new_events:
                key = new.idempotency_key
                if key is not None and key in stored:
                    appended.append(stored[key])
                    continue
                checked = new.checked()
                row = rows.new_event_row(session_id, last_seq + 1, checked, wall_time)
                last_seq += 1
                event = Event.stored(session_id, row["seq"], checked, wall_time)
                if key is not None:
                    stored[key] = event
                new_rows.append(row)
                appended.append(event)
            if new_rows:
                connection.execute(events.insert(), new_rows)
                connection.execute(
                    update(sessions)
                    .where(sessions.c.session_id == session_id)
                    .values(last_seq=last_seq)
                )
                if self.dialect == "postgresql":  # heard by every process's watcher at commit
                    connection.execute(select(func.pg_notify(NOTIFY_CHANNEL,
                                                             f"{session_id} {last_seq}")))
        if self._watch is not None and appended:
            self._watch.noted(session_id, max(event.seq for event in appended))
        return appended

    def events(self, session_id: str, after_seq: int = 0) -> list[Event]:
        query = (
            select(events)
            .where(events.c.session_id == session_id, events.c.seq > after_seq)
            .order_by(events.c.seq)
        )
        with self._read() as connection:
            return [rows.event_from_row(row) for row in connection.execute(query).mappings()]

    def last_seq(self, session_id: str) -> int:
        with self._read() as connection:
            value = connection.execute(
                select(sessions.c.last_seq).where(sessions.c.session_id == session_id)
            ).scalar()
        return int(value or 0)

    def last_seqs(self, session_ids: list[str]) -> dict[str, int]:
        """The last sequence number of each of these sessions that exists, in one query."""
        query = select(sessions.c.session_id, sessions.c.last_seq).where(
            sessions.c.session_id.in_(session_ids))
        with self._read() as connection:
            return {row.session_id: int(row.last_seq or 0) for row in connection.execute(query)}

    # -- plumbing -----------------------------------------------------------------------------

    def _stored_by_key(
        self, connection: Connection, session_id: str, new_events: Sequence[NewEvent]
    ) -> dict[str, Event]:
        keys = sorted({new.idempotency_key for new in new_events if new.idempotency_key})
        stored: dict[str, Event] = {}
        for start in range(0, len(keys), _KEY_CHUNK):
            query = select(events).where(
                events.c.session_id == session_id,
                events.c.idempotency_key.in_(keys[start : start + _KEY_CHUNK]),
            )
            for row in connection.execute(query).mappings():
                stored[row["idempotency_key"]] = rows.event_from_row(row)
        return stored

    @staticmethod
    def _session_exists(connection: Connection, session_id: str) -> bool:
        found = connection.execute(
            select(sessions.c.session_id).where(sessions.c.session_id == session_id)
        ).first()
        return found is not None

    @staticmethod
    def _insert_grants(connection: Connection, values: list[dict[str, Any]]) -> None:
        try:
            with connection.begin_nested():
                connection.execute(access_grants.insert(), values)
        except IntegrityError:
            raise ValueError("an access token with this hash already exists") from None

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._unavailable_as_error(), self._write_gate, self._engine.connect() as connection:
            connection.execution_options(**{WRITE: True})
            with connection.begin():
                yield connection

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._unavailable_as_error(), self._reader.connect() as connection:
            yield connection

    @contextmanager
    def _unavailable_as_error(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            hint = (
                "check that the folder exists and that this user may write to it"
                if self._engine.dialect.name == "sqlite"
                else "check that it is running and reachable, and that the URL is right"
            )
            raise StoreUnavailable(
                f"the database {self._where} cannot be used: {reason} ({hint})"
            ) from None


def open_store(url: str | None, data_dir: Path) -> SqlEventStore:
    """The app's store: `url`, else `EXERCISE_DATABASE_URL`, else SQLite in `data_dir`."""
    return SqlEventStore(resolve_url(url, data_dir))

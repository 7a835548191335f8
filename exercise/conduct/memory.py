"""An in-memory event store with the SQL store's semantics: one total order per session, atomic
batches, idempotency keys that record once, payloads validated and copied through JSON by
`NewEvent.checked` (as the SQL store does). For tests and for
`exercise rehearse`; everything is lost when the process ends."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from exercise.conduct.clock import wall_now
from exercise.conduct.errors import AppendConflict
from exercise.conduct.events import Event, NewEvent
from exercise.conduct.ports import AccessGrant, SessionRecord


class MemoryEventStore:
    def __init__(self, *, clock: Callable[[], datetime] = wall_now) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._sessions: dict[str, SessionRecord] = {}
        self._grants: dict[str, AccessGrant] = {}
        self._events: dict[str, list[Event]] = {}
        self._keys: dict[str, dict[str, Event]] = {}

    def create_session(self, record: SessionRecord, grants: Sequence[AccessGrant]) -> None:
        with self._lock:
            if record.session_id in self._sessions:
                raise ValueError(f"exercise session {record.session_id!r} already exists")
            for grant in grants:
                if grant.session_id != record.session_id:
                    raise ValueError(f"grant {grant.label or grant.role!r} is for session "
                                     f"{grant.session_id!r}, not {record.session_id!r}")
            if any(g.token_hash in self._grants for g in grants):
                raise ValueError("an access token with this hash already exists")
            self._sessions[record.session_id] = record
            self._events[record.session_id] = []
            self._keys[record.session_id] = {}
            for grant in grants:
                self._grants[grant.token_hash] = grant

    def session(self, session_id: str) -> SessionRecord | None:
        return self._sessions.get(session_id)

    def sessions(self) -> list[SessionRecord]:
        return sorted(self._sessions.values(), key=lambda r: (r.created_at, r.session_id))

    def set_closed(self, session_id: str, closed: bool) -> None:
        with self._lock:
            record = self._require(session_id)
            self._sessions[session_id] = replace(record, closed=closed)

    def add_grant(self, grant: AccessGrant) -> None:
        with self._lock:
            self._require(grant.session_id)
            if grant.token_hash in self._grants:
                raise ValueError("an access token with this hash already exists")
            self._grants[grant.token_hash] = grant

    def revoke_grant(self, token_hash: str) -> None:
        with self._lock:
            grant = self._grants.get(token_hash)
            if grant is None:
                raise LookupError("no such join code")
            self._grants[token_hash] = replace(grant, revoked=True)

    def grant(self, token_hash: str) -> AccessGrant | None:
        return self._grants.get(token_hash)

    def grants(self, session_id: str) -> list[AccessGrant]:
        return [g for g in self._grants.values() if g.session_id == session_id]

    def append(self, session_id: str, events: Sequence[NewEvent],
               expected_seq: int | None = None) -> list[Event]:
        if not events:
            return []
        with self._lock:
            self._require(session_id)
            log, keys = self._events[session_id], self._keys[session_id]
            if expected_seq is not None and len(log) != expected_seq and any(
                    item.idempotency_key is None or item.idempotency_key not in keys
                    for item in events):
                raise AppendConflict(session_id, expected_seq, len(log))
            batch_keys: dict[str, Event] = {}
            out: list[Event] = []
            new: list[Event] = []
            wall = self._clock()
            for item in events:
                key = item.idempotency_key
                known = keys.get(key) or batch_keys.get(key) if key is not None else None
                if known is not None:
                    out.append(known)
                    continue
                event = Event.stored(session_id, len(log) + len(new) + 1, item.checked(), wall)
                if key is not None:
                    batch_keys[key] = event
                new.append(event)
                out.append(event)
            log.extend(new)
            keys.update(batch_keys)
            return out

    def events(self, session_id: str, after_seq: int = 0) -> list[Event]:
        log = self._events.get(session_id, [])
        return log[max(0, after_seq):]

    def last_seq(self, session_id: str) -> int:
        return len(self._events.get(session_id, []))

    def _require(self, session_id: str) -> SessionRecord:
        record = self._sessions.get(session_id)
        if record is None:
            raise LookupError(f"no exercise session {session_id!r}")
        return record

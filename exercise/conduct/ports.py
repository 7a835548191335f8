"""What the conduct engine needs from an event store. `exercise.store` implements it on
SQLAlchemy; tests use the in-memory fake in `exercise.conduct.memory`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from exercise.conduct.events import Event, NewEvent


@dataclass(frozen=True)
class SessionRecord:
    """An exercise session's fixed facts. The pack is pinned as text with its SHA-256, so an
    edited file never changes a running exercise."""

    session_id: str
    name: str
    pack_id: str
    pack_text: str
    pack_hash: str
    created_at: datetime
    closed: bool = False


@dataclass(frozen=True)
class AccessGrant:
    """What a token lets its holder do. Only a hash of the token is stored."""

    token_hash: str
    session_id: str
    role: str  # facilitator | agency | evaluator | observer | debrief
    agencies: tuple[str, ...] = ()
    label: str = ""
    revoked: bool = False  # by the facilitator (a leaked code): refused everywhere


class EventStore(Protocol):
    def create_session(self, record: SessionRecord, grants: Sequence[AccessGrant]) -> None: ...

    def session(self, session_id: str) -> SessionRecord | None: ...

    def sessions(self) -> list[SessionRecord]: ...

    def set_closed(self, session_id: str, closed: bool) -> None: ...

    def add_grant(self, grant: AccessGrant) -> None: ...

    def grant(self, token_hash: str) -> AccessGrant | None: ...

    def grants(self, session_id: str) -> list[AccessGrant]: ...

    def revoke_grant(self, token_hash: str) -> None:
        """Mark a code revoked (kept, so a later use is told why it is refused)."""
        ...

    def append(self, session_id: str, events: Sequence[NewEvent],
               expected_seq: int | None = None) -> list[Event]:
        """Append atomically in order; an event whose idempotency key is already in the session
        is not stored again and the stored one is returned in its place. With `expected_seq`,
        raise `AppendConflict` (storing nothing) when the session's last event is another one
        and the batch holds an event to store: the caller checked an older state."""
        ...

    def events(self, session_id: str, after_seq: int = 0) -> list[Event]: ...

    def last_seq(self, session_id: str) -> int: ...

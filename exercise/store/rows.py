"""Turning the conduct engine's records into table rows and back, refusing what a database
would mangle (over-long text, NUL characters). Event payloads are checked by the conduct
engine's own models (`NewEvent.checked`), the one place for that."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping

from exercise.conduct.events import CheckedEvent, Event, EventKind
from exercise.conduct.ports import AccessGrant, SessionRecord

LIMITS = {"session_id": 64, "pack_id": 200, "pack_hash": 64, "token_hash": 128, "role": 32}


def checked_text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{field} must be text, not {type(value).__name__}")
    if "\x00" in value:
        raise ValueError(f"{field} contains a NUL character; remove it")
    limit = LIMITS.get(field)
    if limit is not None and len(value) > limit:
        raise ValueError(f"{field} is {len(value)} characters long; the limit is {limit}")
    return value


def new_event_row(session_id: str, seq: int, checked: CheckedEvent,
                  wall_time: datetime) -> dict[str, Any]:
    """The row of an event that `NewEvent.checked` validated (payload, actor and key)."""
    return {
        "session_id": session_id,
        "seq": seq,
        "kind": checked.kind.value,
        "actor": checked.actor,
        "wall_time": wall_time,
        "scenario_minute": checked.scenario_minute,
        "payload": checked.payload,
        "schema_version": checked.version,
        "idempotency_key": checked.idempotency_key,
    }


def event_from_row(row: RowMapping) -> Event:
    return Event(
        session_id=row["session_id"],
        seq=row["seq"],
        kind=EventKind(row["kind"]),
        actor=row["actor"],
        wall_time=row["wall_time"],
        payload=row["payload"],
        scenario_minute=row["scenario_minute"],
        idempotency_key=row["idempotency_key"],
        version=row["schema_version"],
    )


def session_row(record: SessionRecord) -> dict[str, Any]:
    return {
        "session_id": checked_text(record.session_id, "session_id"),
        "name": checked_text(record.name, "name"),
        "pack_id": checked_text(record.pack_id, "pack_id"),
        "pack_text": checked_text(record.pack_text, "pack_text"),
        "pack_hash": checked_text(record.pack_hash, "pack_hash"),
        "created_at": record.created_at,
        "closed": bool(record.closed),
        "last_seq": 0,
    }


def session_from_row(row: RowMapping) -> SessionRecord:
    return SessionRecord(
        session_id=row["session_id"],
        name=row["name"],
        pack_id=row["pack_id"],
        pack_text=row["pack_text"],
        pack_hash=row["pack_hash"],
        created_at=row["created_at"],
        closed=bool(row["closed"]),
    )


def grant_row(grant: AccessGrant) -> dict[str, Any]:
    agencies = [checked_text(agency, "agencies") for agency in grant.agencies]
    return {
        "token_hash": checked_text(grant.token_hash, "token_hash"),
        "session_id": checked_text(grant.session_id, "session_id"),
        "role": checked_text(grant.role, "role"),
        "agencies": agencies,
        "label": checked_text(grant.label, "label"),
        "revoked": bool(grant.revoked),
    }


def grant_from_row(row: RowMapping) -> AccessGrant:
    return AccessGrant(
        token_hash=row["token_hash"],
        session_id=row["session_id"],
        role=row["role"],
        agencies=tuple(row["agencies"]),
        label=row["label"],
        revoked=bool(row["revoked"]),
    )

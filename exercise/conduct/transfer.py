"""A whole exercise session as JSON Lines: the first line is the session record with the pinned
pack, then one event per line. Importing it elsewhere, or replaying it, gives the same state."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from exercise.conduct.access import grant_for
from exercise.conduct.clock import wall_now
from exercise.conduct.errors import ConductError
from exercise.conduct.events import Event, EventKind, NewEvent
from exercise.conduct.ports import EventStore, SessionRecord
from exercise.conduct.reading import pack_hash, pinned_pack, session_record
from exercise.conduct.state import ExerciseState, fold

FORMAT = "exercise-session"
VERSION = 1
MAX_LINE = 2_000_000
BATCH = 500


def export_lines(store: EventStore, session_id: str) -> Iterator[str]:
    return session_lines(session_record(store, session_id), store.events(session_id))


def session_lines(record: SessionRecord, events: Iterable[Event]) -> Iterator[str]:
    head = {"format": FORMAT, "version": VERSION, "session": {
        "session_id": record.session_id, "name": record.name, "pack_id": record.pack_id,
        "pack_hash": record.pack_hash, "created_at": record.created_at.isoformat(),
        "closed": record.closed, "pack_text": record.pack_text}}
    yield json.dumps(head, ensure_ascii=False)
    for event in events:
        yield json.dumps({
            "seq": event.seq, "kind": event.kind.value, "actor": event.actor,
            "wall_time": event.wall_time.isoformat(), "scenario_minute": event.scenario_minute,
            "idempotency_key": event.idempotency_key, "schema_version": event.version,
            "payload": event.payload,
        }, ensure_ascii=False)


def read_lines(lines: Iterable[str], source: str = "<export>") -> tuple[SessionRecord, list[Event]]:
    """Parse and check an export; every problem names its line."""
    record: SessionRecord | None = None
    events: list[Event] = []
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            raise ConductError("refusal.import.long_line", where=f"{source}:{number}", most=MAX_LINE)
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConductError("refusal.import.not_json", where=f"{source}:{number}", problem=exc.msg) from None
        if not isinstance(data, dict):
            raise ConductError("refusal.import.not_object", where=f"{source}:{number}")
        if record is None:
            record = _record(data, f"{source}:{number}")
        else:
            events.append(_event(data, record.session_id, len(events) + 1, f"{source}:{number}"))
    if record is None:
        raise ConductError("refusal.import.empty", where=source)
    return record, events


def _record(data: dict[str, Any], where: str) -> SessionRecord:
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ConductError("refusal.import.header", where=where, format=FORMAT, version=VERSION)
    s: Any = data.get("session")  # any JSON: checked by the reads below
    try:
        record = SessionRecord(
            session_id=_text(s["session_id"], 64), name=_text(s["name"], 200),
            pack_id=_text(s["pack_id"], 200), pack_text=_text(s["pack_text"], MAX_LINE),
            pack_hash=_text(s["pack_hash"], 64), created_at=datetime.fromisoformat(s["created_at"]),
            closed=bool(s.get("closed", False)))
    except (KeyError, TypeError, ValueError) as exc:
        raise ConductError("refusal.import.record", where=where, problem=str(exc)) from None
    if pack_hash(record.pack_text) != record.pack_hash:
        raise ConductError("refusal.import.altered", where=where)
    pinned_pack(record)
    return record


def _event(data: dict[str, Any], session_id: str, expected: int, where: str) -> Event:
    try:
        seq, kind = data["seq"], EventKind(data["kind"])
        minute = data.get("scenario_minute")
        payload = data.get("payload") or {}
        key = data.get("idempotency_key")
        version = data.get("schema_version", 1)  # exports before typed events carry none
        event = Event(session_id, seq, kind, _text(data["actor"], 200),
                      datetime.fromisoformat(data["wall_time"]), payload,
                      None if minute is None else float(minute),
                      None if key is None else _text(key, 200), version)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConductError("refusal.import.event", where=where, problem=str(exc)) from None
    if seq != expected:
        raise ConductError("refusal.import.sequence", where=where, seq=seq, expected=expected)
    if not isinstance(payload, dict) or (minute is not None and not math.isfinite(float(minute))):
        raise ConductError("refusal.import.payload_or_minute", where=where)
    try:
        _ = event.data  # parsed (and upcast) once here, so a bad payload names its line
    except ValueError as exc:
        raise ConductError("refusal.import.payload", where=where, problem=str(exc)) from None
    return event


def _text(value: Any, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit or "\x00" in value:
        raise ValueError(f"expected text of at most {limit} characters")
    return value


def replay(lines: Iterable[str], source: str = "<export>") -> ExerciseState:
    return read_and_replay(lines, source)[2]


def read_and_replay(lines: Iterable[str], source: str = "<export>"
                    ) -> tuple[SessionRecord, list[Event], ExerciseState]:
    record, events = read_lines(lines, source)
    try:
        return record, events, fold(pinned_pack(record), events)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConductError("refusal.import.replay", where=source, problem=str(exc)) from None


def import_lines(store: EventStore, lines: Iterable[str], *, session_id: str | None = None,
                 source: str = "<export>", now: datetime | None = None) -> dict[str, str]:
    """Store an exported session (under `session_id` if given); returns fresh facilitator and
    debrief codes, since codes are never exported."""
    record, events = read_lines(lines, source)
    replay_check = fold(pinned_pack(record), events)  # refuse a log that does not replay
    new_id = session_id or record.session_id
    if store.session(new_id) is not None:
        raise ConductError("refusal.import.exists", session=new_id)
    record = SessionRecord(new_id, record.name, record.pack_id, record.pack_text, record.pack_hash,
                           now or wall_now(), record.closed or replay_check.ended)
    codes: dict[str, str] = {}
    grants = []
    for role in ("facilitator", "debrief"):
        codes[role], grant = grant_for(new_id, role, role)
        grants.append(grant)
    store.create_session(record, grants)
    for start in range(0, len(events), BATCH):
        store.append(new_id, [NewEvent.of(e.data, e.actor, e.scenario_minute, e.idempotency_key)
                              for e in events[start:start + BATCH]])
    codes["session_id"] = new_id
    return codes

"""Creating an exercise session from a pack, handing out join codes, joining; and the context
every command starts from (who calls, the state, the scenario minute now)."""

from __future__ import annotations

import functools
import hashlib
import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, ParamSpec, TypeVar

from exercise.conduct import event_types as t
from exercise.conduct.access import Caller, authorize, grant_for, token_hash
from exercise.conduct.clock import wall_now, wall_seconds
from exercise.conduct.errors import AppendConflict, ConductError, NotAllowedNow, NotFound, field_name, listed
from exercise.conduct.errors import doing as doing_code
from exercise.conduct.event_types import EventData
from exercise.conduct.events import Event, NewEvent
from exercise.conduct.ports import AccessGrant, EventStore, SessionRecord
from exercise.conduct.reading import pack_hash, parse_pack, pinned_pack, session_record, session_state
from exercise.conduct.state import ExerciseState
from exercise.scenario.models import ScenarioPack
from exercise.scenario.text import localize

MAX_TABLES = 200
P = ParamSpec("P")
R = TypeVar("R")
MAX_LABEL = 80


@dataclass(frozen=True)
class TableSpec:
    label: str
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class JoinCodes:
    """The codes handed out once at creation; only their hashes are kept."""

    session_id: str
    facilitator: str
    debrief: str
    observer: str
    tables: dict[str, str] = field(default_factory=dict)  # table label -> code
    evaluators: dict[str, str] = field(default_factory=dict)  # evaluator label -> code


def default_tables(pack: ScenarioPack) -> list[TableSpec]:
    """One table per agency, labelled with the agency's short name."""
    return [TableSpec(localize(a.short_name or a.name), (a.id,)) for a in pack.agencies]


def _check_tables(pack: ScenarioPack, tables: Sequence[TableSpec]) -> None:
    if not tables or len(tables) > MAX_TABLES:
        raise ConductError("refusal.tables.count", most=MAX_TABLES)
    known = {a.id for a in pack.agencies}
    seen_labels: set[str] = set()
    played: dict[str, str] = {}
    for table in tables:
        label = table.label.strip() if isinstance(table.label, str) else ""
        if not label or len(label) > MAX_LABEL:
            raise ConductError("refusal.tables.label_length", label=table.label, most=MAX_LABEL)
        if label in seen_labels:
            raise ConductError("refusal.tables.same_label", label=label)
        seen_labels.add(label)
        if not table.agencies:
            raise ConductError("refusal.tables.no_agency", label=label)
        for agency in table.agencies:
            if agency not in known:
                raise ConductError("refusal.tables.unknown_agency", label=label, agency=agency,
                                   known=listed(sorted(known)))
            if agency in played:
                raise ConductError("refusal.tables.played_twice", agency=agency, first=played[agency], second=label)
            played[agency] = label


def create_session(store: EventStore, pack_text: str, *, name: str | None = None,
                   tables: Sequence[TableSpec] | None = None, evaluators: int = 1,
                   now: datetime | None = None, session_id: str | None = None) -> JoinCodes:
    """Pin the pack, store the grants (hashes only) and record `session_created`."""
    pack = parse_pack(pack_text)
    tables = list(tables) if tables is not None else default_tables(pack)
    _check_tables(pack, tables)
    if not 0 <= evaluators <= 50:
        raise ConductError("refusal.evaluators.count")
    now = now or wall_now()
    session_id = session_id or f"{pack.metadata.id[:40]}-{secrets.token_hex(4)}"
    name = (name or localize(pack.metadata.title)).strip()[:200]
    record = SessionRecord(session_id, name, pack.metadata.id, pack_text, pack_hash(pack_text), now)
    codes: dict[str, Any] = {"tables": {}, "evaluators": {}}
    grants = []
    for role in ("facilitator", "debrief", "observer"):
        codes[role], grant = grant_for(session_id, role, role)
        grants.append(grant)
    for table in tables:
        code, grant = grant_for(session_id, "agency", table.label.strip(), tuple(table.agencies))
        codes["tables"][table.label.strip()] = code
        grants.append(grant)
    for number in range(1, evaluators + 1):
        label = f"Evaluator {number}"
        code, grant = grant_for(session_id, "evaluator", label)
        codes["evaluators"][label] = code
        grants.append(grant)
    store.create_session(record, grants)
    created = t.SessionCreated(
        name=name, pack_id=pack.metadata.id, pack_hash=record.pack_hash,
        tables=tuple(t.TableSeat(label=s.label.strip(), agencies=tuple(s.agencies)) for s in tables))
    store.append(session_id, [NewEvent.of(created, "facilitator", None, "session_created")])
    return JoinCodes(session_id=session_id, **codes)


def join(store: EventStore, token: str, now: datetime | None = None) -> Caller:
    """Check a code; a table's first join is recorded (once, however often it reloads)."""
    caller = authorize(store, token)
    if caller.role == "agency" and not session_record(store, caller.session_id).closed:
        state = session_state(store, caller.session_id)
        minute = state.clock.minute_at(wall_seconds(now or wall_now()))
        joined = t.TableJoined(label=caller.label, agencies=caller.agencies)
        store.append(caller.session_id, [NewEvent.of(joined, caller.actor, minute,
                                                     f"join:{caller.token_hash[:32]}")])
    return caller


def add_access(store: EventStore, token: str, role: str, label: str,
               agencies: Sequence[str] = ()) -> str:
    """The facilitator hands out one more code (a late table, another evaluator)."""
    ctx = context(store, token, run_scheduler=False)
    ctx.caller.require("facilitator", doing="hand out join codes")
    if role not in ("agency", "evaluator", "observer", "debrief"):
        raise ConductError("refusal.codes.role", role=role)
    if role == "agency":
        _check_tables(ctx.pack, [TableSpec(label, tuple(agencies))])
    code, grant = grant_for(ctx.caller.session_id, role, label.strip()[:MAX_LABEL], tuple(agencies))
    store.add_grant(grant)
    return code


def revoke_access(store: EventStore, token: str, token_hash: str) -> AccessGrant:
    """The facilitator revokes one code (a leaked one): from then on it is refused everywhere.
    A facilitator code cannot be revoked (the console would lock itself out)."""
    caller = authorize(store, token)
    caller.require("facilitator", doing="revoke join codes")
    grant = store.grant(token_hash) if isinstance(token_hash, str) else None
    if grant is None or grant.session_id != caller.session_id:
        raise NotFound("refusal.codes.unknown")
    if grant.role == "facilitator":
        raise ConductError("refusal.codes.facilitator")
    if not grant.revoked:
        store.revoke_grant(token_hash)
    return replace(grant, revoked=True)


@dataclass
class Context:
    store: EventStore
    caller: Caller
    record: SessionRecord
    state: ExerciseState
    wall: float
    minute: float

    @property
    def pack(self) -> ScenarioPack:
        return self.state.pack

    @property
    def session_id(self) -> str:
        return self.caller.session_id

    def playing(self, doing: str) -> None:
        """Play commands need a started clock and a session that has not ended."""
        if self.state.ended:
            raise NotAllowedNow("refusal.ended", doing=doing_code(doing))
        if not self.state.clock.started:
            raise NotAllowedNow("refusal.not_started", doing=doing_code(doing))

    def append(self, data: EventData, key: str | None, minute: float | None = None, *,
               checked_state: bool = False) -> Event:
        """Append one event. With `checked_state`, only onto the state this context read: if
        another append came first the store raises `AppendConflict` and a `@serialised`
        command checks again on the new state."""
        new = NewEvent.of(data, self.caller.actor, self.minute if minute is None else minute, key)
        expected = self.state.seq if checked_state else None
        return self.store.append(self.session_id, [new], expected)[0]


MAX_ATTEMPTS = 12


def serialised(command: Callable[P, R]) -> Callable[P, R]:
    """A command whose check must hold at its append (enough free resources, a decision not
    yet taken): it appends with `checked_state=True`, and when another append came between its
    read and its append it runs again on the new state — at most MAX_ATTEMPTS times."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        for _ in range(MAX_ATTEMPTS - 1):
            try:
                return command(*args, **kwargs)
            except AppendConflict:
                continue
        try:
            return command(*args, **kwargs)
        except AppendConflict:
            raise NotAllowedNow("refusal.busy") from None
    return run


def context(store: EventStore, token: str, now: datetime | None = None, *,
            run_scheduler: bool = True) -> Context:
    """Authorise the caller, settle what has fallen due, and read the state."""
    caller = authorize(store, token)
    record = session_record(store, caller.session_id)
    if record.closed:
        raise NotAllowedNow("refusal.closed")
    pinned_pack(record)
    now = now or wall_now()
    if run_scheduler:
        from exercise.conduct.scheduler import tick

        tick(store, caller.session_id, now)
    state = session_state(store, caller.session_id)
    wall = wall_seconds(now)
    return Context(store, caller, record, state, wall, state.clock.minute_at(wall))


def request_key(kind: str, actor: str, payload: dict[str, Any], request_id: str | None) -> str:
    """`kind:request_id` when the form gave one, else a digest of who sent what: a double
    click of the same submission records once."""
    if request_id:
        return f"{kind}:{str(request_id)[:100]}"
    digest = hashlib.sha256(json.dumps([actor, payload], sort_keys=True, default=str).encode())
    return f"{kind}:{digest.hexdigest()[:32]}"


def short_id(prefix: str, key: str) -> str:
    return f"{prefix}-{hashlib.sha256(key.encode()).hexdigest()[:10]}"


def check_text(value: object, what: str, limit: int = 4000, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ConductError("refusal.text.not_text", what=field_name(what))
    text = value.replace("\x00", "").strip()
    if required and not text:
        raise ConductError("refusal.text.empty", what=field_name(what))
    if len(text) > limit:
        raise ConductError("refusal.text.too_long", what=field_name(what), length=len(text), limit=limit)
    return text


__all__ = ["JoinCodes", "TableSpec", "create_session", "join", "add_access", "context",
           "Context", "token_hash", "request_key", "short_id", "check_text", "default_tables",
           "serialised", "revoke_access"]

"""The events of an exercise session. The log of these is the only truth; every screen is a
fold of it over the pinned scenario pack."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from exercise.conduct.event_types import EventData, Registry


class EventKind(str, Enum):
    session_created = "session_created"
    table_joined = "table_joined"
    clock_started = "clock_started"
    clock_paused = "clock_paused"
    clock_resumed = "clock_resumed"
    clock_speed_changed = "clock_speed_changed"
    clock_jumped = "clock_jumped"
    clock_paced = "clock_paced"  # facilitator-paced mode switched on or off
    release_mode_changed = "release_mode_changed"  # automatic or manual (approve each release)
    player_clock_changed = "player_clock_changed"  # what players see of scenario time
    inject_released = "inject_released"
    inject_held = "inject_held"
    inject_skipped = "inject_skipped"
    inject_acknowledged = "inject_acknowledged"
    decision_made = "decision_made"
    action_logged = "action_logged"
    message_sent = "message_sent"
    message_delivered = "message_delivered"
    message_failed = "message_failed"
    resource_requested = "resource_requested"
    resource_answered = "resource_answered"
    observation_recorded = "observation_recorded"
    rating_recorded = "rating_recorded"
    hotwash_noted = "hotwash_noted"
    feedback_submitted = "feedback_submitted"
    improvement_item_saved = "improvement_item_saved"
    session_ended = "session_ended"


@dataclass(frozen=True)
class NewEvent:
    """An event a command wants appended. `idempotency_key` makes a retry or a double click
    record once: the store keeps the first event with a given key in a session and returns it.
    `payload` is the typed model of its kind (`NewEvent.of`), or a JSON object of schema
    `version` (default: the current one), as an import reads it; the store validates either."""

    kind: EventKind
    actor: str
    payload: Mapping[str, Any] | EventData = field(default_factory=dict)
    scenario_minute: float | None = None
    idempotency_key: str | None = None
    version: int | None = None

    @classmethod
    def of(cls, data: EventData, actor: str, scenario_minute: float | None = None,
           idempotency_key: str | None = None) -> NewEvent:
        return cls(data.event_kind, actor, data, scenario_minute, idempotency_key)

    def checked(self) -> CheckedEvent:
        """The event as a store keeps it, or a ValueError that says which field is wrong
        (worked out once: the scheduler checks what it plans, then the store appends it)."""
        return self._checked

    @cached_property
    def _checked(self) -> CheckedEvent:
        kind = EventKind(self.kind)
        _check_text(self.actor, "actor")
        if self.idempotency_key is not None:
            _check_text(self.idempotency_key, "idempotency_key")
        data = _registry().parse(kind, self.payload, self.version)
        minute = self.scenario_minute
        if minute is not None and (isinstance(minute, bool) or not isinstance(minute, (int, float))
                                   or not math.isfinite(float(minute))):
            raise ValueError(f"scenario_minute must be a finite number, not {minute!r}")
        payload = data.stored()
        if data.free_form():  # fields of any JSON: what the database would give back, or refused
            try:
                payload = json.loads(json.dumps(payload, allow_nan=False))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{kind.value}: the payload cannot be stored as JSON: {exc}") from None
        return CheckedEvent(kind, self.actor, payload, data.version,
                            None if minute is None else float(minute), self.idempotency_key, data)


@dataclass(frozen=True)
class CheckedEvent:
    """A `NewEvent` validated against the model of its kind, at the current schema version."""

    kind: EventKind
    actor: str
    payload: dict[str, Any]
    version: int
    scenario_minute: float | None
    idempotency_key: str | None
    data: EventData


@dataclass(frozen=True)
class Event:
    """An appended event: numbered 1, 2, 3… within its exercise session, in one total order.
    `payload` is the stored JSON of schema `version`; `data` is it parsed (and upcast to the
    current version) into the model of its kind, which is what the fold reads."""

    session_id: str
    seq: int
    kind: EventKind
    actor: str
    wall_time: datetime
    payload: dict[str, Any] = field(default_factory=dict)
    scenario_minute: float | None = None
    idempotency_key: str | None = None
    version: int = 1

    @cached_property
    def data(self) -> EventData:
        return _registry().parse(self.kind, self.payload, self.version)

    @classmethod
    def stored(cls, session_id: str, seq: int, checked: CheckedEvent,
               wall_time: datetime) -> Event:
        event = cls(session_id, seq, checked.kind, checked.actor, wall_time, checked.payload,
                    checked.scenario_minute, checked.idempotency_key, checked.version)
        event.__dict__["data"] = checked.data  # already parsed: the fold need not parse again
        return event


MAX_TEXT = 200  # actor and idempotency key: the columns hold 200 characters


def _check_text(value: object, field: str) -> None:
    if not isinstance(value, str):
        raise ValueError(f"{field} must be text, not {type(value).__name__}")
    if "\x00" in value:
        raise ValueError(f"{field} contains a NUL character; remove it")
    if len(value) > MAX_TEXT:
        raise ValueError(f"{field} is {len(value)} characters long; the limit is {MAX_TEXT}")


_REGISTRY: list[Registry] = []


def _registry() -> Registry:
    """The payload models (imported on first use: they import this module's `EventKind`)."""
    if not _REGISTRY:
        from exercise.conduct.event_types import REGISTRY

        _REGISTRY.append(REGISTRY)
    return _REGISTRY[0]

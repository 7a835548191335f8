"""The events of an exercise session. The log of these is the only truth; every screen is a
fold of it over the pinned scenario pack."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any


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
    record once: the store keeps the first event with a given key in a session and returns it."""

    kind: EventKind
    actor: str
    payload: dict[str, Any] = field(default_factory=dict)
    scenario_minute: float | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True)
class Event:
    """An appended event: numbered 1, 2, 3… within its exercise session, in one total order."""

    session_id: str
    seq: int
    kind: EventKind
    actor: str
    wall_time: datetime
    payload: dict[str, Any] = field(default_factory=dict)
    scenario_minute: float | None = None
    idempotency_key: str | None = None

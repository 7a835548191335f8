"""The scripted exercise of `exercise drill` (the facilitator and three tables on the typhoon
example, every kind of event, a failed mobile call, a contingency inject fired by inaction),
played through the conduct API on any event store, and ways to compare what stores give back."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from exercise.cli.drill import EXAMPLE, TABLES, play_drill  # noqa: F401  (TABLES: re-exported for the crash tests)
from exercise.conduct import access
from exercise.conduct.events import Event, NewEvent
from exercise.conduct.ports import EventStore
from exercise.conduct.sessions import JoinCodes
from exercise.conduct.state import ExerciseState

SESSION_ID = "typhoon-drill"
T0 = datetime(2026, 8, 14, 9, 0, tzinfo=UTC)
# What every store stamps as the wall time of an append; microseconds check the round trip.
STORE_WALL = datetime(2026, 8, 14, 9, 0, 0, 123456, tzinfo=UTC)


class RecordingStore:
    """Any event store, remembering every event an append acknowledged to a command."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.acknowledged: list[Event] = []

    def append(self, session_id: str, events: Sequence[NewEvent],
               expected_seq: int | None = None) -> list[Event]:
        stored = self.inner.append(session_id, events, expected_seq)
        self.acknowledged.extend(stored)
        return stored

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@contextmanager
def predictable_codes() -> Iterator[None]:
    """Join codes are random, and a join is keyed by its code's hash: for the same script to
    give the same log on every store, the codes come from a counter while it runs."""
    counter = itertools.count(1)
    original = access.new_token
    access.new_token = lambda: f"code-{next(counter):04d}"  # type: ignore[assignment]
    try:
        yield
    finally:
        access.new_token = original  # type: ignore[assignment]


def play_exercise(store: EventStore) -> JoinCodes:
    """`exercise drill`'s script at fixed wall times, with predictable join codes."""
    with predictable_codes():
        return play_drill(store, EXAMPLE.read_text(encoding="utf-8"), SESSION_ID, T0)


def canonical(state: ExerciseState) -> dict[str, Any]:
    """The folded state as plain data (dicts, lists, numbers, text): what every screen shows,
    comparable with == and readable in a failing assertion's diff."""
    return _plain(state.snapshot())


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return value


def log_lines(events: Sequence[Event]) -> list[tuple[Any, ...]]:
    """An event log as comparable rows, wall time included."""
    return [(e.session_id, e.seq, e.kind.value, e.actor, e.wall_time, e.payload,
             e.scenario_minute, e.idempotency_key) for e in events]

"""A session of the example pack on the in-memory store, with three tables and a wall clock
that the test moves: at speed 10, one real minute is ten scenario minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from exercise.conduct import facilitation
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import session_state
from exercise.conduct.sessions import JoinCodes, TableSpec, create_session
from exercise.conduct.state import ExerciseState

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "scenarios" / "example-typhoon-township.yaml"
T0 = datetime(2026, 8, 14, 9, 0, tzinfo=UTC)
SPEED = 10.0
TABLES = [
    TableSpec("County", ("county-eoc", "fire-bureau", "relief-zone")),
    TableSpec("Township", ("township-eoc",)),
    TableSpec("Village", ("upper-village", "red-cross", "telecom")),
]


def wall(minute: float) -> datetime:
    """The wall time at which a clock started at T0 (scenario T+00:00) shows `minute`."""
    return T0 + timedelta(minutes=minute / SPEED)


@dataclass
class Run:
    store: MemoryEventStore
    codes: JoinCodes

    @property
    def sid(self) -> str:
        return self.codes.session_id

    @property
    def fac(self) -> str:
        return self.codes.facilitator

    def table(self, label: str) -> str:
        return self.codes.tables[label]

    @property
    def evaluator(self) -> str:
        return next(iter(self.codes.evaluators.values()))

    def state(self) -> ExerciseState:
        return session_state(self.store, self.sid)


@pytest.fixture
def pack_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def run(pack_text: str) -> Run:
    store = MemoryEventStore(clock=lambda: T0)
    codes = create_session(store, pack_text, tables=TABLES, now=T0)
    return Run(store, codes)


@pytest.fixture
def started(run: Run) -> Run:
    facilitation.start_clock(run.store, run.fac, speed=SPEED, now=wall(0))
    return run

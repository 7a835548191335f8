"""One scripted exercise, played through the conduct API on any event store: the facilitator
and three tables on the typhoon example, with every kind of event — a power cut that makes a
mobile call fail, and a contingency inject released because nobody reached the village."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import datetime, timedelta, timezone
from enum import Enum
from pathlib import Path
from typing import Any

from exercise.conduct import access, evaluation, facilitation, play
from exercise.conduct.events import Event, NewEvent
from exercise.conduct.ports import EventStore
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import JoinCodes, TableSpec, create_session, join
from exercise.conduct.state import ExerciseState

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "scenarios" / "example-typhoon-township.yaml"
SESSION_ID = "typhoon-drill"
T0 = datetime(2026, 8, 14, 9, 0, tzinfo=timezone.utc)
# What every store stamps as the wall time of an append; microseconds check the round trip.
STORE_WALL = datetime(2026, 8, 14, 9, 0, 0, 123456, tzinfo=timezone.utc)
SPEED = 10.0
TABLES = [
    TableSpec("County", ("county-eoc", "fire-bureau", "relief-zone")),
    TableSpec("Township", ("township-eoc",)),
    TableSpec("Village", ("upper-village", "red-cross", "telecom")),
]


def wall(minute: float) -> datetime:
    """The wall time at which a clock started at T0 (scenario T+00:00) shows `minute`."""
    return T0 + timedelta(minutes=minute / SPEED)


class RecordingStore:
    """Any event store, remembering every event an append acknowledged to a command."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.acknowledged: list[Event] = []

    def append(self, session_id: str, events: Sequence[NewEvent]) -> list[Event]:
        stored = self.inner.append(session_id, events)
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
    """Every kind of event, in the order a real morning would produce them."""
    with predictable_codes():
        codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TABLES,
                               now=T0, session_id=SESSION_ID)
    sid, fac = codes.session_id, codes.facilitator
    county, township, village = (codes.tables[t.label] for t in TABLES)
    evaluator = next(iter(codes.evaluators.values()))

    facilitation.start_clock(store, fac, speed=SPEED, now=wall(0))
    for code in (county, township, village):
        join(store, code, now=wall(1))
    tick(store, sid, wall(12))  # I-01, scheduled
    play.acknowledge(store, county, "county-eoc", "I-01", now=wall(12))
    play.log_action(store, county, "county-eoc", "Raised the EOC to level 1", "I-01", now=wall(13))
    play.send_message(store, county, "county-eoc", "township-eoc", "phone", "Level 1, stand by",
                      now=wall(13))
    tick(store, sid, wall(31))  # the call is delivered, I-02 released
    play.decide(store, township, "township-eoc", "I-02", "wait", "forecast first", now=wall(32))
    tick(store, sid, wall(46))  # I-03 follows the decision to wait
    facilitation.hold(store, fac, "I-04", "room is still discussing", now=wall(50))
    facilitation.release_now(store, fac, "I-04", now=wall(70))
    facilitation.skip(store, fac, "I-05", "answered in the room", now=wall(71))
    facilitation.pause(store, fac, now=wall(101))
    facilitation.resume(store, fac, now=wall(400))
    facilitation.set_speed(store, fac, 20, now=wall(410))
    kits = play.request_resource(store, township, "township-eoc", "red-cross", "relief-kit", 100,
                                 "for the shelter", now=wall(410))
    play.answer_request(store, village, kits[0].payload["request_id"], 60,
                        "the rest is stored in the north", now=wall(411))
    play.request_resource(store, county, "county-eoc", "relief-zone", "helicopter", 2,
                          now=wall(412))  # more than the holder has: refused at once
    facilitation.jump_to_module(store, fac, "M2", now=wall(420))  # I-06: power lost
    facilitation.set_paced(store, fac, True, now=wall(420))
    facilitation.advance(store, fac, 20, now=wall(500))  # I-07: road blocked
    facilitation.set_release_mode(store, fac, "manual", now=wall(500))
    facilitation.jump_to_time(store, fac, "T+06:35", now=wall(501))
    facilitation.release_now(store, fac, "I-08", now=wall(503))
    facilitation.set_release_mode(store, fac, "auto", now=wall(503))
    play.send_message(store, township, "township-eoc", "upper-village", "mobile-phone",
                      "Are you still there?", now=wall(504))  # fails: batteries ran out
    facilitation.advance(store, fac, 30, now=wall(505))  # I-09: nobody reached the village
    play.send_message(store, township, "township-eoc", "upper-village", "radio", "Reply by radio",
                      now=wall(506))
    facilitation.advance(store, fac, 10, now=wall(507))  # the radio call is delivered
    adhoc = facilitation.adhoc_inject(store, fac, title="Shelter overflow",
                                      message="The school shelter is full.", to=["red-cross"],
                                      sender="residents", now=wall(508))
    play.acknowledge(store, village, "red-cross", adhoc.payload["inject_id"], now=wall(508))
    evaluation.record_observation(store, evaluator, "strength", "Switched to radio at once",
                                  critical_task="CT-2.1", agency="township-eoc", now=wall(509))
    evaluation.record_rating(store, evaluator, "OBJ-2", "Operational Communications", "S",
                             "Radio used, but only after a failed call", now=wall(509))
    facilitation.end_session(store, fac, now=wall(510))
    evaluation.note_hotwash(store, fac, "area_for_improvement", "Nobody called the village early",
                            now=wall(512))
    evaluation.submit_feedback(store, township, {"strengths": ["radio"],
                                                 "ratings": {"plausible": 5}},
                               respondent="Ms Lin", agency="township-eoc", now=wall(513))
    evaluation.save_improvement_item(
        store, evaluator, core_capability="Operational Communications",
        issue="Village reached late", corrective_action="Radio roll call every hour",
        capability_element="Planning", responsible_organization="township-eoc",
        objective="OBJ-2", now=wall(514))
    return codes


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

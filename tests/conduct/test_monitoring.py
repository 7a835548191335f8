"""The facilitator's alert rules (issue #15, item 4: moved out of the console page into
conduct.monitoring): late answers, quiet tables, injects to voice, progress."""

from __future__ import annotations

import pytest

from exercise.conduct import facilitation, monitoring, play
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import TableSpec, create_session
from exercise.conduct.state import ExerciseState

from .conftest import EXAMPLE, SPEED, T0, Run, wall


def _at(run: Run, minute: float) -> tuple[ExerciseState, float]:
    tick(run.store, run.sid, wall(minute))
    return run.state(), float(minute)


def test_an_inject_is_late_once_it_has_waited_the_threshold_longest_wait_first(started: Run) -> None:
    state, minute = _at(started, 45)  # I-01 (T+00:10) and I-02 (T+00:30) released
    late = monitoring.unacknowledged(state, minute, older_than=15)
    assert [(u.inject_id, u.agency, u.waited) for u in late] == [
        ("I-01", "county-eoc", 35.0), ("I-02", "township-eoc", 15.0)]  # waited 15: late
    assert monitoring.unacknowledged(state, minute, older_than=36) == []


def test_acting_on_an_inject_answers_it_as_much_as_acknowledging(started: Run) -> None:
    tick(started.store, started.sid, wall(30))
    play.acknowledge(started.store, started.table("County"), "county-eoc", "I-01", now=wall(31))
    play.log_action(started.store, started.table("Township"), "township-eoc", "Sirens on",
                    inject_id="I-02", now=wall(32))
    state, minute = _at(started, 60)  # I-04 (T+01:00) just arrived, unanswered
    assert [u.inject_id for u in monitoring.unacknowledged(state, minute, older_than=0)] == ["I-04"]


def test_no_table_is_quiet_before_the_clock_starts(run: Run) -> None:
    assert monitoring.silent_tables(run.state(), 500.0, quiet_for=1) == []


def test_a_table_is_quiet_from_the_first_release_until_it_does_something(started: Run) -> None:
    state, minute = _at(started, 40)  # the first release was at T+00:10: 30 minutes of play
    quiet = {s.table: s for s in monitoring.silent_tables(state, minute, quiet_for=30)}
    assert set(quiet) == {"County", "Township", "Village"}
    assert quiet["County"].last_minute is None and quiet["County"].quiet_for == 30.0
    assert monitoring.silent_tables(state, minute, quiet_for=31) == []
    play.acknowledge(started.store, started.table("County"), "county-eoc", "I-01", now=wall(41))
    state, minute = _at(started, 70)
    quiet = {s.table: s for s in monitoring.silent_tables(state, minute, quiet_for=30)}
    assert set(quiet) == {"Township", "Village"}  # County acted at T+00:41, 29 minutes ago


@pytest.fixture
def half_played() -> Run:
    """Only the county EOC and the township are played: the rest are voiced."""
    store = MemoryEventStore(clock=lambda: T0)
    tables = [TableSpec("County", ("county-eoc",)), TableSpec("Township", ("township-eoc",))]
    codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=tables, now=T0)
    facilitation.start_clock(store, codes.facilitator, speed=SPEED, now=wall(0))
    return Run(store, codes)


def test_injects_to_agencies_nobody_plays_are_to_voice_newest_first(half_played: Run) -> None:
    state, _ = _at(half_played, 40)
    assert monitoring.to_voice(state) == []  # I-01..I-02 went to played agencies
    facilitation.release_now(half_played.store, half_played.fac, "I-07", now=wall(41))
    facilitation.release_now(half_played.store, half_played.fac, "I-10", now=wall(50))
    state, _ = _at(half_played, 55)  # I-10 goes to the upper village, I-07 also to the fire bureau
    voiced = monitoring.to_voice(state)
    assert [(v.inject_id, v.agencies) for v in voiced] == [
        ("I-10", ("upper-village",)), ("I-07", ("fire-bureau",))]
    assert voiced[1].released_minute == 41.0
    # the played agencies' unanswered injects leave the voiced receivers out
    assert {u.agency for u in monitoring.unacknowledged(state, 55.0, older_than=0)} <= {
        "county-eoc", "township-eoc"}


def test_progress_counts_planned_releases_and_open_injects_per_table(started: Run) -> None:
    facilitation.adhoc_inject(started.store, started.fac, title="Road closed", message="Bridge out",
                              to=["township-eoc"], now=wall(20))
    state, _ = _at(started, 45)
    seen = monitoring.progress(state)
    assert (seen.released, seen.planned) == (2, len(state.pack.injects))  # ad-hoc not counted
    assert seen.unacknowledged == {"County": 1, "Township": 2, "Village": 0}

"""The exercise clock: speed, pause and resume without drift, jumps, facilitator pacing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercise.conduct.clock import Clock, check_speed
from exercise.conduct.errors import ConductError


def test_one_real_minute_is_ten_scenario_minutes_at_speed_ten() -> None:
    clock = Clock().start(wall=1000.0, minute=0.0, speed=10.0)
    assert clock.minute_at(1060.0) == pytest.approx(10.0)


def test_a_paused_clock_stands_still_and_resumes_where_it_stopped() -> None:
    clock = Clock().start(0.0, 30.0, 10.0).pause(60.0)
    assert clock.minute_at(6000.0) == pytest.approx(40.0)
    assert clock.resume(6000.0).minute_at(6060.0) == pytest.approx(50.0)


def test_facilitator_paced_time_moves_only_on_command() -> None:
    clock = Clock().start(0.0, 0.0, 10.0).with_paced(60.0, True)
    assert clock.minute_at(100_000.0) == pytest.approx(10.0)
    assert clock.jump(100_000.0, 90.0).minute_at(200_000.0) == pytest.approx(90.0)
    assert clock.with_paced(100_000.0, False).minute_at(100_060.0) == pytest.approx(20.0)


def test_speed_changes_apply_from_the_moment_they_are_made() -> None:
    clock = Clock().start(0.0, 0.0, 10.0).with_speed(60.0, 60.0)
    assert clock.minute_at(120.0) == pytest.approx(70.0)


@pytest.mark.parametrize("speed", [0, -1, "fast", 10_000, float("nan")])
def test_an_impossible_speed_is_refused(speed: object) -> None:
    with pytest.raises(ConductError, match="speed"):
        check_speed(speed)  # type: ignore[arg-type]


steps = st.lists(st.tuples(st.sampled_from(["pause", "resume", "speed"]),
                           st.floats(0.0, 3600.0), st.sampled_from([1.0, 2.5, 10.0, 60.0])),
                 max_size=40)


@given(steps)
def test_pause_and_resume_never_lose_or_add_scenario_time(changes: list) -> None:
    """Scenario time equals the sum, over running stretches, of real time × speed then."""
    wall, clock, expected = 0.0, Clock().start(0.0, 0.0, 1.0), 0.0
    for action, gap, speed in changes:
        if clock.running:
            expected += gap / 60.0 * clock.speed
        wall += gap
        if action == "pause":
            clock = clock.pause(wall)
        elif action == "resume":
            clock = clock.resume(wall)
        else:
            clock = clock.with_speed(wall, speed)
        assert clock.minute_at(wall) == pytest.approx(expected, abs=1e-6)
    if clock.running:
        expected += 10 * clock.speed
    assert clock.minute_at(wall + 600.0) == pytest.approx(expected, abs=1e-6)

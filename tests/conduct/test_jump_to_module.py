"""Jump to module (issue #16 item 5): the injects planned before the module are skipped or
released now, stamped with the jump's minute, and the jump records the choice. No release is
recorded at a time that never happened."""

from __future__ import annotations

import pytest

from exercise.conduct import event_types as t
from exercise.conduct import facilitation
from exercise.conduct.errors import ConductError
from exercise.conduct.events import EventKind
from exercise.conduct.schedule import inject_board
from exercise.conduct.transfer import export_lines, replay

from .conftest import Run, wall

M2_START = 180.0  # T+03:00 in the example pack


def _jump(r: Run) -> t.ClockJumped:
    [jump] = [e.data for e in r.store.events(r.sid) if e.kind == EventKind.clock_jumped]
    assert isinstance(jump, t.ClockJumped)
    return jump


def test_skipping_the_passed_injects_records_them_skipped_not_released(started: Run) -> None:
    r = started
    facilitation.jump_to_module(r.store, r.fac, "M2", "skip", now=wall(5))
    state = r.state()
    # I-01, I-02 and I-04 were planned before T+03:00; I-03 waits on a decision nobody took
    assert {"I-01", "I-02", "I-04"} <= set(state.holds)
    assert all(state.holds[i].skipped for i in ("I-01", "I-02", "I-04"))
    assert not {"I-01", "I-02", "I-04"} & set(state.releases)
    assert min(rel.scenario_minute for rel in state.releases.values()) >= M2_START
    assert "I-06" in state.releases  # the module's own first inject comes as planned
    jump = _jump(r)
    assert (jump.module, jump.passed) == ("M2", "skip")
    assert {"I-01", "I-02", "I-04"} <= set(jump.injects)
    assert not [u for u in inject_board(state, M2_START).due if u.inject_id in jump.injects]


def test_releasing_the_passed_injects_stamps_them_with_the_jump_time(started: Run) -> None:
    r = started
    facilitation.jump_to_module(r.store, r.fac, "M2", "release", now=wall(5))
    state = r.state()
    for inject_id in ("I-01", "I-02", "I-04"):
        assert state.releases[inject_id].scenario_minute == M2_START, inject_id
    # nothing in the log claims a release before the jump
    releases = [e for e in r.store.events(r.sid) if e.kind == EventKind.inject_released]
    assert releases and min(e.scenario_minute or 0 for e in releases) == M2_START
    assert _jump(r).passed == "release"
    # the log exports and replays to the same state
    assert replay(export_lines(r.store, r.sid)).snapshot() == state.snapshot()


def test_a_jump_before_the_clock_or_with_an_unknown_choice_is_refused(run: Run) -> None:
    with pytest.raises(ConductError, match="not been started"):
        facilitation.jump_to_module(run.store, run.fac, "M2", "skip", now=wall(0))
    facilitation.start_clock(run.store, run.fac, speed=10, now=wall(0))
    with pytest.raises(ConductError, match="skipped or released"):
        facilitation.jump_to_module(run.store, run.fac, "M2", "drop", now=wall(1))  # type: ignore[arg-type]


def test_a_version_1_jump_still_reads() -> None:
    data = t.REGISTRY.parse(EventKind.clock_jumped, {"wall": 1.0, "minute": 180.0}, 1)
    assert isinstance(data, t.ClockJumped)
    assert (data.minute, data.module, data.passed, data.injects) == (180.0, None, None, ())
    assert t.REGISTRY.current_version(EventKind.clock_jumped) == 2

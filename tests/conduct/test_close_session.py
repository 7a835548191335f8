"""Issue #15, item 4: closing a session is a domain command. It ends a running session with one
event, closes it, and a second close — after, or at the same time — records nothing more and
is refused with a clear answer."""

from __future__ import annotations

import threading

import pytest

from exercise.conduct import event_types, facilitation
from exercise.conduct.errors import AccessDenied, NotAllowedNow

from .conftest import Run, wall


def _ends(run: Run) -> int:
    return sum(isinstance(e.data, event_types.SessionEnded) for e in run.store.events(run.sid))


def test_closing_a_running_session_ends_it_once_and_closes_it(started: Run) -> None:
    record = facilitation.close_session(started.store, started.fac, now=wall(30))
    assert record.closed and record.session_id == started.sid
    assert started.store.session(started.sid).closed  # type: ignore[union-attr]
    assert started.state().ended and _ends(started) == 1


def test_closing_an_ended_session_adds_no_second_end(started: Run) -> None:
    facilitation.end_session(started.store, started.fac, now=wall(20))
    facilitation.close_session(started.store, started.fac, now=wall(30))
    assert _ends(started) == 1 and started.store.session(started.sid).closed  # type: ignore[union-attr]


def test_closing_a_closed_session_is_refused_and_records_nothing(started: Run) -> None:
    facilitation.close_session(started.store, started.fac, now=wall(30))
    seq = started.store.last_seq(started.sid)
    with pytest.raises(NotAllowedNow, match="this exercise session is closed"):
        facilitation.close_session(started.store, started.fac, now=wall(31))
    assert started.store.last_seq(started.sid) == seq and _ends(started) == 1


def test_two_closes_at_once_record_one_end(started: Run) -> None:
    results: list[object] = []
    gate = threading.Barrier(2)

    def close() -> None:
        gate.wait()
        try:
            results.append(facilitation.close_session(started.store, started.fac, now=wall(30)))
        except NotAllowedNow as exc:  # the second came after the first had closed
            results.append(exc)

    threads = [threading.Thread(target=close) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and _ends(started) == 1
    assert started.store.session(started.sid).closed  # type: ignore[union-attr]


def test_only_the_facilitator_closes(started: Run) -> None:
    with pytest.raises(AccessDenied):
        facilitation.close_session(started.store, started.table("Township"), now=wall(30))
    assert not started.store.session(started.sid).closed and _ends(started) == 0  # type: ignore[union-attr]

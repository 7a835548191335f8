"""A log written before commits were serialised (issue #13) may hold answers that together
commit more than the holder has: the fold commits at most what is free, so the board never
shows a negative free quantity, and the later answer reads as partly committed or refused."""

from __future__ import annotations

from exercise.conduct import event_types as t
from exercise.conduct.events import NewEvent
from exercise.conduct.reading import session_state

from .conftest import Run


def test_answers_that_over_commit_are_folded_to_what_was_free(run: Run) -> None:
    asks = [t.ResourceRequested(request_id=f"REQ-{n}", requester=agency, holder="telecom",
                                resource="cell-truck", quantity=2)
            for n, agency in enumerate(["county-eoc", "township-eoc", "fire-bureau"])]
    answers = [t.ResourceAnswered(request_id=f"REQ-{n}", outcome="committed", quantity=2)
               for n in range(3)]
    run.store.append(run.sid, [NewEvent.of(data, "agency:Village", 5.0) for data in asks + answers])
    state = session_state(run.store, run.sid)
    line = state.resource_line("telecom", "cell-truck")
    assert (line.held, line.committed, line.free) == (2, 2, 0)
    assert [state.requests[f"REQ-{n}"].status for n in range(3)] == ["committed", "refused", "refused"]
    assert [state.requests[f"REQ-{n}"].committed for n in range(3)] == [2, 0, 0]

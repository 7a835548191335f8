"""Many browsers in two app processes poll one session while its clock runs fast: every inject
is released exactly once, at its planned minute, in scenario order."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from exercise.conduct import facilitation
from exercise.conduct.clock import wall_now
from exercise.conduct.events import EventKind
from exercise.conduct.sessions import TableSpec, create_session
from exercise.store import SqlEventStore

from .processes import go, start_children
from .rapid_pack import INJECTS, planned_minute, rapid_pack_text

PROCESSES, THREADS = 2, 4


@pytest.mark.slow
def test_two_processes_of_polling_threads_release_each_inject_once_in_order(
    database_url: str,
) -> None:
    with SqlEventStore(database_url) as store:
        codes = create_session(store, rapid_pack_text(), session_id="rapid",
                               tables=[TableSpec("County", ("county-eoc",))])
        pollers = start_children(
            [("poll", database_url, "rapid", str(THREADS), "40", str(INJECTS))] * PROCESSES)
        # 600 scenario minutes per real minute: T+00:30 comes about three seconds after the start.
        facilitation.start_clock(store, codes.facilitator, speed=600, at=0,
                                 now=wall_now() + timedelta(seconds=0.5))
        go(*pollers)
        outputs = [poller.communicate(timeout=90) for poller in pollers]
        assert [p.returncode for p in pollers] == [0] * PROCESSES, [err for _, err in outputs]
        events = store.events("rapid")

    releases = [e for e in events if e.kind is EventKind.inject_released]
    counted = Counter(e.payload["inject_id"] for e in releases)
    assert counted == {f"I-{n:02d}": 1 for n in range(1, INJECTS + 1)}, "each exactly once"
    assert [e.payload["inject_id"] for e in releases] == [
        f"I-{n:02d}" for n in range(1, INJECTS + 1)], "in scenario order"
    assert [e.scenario_minute for e in releases] == [
        float(planned_minute(n)) for n in range(1, INJECTS + 1)], "each at its planned minute"
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert all(out.strip() == f"released {INJECTS}" for out, _ in outputs)

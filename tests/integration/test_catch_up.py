"""When nobody polled for a while (the app was down, or the facilitator jumped ahead), the
first tick releases everything that fell due in scenario order, each at its planned minute —
also the injects that wait on another released in the same tick."""

from __future__ import annotations

from datetime import timedelta

from exercise.conduct import facilitation
from exercise.conduct.events import EventKind
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import TableSpec, create_session
from exercise.store import SqlEventStore

from .rapid_pack import INJECTS, planned_minute, rapid_pack_text
from .scripted import T0


def test_the_first_tick_after_an_outage_releases_in_scenario_order(database_url: str) -> None:
    with SqlEventStore(database_url) as store:
        codes = create_session(store, rapid_pack_text(), session_id="outage", now=T0,
                               tables=[TableSpec("County", ("county-eoc",))])
        facilitation.start_clock(store, codes.facilitator, speed=10, at=0, now=T0)
        result = tick(store, "outage", T0 + timedelta(minutes=3.05))  # 30.5 scenario minutes
        events = store.events("outage")

    expected = [f"I-{n:02d}" for n in range(1, INJECTS + 1)]
    assert result.released == expected
    releases = [e for e in events if e.kind is EventKind.inject_released]
    assert [(e.payload["inject_id"], e.scenario_minute) for e in releases] == [
        (f"I-{n:02d}", float(planned_minute(n))) for n in range(1, INJECTS + 1)]


def test_a_jump_releases_what_it_passes_over_in_scenario_order(database_url: str) -> None:
    with SqlEventStore(database_url) as store:
        codes = create_session(store, rapid_pack_text(), session_id="jump", now=T0,
                               tables=[TableSpec("County", ("county-eoc",))])
        facilitation.start_clock(store, codes.facilitator, speed=10, at=0, now=T0)
        facilitation.jump_to_time(store, codes.facilitator, "T+00:30", now=T0)
        released = [e.payload["inject_id"] for e in store.events("jump")
                    if e.kind is EventKind.inject_released]
    assert released == [f"I-{n:02d}" for n in range(1, INJECTS + 1)]

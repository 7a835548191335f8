"""The scheduler of several app processes: what it checks and what it releases are one step.

Every worker of `exercise serve --workers N` ticks on its desks' polls. A tick plans what is due
on the state it read; when another event reaches the session before its append (a table's
message that a contingency's `no_contact` condition reads), it must read again and plan again,
not release what the newer state no longer calls for."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from exercise.conduct import facilitation, play
from exercise.conduct.events import Event, EventKind, NewEvent
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import session_state
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import create_session, join
from tests.conduct.conftest import EXAMPLE, SPEED, T0, TABLES, wall


class SlowDeskBetweenReadAndAppend(MemoryEventStore):
    """A store on which, just before the scheduler's first append, another process's table
    sends a message that was written at an earlier minute (a slow desk)."""

    def __init__(self) -> None:
        super().__init__(clock=lambda: T0)
        self.slow_desk: tuple[str, datetime] | None = None
        self.scheduler_appends = 0

    def append(self, session_id: str, new_events: Sequence[NewEvent],
               expected_seq: int | None = None) -> list[Event]:
        if any(e.actor == "scheduler" for e in new_events):
            self.scheduler_appends += 1
            if self.slow_desk is not None:
                code, when = self.slow_desk
                self.slow_desk = None
                play.send_message(self, code, "township-eoc", "upper-village", "radio",
                                  "still there?", now=when)
        return super().append(session_id, new_events, expected_seq)


def test_a_contingency_is_not_released_when_the_contact_it_waits_for_came_in_between() -> None:
    store = SlowDeskBetweenReadAndAppend()
    codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TABLES, now=T0)
    facilitation.start_clock(store, codes.facilitator, speed=SPEED, now=wall(0))
    township = codes.tables["Township"]
    join(store, township, now=wall(0))
    tick(store, codes.session_id, wall(390))
    # I-09 ("why is Upper Village silent") falls due at T+07:00 unless the township reached
    # the village by T+06:45; the township's radio call at T+06:40 lands while the tick at
    # T+07:10 is between its read and its append.
    store.slow_desk = (township, wall(400))
    result = tick(store, codes.session_id, wall(430))

    state = session_state(store, codes.session_id)
    assert store.slow_desk is None and store.scheduler_appends >= 2  # it read again
    assert "I-09" not in state.releases
    assert "I-09" not in result.released
    released = [e.payload["inject_id"] for e in store.events(codes.session_id)
                if e.kind == EventKind.inject_released]
    assert "I-08" in released  # what fell due went out, each once
    assert len(released) == len(set(released))

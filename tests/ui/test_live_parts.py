"""When a live part is drawn again: only when its session moved past what it drew (asked of the
process's watcher, not the database), or after REFRESH_SECONDS; and the scheduler ticks once per
process and session however many desks poll."""

from __future__ import annotations

import time

import pytest

from exercise.ui import live
from exercise.ui.live import REFRESH_SECONDS, Drawn, needs_drawing


class Watch:
    def __init__(self, last: int) -> None:
        self.last = last

    def moved_past(self, session_id: str, seq: int) -> bool:
        return self.last > seq


class WatchedStore:
    """A store whose only answer is its watcher's; reading the log would be a failure here."""

    def __init__(self, last: int) -> None:
        self.watch = Watch(last)

    def last_seq(self, session_id: str) -> int:
        raise AssertionError("a poll with a watcher must not read the database")


def test_a_part_is_drawn_again_only_when_the_session_moved() -> None:
    store = WatchedStore(last=7)
    now = time.monotonic()
    drawn = Drawn("fragment-1", seq=7, minute=0, at=now)
    assert not needs_drawing(store, "S-unknown", drawn, now + 1)  # type: ignore[arg-type]
    store.watch.last = 8
    assert needs_drawing(store, "S-unknown", drawn, now + 1)  # type: ignore[arg-type]


def test_a_part_with_nothing_new_is_still_drawn_again_after_the_refresh_interval() -> None:
    store = WatchedStore(last=7)
    drawn = Drawn("fragment-1", seq=7, minute=0, at=0.0)
    assert needs_drawing(store, "S-unknown", drawn, REFRESH_SECONDS)  # type: ignore[arg-type]


def test_many_desks_polling_tick_the_scheduler_once(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks: list[str] = []
    monkeypatch.setattr(live, "tick", lambda store, session_id: ticks.append(session_id))
    store = WatchedStore(last=0)
    for _ in range(100):  # a hundred desks of one session poll within the same half second
        live.tick_due(store, "S-tick")  # type: ignore[arg-type]
    live.tick_due(store, "S-other")  # type: ignore[arg-type]
    assert ticks == ["S-tick", "S-other"]

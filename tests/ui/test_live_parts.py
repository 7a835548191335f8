"""When a live part is drawn again: only when its session moved past what it drew (asked of the
process's watcher, not the database), or after REFRESH_SECONDS; and the scheduler ticks once per
process and session however many desks poll."""

from __future__ import annotations

import time
from types import SimpleNamespace

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


def test_a_part_with_depends_is_drawn_again_only_when_what_it_shows_changed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = WatchedStore(last=7)
    shown = {"value": "A"}
    states = []

    def read(store: object, session_id: str) -> object:
        state = SimpleNamespace(seq=store.watch.last,  # type: ignore[attr-defined]
                                clock=SimpleNamespace(minute_at=lambda wall: 3.0))
        states.append(state)
        return state

    monkeypatch.setattr(live, "current_state", read)
    now = time.monotonic()
    drawn = Drawn("fragment-1", seq=7, minute=3, at=now, shows="A")
    depends = lambda view: shown["value"]  # noqa: E731
    assert live.freshen(store, "S-dep", drawn, depends, now) is drawn  # type: ignore[arg-type]
    assert states == []  # nothing new: the state is not even looked at
    store.watch.last = 9  # an event that leaves what the part shows as it was
    fresh = live.freshen(store, "S-dep", drawn, depends, now)  # type: ignore[arg-type]
    assert fresh is not None and fresh.seq == 9 and fresh.shows == "A"
    shown["value"] = "B"
    assert live.freshen(store, "S-dep", fresh, depends, now) is fresh  # type: ignore[arg-type]
    store.watch.last = 10
    # seen at 9 already: nothing to do; at 10 what it shows changed
    assert live.freshen(store, "S-dep", fresh, depends, now) is None  # type: ignore[arg-type]
    # a part that says all it shows has no safety-net redraw; one that does not, has
    old = Drawn("fragment-1", seq=10, minute=3, at=0.0, shows="B")
    assert live.freshen(store, "S-dep", old, depends, REFRESH_SECONDS + 1) is old  # type: ignore[arg-type]
    assert live.freshen(store, "S-dep", old, None, REFRESH_SECONDS + 1) is None  # type: ignore[arg-type]


def _session_at(monkeypatch: pytest.MonkeyPatch, seq: int, minute: float) -> SimpleNamespace:
    """The session's state as `freshen` reads it: its last event and its clock's minute."""
    state = SimpleNamespace(seq=seq, clock=SimpleNamespace(minute_at=lambda wall: minute))
    monkeypatch.setattr(live, "current_state", lambda store, session_id: state)
    return state


def test_checking_many_pages_asks_what_a_part_shows_once_per_viewer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = WatchedStore(last=8)
    _session_at(monkeypatch, 8, 3.0)
    asked_for: list[object] = []

    def depends(view: live.LiveView) -> object:
        asked_for.append(view.viewer)
        return ("inbox of", view.viewer, view.state.seq)

    now = time.monotonic()
    desks = [Drawn("f", seq=7, minute=3, at=now, shows=("inbox of", agency, 7), name="inbox",
                   viewer=agency) for agency in ("fire", "police", "fire", "police", "health")]
    asked: live.Shows = {}
    stale = [live.freshen(store, "S-many", drawn, depends, now, asked)  # type: ignore[arg-type]
             is None for drawn in desks]
    assert stale == [True] * 5  # each desk's own inbox changed at seq 8
    assert asked_for == ["fire", "police", "health"]  # once per viewer, not once per desk


def test_a_timeless_part_is_not_asked_again_when_only_the_minute_turned(
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = WatchedStore(last=7)
    state = _session_at(monkeypatch, 7, 9.0)
    monkeypatch.setattr(live, "_latest", {(id(store), "S-time"): (lambda: store, state)})
    asked: list[int] = []

    def depends(view: live.LiveView) -> object:
        asked.append(int(view.minute))
        return "what it shows"

    monkeypatch.setattr(live, "_TIMELESS", {"timeless"})
    now = time.monotonic()
    for name in ("timeless", "minutely"):  # both drawn at minute 3; the clock says 9 now
        drawn = Drawn("f", seq=7, minute=3, at=now, shows="what it shows", name=name)
        assert live.freshen(store, "S-time", drawn, depends, now) is not None  # type: ignore[arg-type]
    assert asked == [9]  # only the part whose `depends` may read the minute was asked


def test_the_pages_own_checks_share_what_a_part_shows_across_desks(
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = WatchedStore(last=8)
    _session_at(monkeypatch, 8, 3.0)
    asked: list[object] = []

    def free_counts(view: live.LiveView) -> object:  # every desk shows the same
        asked.append(view.viewer)
        return ("free", view.state.seq)

    now = time.monotonic()
    stale = [live.freshen(store, "S-shared", Drawn("f", seq=7, minute=3, at=now,  # type: ignore[arg-type]
                                                   shows=("free", 7), name="free"),
                          free_counts, now) is None for _ in range(100)]
    assert stale == [True] * 100  # each desk's own watcher run, one after another
    assert asked == [None]  # worked out once in the process, not once per desk

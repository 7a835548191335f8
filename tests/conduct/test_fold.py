"""The state is a pure fold of the log: deterministic, and any prefix gives the state then."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from exercise.conduct import facilitation, play
from exercise.conduct.events import Event
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import pinned_pack
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import create_session
from exercise.conduct.state import ExerciseState, fold

from .conftest import EXAMPLE, T0, TABLES, Run, wall


def _played(run: Run, seed: int) -> list[Event]:
    """A session played with random but valid commands, then its log."""
    rng = random.Random(seed)
    store, township = run.store, run.table("Township")
    facilitation.start_clock(store, run.fac, speed=10, now=wall(0))
    minute = 0.0
    for _ in range(25):
        minute += rng.choice([3, 7, 15, 40])
        tick(store, run.sid, wall(minute))
        choice = rng.randrange(5)
        inbox = run.state().inbox_of("township-eoc")
        if choice == 0 and inbox:
            play.acknowledge(store, township, "township-eoc", rng.choice(inbox).inject_id, now=wall(minute))
        elif choice == 1:
            channel = rng.choice(["phone", "radio", "mobile-phone", "line-group"])
            receiver = "county-eoc" if channel in ("phone", "line-group") else "upper-village"
            play.send_message(store, township, "township-eoc", receiver, channel,
                              f"note {minute}", now=wall(minute))
        elif choice == 2:
            play.log_action(store, township, "township-eoc", f"action {minute}", now=wall(minute))
        elif choice == 3 and run.state().clock.running:
            facilitation.pause(store, run.fac, now=wall(minute))
        elif choice == 4:
            facilitation.resume(store, run.fac, now=wall(minute))
        for item in inbox:
            if item.decision is None and run.state().inject(item.inject_id).options:
                play.decide(store, township, "township-eoc", item.inject_id,
                            rng.choice(["evacuate", "wait"]), now=wall(minute))
    return store.events(run.sid)


def _pack(run: Run):  # type: ignore[no-untyped-def]
    return pinned_pack(run.store.session(run.sid))


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_every_prefix_of_the_log_replays_to_the_state_at_that_point(seed: int) -> None:
    pack_text = EXAMPLE.read_text(encoding="utf-8")
    store = MemoryEventStore(clock=lambda: T0)
    run = Run(store, create_session(store, pack_text, tables=TABLES, now=T0))
    events = _played(run, seed)
    pack = _pack(run)
    incremental = ExerciseState.initial(pack)
    for cut, event in enumerate(events, start=1):
        incremental.apply(event)
        if cut % 7 == 0 or cut == len(events):
            assert fold(pack, events[:cut]).snapshot() == incremental.snapshot()
    assert fold(pack, events).snapshot() == fold(pack, list(events)).snapshot()
    assert incremental.seq == len(events)


def test_the_fold_is_deterministic_and_the_live_state_matches_it(run: Run) -> None:
    events = _played(run, 7)
    pack = _pack(run)
    first, second = fold(pack, events), fold(pack, events)
    assert first.snapshot() == second.snapshot()
    assert run.state().snapshot() == first.snapshot()
    assert first.releases and first.messages


def test_a_state_handed_out_is_not_changed_by_later_events(started: Run) -> None:
    tick(started.store, started.sid, wall(12))
    before = started.state()
    released = dict(before.releases)
    tick(started.store, started.sid, wall(40))
    after = started.state()
    assert before.releases == released and len(after.releases) > len(released)


def test_effects_change_the_world_from_their_release_time(started: Run) -> None:
    facilitation.jump_to_time(started.store, started.fac, "T+03:05", now=wall(1))
    world = started.state().world
    assert world.system_health("power", "upper-valley", 179).usable
    assert not world.system_health("power", "upper-valley", 180).usable
    assert not world.system_health("mobile", "upper-valley", 360).usable  # batteries ran out

"""Nothing acknowledged is lost when a process dies: the app killed with SIGKILL mid-exercise
and restarted on the same data folder, and a table's process killed in the middle of appending
while another process plays on the same database."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from exercise.conduct import facilitation, play
from exercise.conduct.clock import wall_now, wall_seconds
from exercise.conduct.events import Event, EventKind
from exercise.conduct.reading import session_state
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import JoinCodes, create_session, join
from exercise.store import DATABASE_URL_ENV, SqlEventStore
from exercise.store.engine import SQLITE_FILE

from .processes import App, free_port, go, start_child
from .scripted import EXAMPLE, TABLES, RecordingStore, canonical

PACK = EXAMPLE.read_text(encoding="utf-8")
SPEED = 60.0  # one scenario minute per real second


def _paused_room(store: RecordingStore) -> tuple[JoinCodes, dict[str, Any]]:
    """Injects released, acknowledged and decided, a message on its way, then a pause."""
    codes = create_session(store, PACK, tables=TABLES, session_id="paused-room")
    fac, county, township = codes.facilitator, codes.tables["County"], codes.tables["Township"]
    facilitation.start_clock(store, fac, speed=SPEED, at="T+00:09")
    for code in codes.tables.values():
        join(store, code)
    facilitation.release_now(store, fac, "I-01")
    play.acknowledge(store, county, "county-eoc", "I-01")
    play.send_message(store, county, "county-eoc", "township-eoc", "phone", "Level 1, stand by")
    facilitation.release_now(store, fac, "I-02")
    play.decide(store, township, "township-eoc", "I-02", "evacuate", "the stream is rising")
    play.log_action(store, township, "township-eoc", "Called the village chief", "I-02")
    facilitation.hold(store, fac, "I-04", "discussing shelters")
    facilitation.pause(store, fac)
    return codes, canonical(session_state(store, codes.session_id))


def _running_room(store: RecordingStore) -> tuple[JoinCodes, Event]:
    codes = create_session(store, PACK, tables=TABLES, session_id="running-room")
    started = facilitation.start_clock(store, codes.facilitator, speed=SPEED, at="T+00:05")
    join(store, codes.tables["County"])
    play.log_action(store, codes.tables["County"], "county-eoc", "EOC opened at level 2")
    return codes, started


@pytest.mark.slow
def test_the_app_killed_with_sigkill_restarts_with_every_acknowledged_event_and_its_clocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    data = tmp_path / "data"
    data.mkdir()
    url = f"sqlite:///{(data / SQLITE_FILE).resolve()}"  # the file `exercise serve` opens
    app = App(free_port(), data, tmp_path / "serve.log")
    app.start()
    try:
        with SqlEventStore(url) as opened:
            store = RecordingStore(opened)
            paused, paused_state = _paused_room(store)
            running, started = _running_room(store)
            acknowledged = list(store.acknowledged)
            assert app.kill_9() == -signal.SIGKILL
            assert not app.healthy()
            app.start()
            assert app.healthy()
    finally:
        app.stop()

    with SqlEventStore(url) as fresh:  # a new reader: nothing cached from before the crash
        stored = {(e.session_id, e.seq): e for sid in ("paused-room", "running-room")
                  for e in fresh.events(sid)}
        assert len(acknowledged) >= 17  # one per command above, and what ticks released
        for event in acknowledged:
            assert stored[(event.session_id, event.seq)] == event

        assert tick(fresh, paused.session_id).events == []  # paused: nothing falls due
        state = session_state(fresh, paused.session_id)
        assert state.clock.mode == "paused"
        assert state.clock.minute_at(time.time()) == paused_state["clock"]["anchor_minute"]
        assert canonical(state) == paused_state
        assert {"I-01", "I-02"} <= set(state.releases) and "I-04" in state.holds

        state = session_state(fresh, running.session_id)
        now = time.time()
        since_start = (now - started.payload["wall"]) / 60 * SPEED
        assert state.clock.mode == "running"
        assert state.clock.minute_at(now) == pytest.approx(5.0 + since_start, abs=1e-6)
        # I-01 (T+00:10) fell due while the app was down or just after: released at its minute.
        while state.clock.minute_at(time.time()) < 10:
            time.sleep(0.1)
        tick(fresh, running.session_id)
        released = session_state(fresh, running.session_id).releases["I-01"]
        assert (released.scenario_minute, released.mode) == (10.0, "scheduled")


def _acks(lines: str) -> list[tuple[int, str, int]]:
    parsed = (line.split() for line in lines.splitlines())
    return [(int(seq), key, int(others)) for seq, key, others in (p for p in parsed if len(p) == 3)]


@pytest.mark.slow
def test_a_table_process_killed_mid_append_loses_nothing_and_the_exercise_goes_on(
    database_url: str,
) -> None:
    with SqlEventStore(database_url) as opened:
        store = RecordingStore(opened)
        codes = create_session(store, PACK, tables=TABLES, session_id="killed-table")
        sid, county = codes.session_id, codes.tables["County"]
        facilitation.start_clock(store, codes.facilitator, speed=SPEED, at="T+00:09")
        child = start_child("table", database_url, sid, codes.tables["Township"], "township-eoc")
        go(child)
        assert child.stdout is not None
        told: list[tuple[int, str, int]] = []
        county_actions = 0
        started = time.monotonic()
        # 80 acknowledged actions, and long enough for I-01 (due a scenario minute after the
        # start, one real second at SPEED) to fall due while both processes run
        while len(told) < 80 or time.monotonic() - started < 2.5:
            told.extend(_acks(child.stdout.readline()))
            if len(told) % 10 == 0:  # this process plays the county and polls meanwhile
                play.log_action(store, county, "county-eoc", f"County log {county_actions}")
                county_actions += 1
                tick(store, sid)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        told.extend(_acks(child.stdout.read()))  # printed before the kill landed
        assert child.returncode == -signal.SIGKILL

    with SqlEventStore(database_url) as fresh:
        events = fresh.events(sid)
        by_key = {e.idempotency_key: e for e in events}
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        assert {key: seq for seq, key, _ in told}.items() <= {
            k: e.seq for k, e in by_key.items()}.items()
        for event in store.acknowledged:
            assert by_key[event.idempotency_key] == event
        assert max(others for _, _, others in told) > 0, "the table saw the county's actions"

        state = session_state(fresh, sid)
        township = [a for a in state.actions if a.agency == "township-eoc"]
        assert len(township) >= len(told)
        assert sum(a.agency == "county-eoc" for a in state.actions) == county_actions
        releases = Counter(e.payload["inject_id"] for e in events
                           if e.kind is EventKind.inject_released)
        assert releases["I-01"] == 1 and set(releases.values()) == {1}, "both processes polled"

        after = play.log_action(fresh, county, "county-eoc", "Carrying on after the crash")
        assert after.seq == len(events) + 1
        assert wall_seconds(after.wall_time) <= wall_seconds(wall_now())

"""Conduct engine speed: fold of 10,000 events (target < 100 ms), with the ratio to a bare loop
over the same events; and a tick on a session with 500 injects.

Run: .venv/bin/python benchmarks/bench_conduct.py
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from exercise.conduct import facilitation, play
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import pinned_pack, session_state
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import TableSpec, create_session
from exercise.conduct.state import fold

ROOT = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def best(run, repeat: int = 7) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def wall(minute: float) -> datetime:
    return T0 + timedelta(minutes=minute / 10)


def log_of_10k_events() -> tuple[object, list]:  # type: ignore[type-arg]
    text = (ROOT / "scenarios" / "example-typhoon-township.yaml").read_text(encoding="utf-8")
    store = MemoryEventStore(clock=lambda: T0)
    tables = [TableSpec("Township", ("township-eoc",)), TableSpec("County", ("county-eoc",))]
    codes = create_session(store, text, tables=tables, now=T0)
    township = codes.tables["Township"]
    facilitation.start_clock(store, codes.facilitator, speed=10, now=wall(0))
    tick(store, codes.session_id, wall(31))
    minute = 31.0
    while store.last_seq(codes.session_id) < 10_000:
        minute += 0.04
        n = store.last_seq(codes.session_id)
        if n % 3 == 0:
            play.send_message(store, township, "township-eoc", "county-eoc", "phone", f"m{n}",
                              request_id=str(n), now=wall(minute))
        else:
            play.log_action(store, township, "township-eoc", f"action {n}", request_id=str(n),
                            now=wall(minute))
    events = store.events(codes.session_id)[:10_000]
    return pinned_pack(store.session(codes.session_id)), events


def bench_fold() -> None:
    pack, events = log_of_10k_events()
    kinds = {e.kind.value for e in events}

    def bare() -> None:
        seen = {}
        for event in events:
            seen[event.kind] = event.payload.get("text", event.seq)

    fold_time = best(lambda: fold(pack, events))
    bare_time = best(bare)
    print(f"fold of {len(events)} events ({len(kinds)} kinds): {fold_time * 1000:.1f} ms "
          f"(target < 100 ms); bare loop {bare_time * 1000:.2f} ms; ratio {fold_time / bare_time:.0f}x")


def pack_with_injects(count: int) -> str:
    data = yaml.safe_load((ROOT / "scenarios" / "example-typhoon-township.yaml").read_text(encoding="utf-8"))
    base = data["injects"][0]
    injects = []
    for n in range(count):
        inject = dict(base, id=f"X-{n:03d}", time=n, module="M1")
        if n % 5 == 4:
            inject["conditions"] = [{"after": f"X-{n - 1:03d}", "delay": 1}]
        injects.append(inject)
    data["injects"] = injects
    data["modules"][1]["start"] = count + 10
    data["modules"][1]["end"] = count + 20
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def bench_tick() -> None:
    text = pack_with_injects(500)
    idle, catch_up = [], []
    for _ in range(5):
        store = MemoryEventStore(clock=lambda: T0)
        codes = create_session(store, text, now=T0)
        facilitation.start_clock(store, codes.facilitator, speed=10, now=wall(0))
        first = tick(store, codes.session_id, wall(0.5)).released  # X-000, due at T+00:00
        session_state(store, codes.session_id)
        start = time.perf_counter()
        tick(store, codes.session_id, wall(0.5))  # nothing new due: the cost of every poll
        idle.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = tick(store, codes.session_id, wall(600))  # every inject falls due at once
        catch_up.append(time.perf_counter() - start)
        assert len(first) + len(result.released) == 500
    print(f"tick on a session with 500 injects: idle poll {statistics.median(idle) * 1000:.1f} ms; "
          f"releasing the other 499 at once {statistics.median(catch_up) * 1000:.0f} ms")


if __name__ == "__main__":
    bench_fold()
    bench_tick()

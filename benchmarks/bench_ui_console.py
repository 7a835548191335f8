"""Facilitator console rerun time on a large session (100 agencies, 500 injects, 10,000 events,
SQLite store) as a ratio to an empty Streamlit script rerun, both measured here with AppTest.
Target: under 5x. Every panel of the console is measured (the default one is `injects`).

Run: .venv/bin/python benchmarks/bench_ui_console.py (the library page is in bench_ui.py)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_pack_data  # noqa: E402
from exercise.conduct import facilitation, play  # noqa: E402
from exercise.conduct.errors import ConductError  # noqa: E402
from exercise.conduct.events import NewEvent  # noqa: E402
from exercise.conduct.memory import MemoryEventStore  # noqa: E402
from exercise.conduct.reading import session_state  # noqa: E402
from exercise.conduct.sessions import JoinCodes, create_session  # noqa: E402
from exercise.store import open_store  # noqa: E402

T0 = datetime.now(UTC) - timedelta(days=1)
EVENTS = 10_000
RERUNS = 30
EMPTY = "import streamlit as st\n"
CONSOLE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.facilitator.page import facilitator_page
facilitator_page()
"""


def wall(minute: float) -> datetime:
    return T0 + timedelta(minutes=minute / 10)


def large_session() -> tuple[MemoryEventStore, JoinCodes]:
    """100 agencies (one table each), 500 injects released, tables busy until 10,000 events;
    the clock paused at the end so the console shows a fixed minute."""
    text = yaml.safe_dump(synthetic_pack_data(agencies=100, links=400, injects=500, seed=7),
                          allow_unicode=True, sort_keys=False)
    store = MemoryEventStore(clock=lambda: T0)
    codes = create_session(store, text, now=T0)
    facilitation.start_clock(store, codes.facilitator, speed=10, now=wall(0))
    state = session_state(store, codes.session_id)
    last = max(i.time for i in state.pack.injects)
    facilitation.jump_to_time(store, codes.facilitator, last + 1, now=wall(0))
    tokens = {}
    for grant_label, code in codes.tables.items():
        for table in state.tables:
            if table.label == grant_label:
                tokens[table.agencies[0]] = code
    agencies = sorted(tokens)
    n, minute = 0, 0.0
    while store.last_seq(codes.session_id) < EVENTS - 1:
        n += 1
        minute += 0.001
        agency = agencies[n % len(agencies)]
        now = wall(minute)
        try:
            if n % 4 == 0:
                items = session_state(store, codes.session_id).inbox_of(agency)
                fresh = [i for i in items if not i.acknowledged]
                if fresh:
                    play.acknowledge(store, tokens[agency], agency, fresh[0].inject_id, now=now)
                    continue
            if n % 4 == 1:
                world = session_state(store, codes.session_id).world
                targets = world.planned_successors(agency)
                if targets:
                    channel = world.planned_channels(agency, targets[0])[0]
                    play.send_message(store, tokens[agency], agency, targets[0], channel,
                                      f"message {n}", request_id=str(n), now=now)
                    continue
            play.log_action(store, tokens[agency], agency, f"action {n}", request_id=str(n), now=now)
        except ConductError:
            play.log_action(store, tokens[agency], agency, f"action {n}", request_id=str(n), now=now)
    facilitation.pause(store, codes.facilitator, now=wall(minute + 1))
    return store, codes


def copy_to_sqlite(memory: MemoryEventStore, session_id: str, folder: Path) -> None:
    sql = open_store(None, folder)
    sql.create_session(memory.session(session_id), memory.grants(session_id))
    events = memory.events(session_id)
    for start in range(0, len(events), 1000):
        sql.append(session_id, [NewEvent(e.kind, e.actor, e.payload, e.scenario_minute,
                                         e.idempotency_key) for e in events[start:start + 1000]])


def warmed(script: str, code: str | None = None, panel: str | None = None):  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_string(script, default_timeout=120)
    if code is not None:
        app.query_params["k"] = code
    if panel is not None:
        app.session_state["facilitator.panel"] = panel
    app.run()  # first run: fold, caches, imports
    app.run()
    assert not app.exception, app.exception
    return app


def interleaved_medians(apps: dict[str, object]) -> dict[str, float]:
    """Reruns taken in turns (empty, console, empty, …), so a busy machine slows both alike."""
    times: dict[str, list[float]] = {name: [] for name in apps}
    for _ in range(RERUNS):
        for name, app in apps.items():
            start = time.perf_counter()
            app.run()  # type: ignore[attr-defined]
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    started = time.perf_counter()
    memory, codes = large_session()
    state = session_state(memory, codes.session_id)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["EXERCISE_DATA_DIR"] = folder
        copy_to_sqlite(memory, codes.session_id, Path(folder))
        print(f"large session: {len(state.pack.agencies)} agencies, {len(state.pack.injects)} injects "
              f"({len(state.releases)} released), {state.seq} events, built in "
              f"{time.perf_counter() - started:.0f} s")
        panels = ("injects", "clock", "module", "feed", "graph", "resources", "links")
        apps = {"empty": warmed(EMPTY)}
        apps.update({panel: warmed(CONSOLE, codes.facilitator, panel) for panel in panels})
        medians = interleaved_medians(apps)
        empty = medians["empty"]
        print(f"empty script rerun (baseline): {empty * 1000:.1f} ms")
        for panel in panels:
            console = medians[panel]
            print(f"console rerun, {panel:9} panel: {console * 1000:6.1f} ms — "
                  f"{console / empty:.1f}x the empty script (target < 5x)")


if __name__ == "__main__":
    main()

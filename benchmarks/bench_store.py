"""Event-store speed on SQLite and PostgreSQL, each against plain driver inserts of the same rows
in the same run (sqlite3 / psycopg executemany, same table, same durability settings).

    .venv/bin/python benchmarks/bench_store.py [--quick]

Targets (issue 4): "events after sequence N" for one session among 100,000 events under 5 ms.
PostgreSQL: EXERCISE_TEST_POSTGRES_URL or postgresql+psycopg://postgres@127.0.0.1:5432/test
(a throw-away schema is created and dropped); skipped with a note when unreachable.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Json
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exercise.conduct.events import EventKind, NewEvent  # noqa: E402
from exercise.conduct.ports import SessionRecord  # noqa: E402
from exercise.store import SqlEventStore  # noqa: E402

QUICK = "--quick" in sys.argv
SINGLE = 200 if QUICK else 1000
BATCH, BATCHES = 500, (4 if QUICK else 20)
LOG_SIZE = 20_000 if QUICK else 100_000
POSTGRES_URL = os.environ.get(
    "EXERCISE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
INSERT = (
    "INSERT INTO events (session_id, seq, kind, actor, wall_time, scenario_minute, payload,"
    " idempotency_key) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p})"
)
AFTER = "SELECT * FROM events WHERE session_id = {p} AND seq > {p} ORDER BY seq"


def new_event(n: int) -> NewEvent:
    payload = {"inject": f"I-{n % 40:02}", "to": ["township-eoc", "fire"], "text": "Levee breach"}
    return NewEvent(EventKind.action_logged, "township-eoc", payload, n * 0.5, f"key-{n}")


def driver_row(session_id: str, n: int, wall: Any, payload: Callable[[dict], Any]) -> tuple:
    event = new_event(n)
    return (session_id, n + 1, event.kind.value, event.actor, wall, event.scenario_minute,
            payload(event.payload), event.idempotency_key)


def create(store: SqlEventStore, session_id: str) -> str:
    store.create_session(
        SessionRecord(session_id, session_id, "bench", "pack", "0" * 64, datetime.now(UTC)),
        [],
    )
    return session_id


def seconds(work: Callable[[], None]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def median_ms(work: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def report(name: str, count: int, store_s: float, driver_s: float) -> None:
    print(f"  {name:<26} store {count / store_s:9,.0f} ev/s   driver {count / driver_s:9,.0f} "
          f"rows/s   store takes {store_s / driver_s:5.2f}x the driver's time")


def bench(label: str, store: SqlEventStore, driver: Any, p: str, wall: Any, payload: Any) -> None:
    print(f"{label}:")
    sid = create(store, "single")
    store_s = seconds(lambda: [store.append(sid, [new_event(n)]) for n in range(SINGLE)])
    did = create(store, "driver-single")

    def driver_single() -> None:
        for n in range(SINGLE):
            driver.execute(INSERT.format(p=p), driver_row(did, n, wall, payload))
            driver.commit()

    report(f"single appends ({SINGLE})", SINGLE, store_s, seconds(driver_single))

    sid, did = create(store, "batch"), create(store, "driver-batch")
    batches = [[new_event(b * BATCH + n) for n in range(BATCH)] for b in range(BATCHES)]
    store_s = seconds(lambda: [store.append(sid, batch) for batch in batches])

    def driver_batches() -> None:
        for b in range(BATCHES):
            rows = [driver_row(did, b * BATCH + n, wall, payload) for n in range(BATCH)]
            driver.cursor().executemany(INSERT.format(p=p), rows)
            driver.commit()

    report(f"batches of {BATCH} ({BATCHES})", BATCH * BATCHES, store_s, seconds(driver_batches))

    sid = create(store, "long-log")
    fill = seconds(lambda: [store.append(sid, [new_event(b * 2000 + n) for n in range(2000)])
                            for b in range(LOG_SIZE // 2000)])
    last = store.last_seq(sid)
    print(f"  filled one session with {last:,} events in {fill:.1f} s")
    tail = median_ms(lambda: store.events(sid, after_seq=last - 10), 300)
    empty = median_ms(lambda: store.events(sid, after_seq=last), 300)
    plain = median_ms(lambda: driver.execute(AFTER.format(p=p), (sid, last - 10)).fetchall(), 300)
    driver.commit()
    verdict = "OK" if tail < 5 else "OVER TARGET"
    print(f"  events after seq N (10 new of {last:,})   {tail:6.2f} ms median  "
          f"(target < 5 ms: {verdict}); plain driver select {plain:5.2f} ms, ratio {tail / plain:4.1f}x")
    print(f"  events after seq N (nothing new)       {empty:6.2f} ms median")


def sqlite_run(folder: Path) -> None:
    path = folder / "bench.sqlite3"
    with SqlEventStore(f"sqlite:///{path}") as store:
        driver = sqlite3.connect(path, timeout=30)
        driver.execute("PRAGMA synchronous=FULL")  # the store's setting; WAL is in the file
        wall = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
        bench("SQLite (WAL, synchronous=FULL)", store, driver, "?", wall, json.dumps)
        sid = create(store, "normal")
        rates = {}
        for mode in ("FULL", "NORMAL"):
            driver.execute(f"PRAGMA synchronous={mode}")
            rows = [driver_row(sid, n, wall, json.dumps) for n in range(len(rates) * SINGLE,
                                                                         (len(rates) + 1) * SINGLE)]

            def insert_each(rows: list[tuple] = rows) -> None:
                for row in rows:
                    driver.execute(INSERT.format(p="?"), row)
                    driver.commit()

            rates[mode] = SINGLE / seconds(insert_each)
        print(f"  what FULL costs: driver single inserts {rates['FULL']:,.0f} rows/s with FULL, "
              f"{rates['NORMAL']:,.0f} with NORMAL (which may lose the last commits on power loss)")
        driver.close()


@contextmanager
def postgres_schema() -> Iterator[str | None]:
    admin = make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(False)
    schema = f"bench_store_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.Error as exc:
        print(f"PostgreSQL: skipped, {POSTGRES_URL} not reachable ({str(exc).splitlines()[0]})")
        yield None
        return
    try:
        url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def postgres_run() -> None:
    with postgres_schema() as url:
        if url is None:
            return
        options = f"-csearch_path={make_url(url).query['options'].split('=', 1)[1]}"
        admin = make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(False)
        with SqlEventStore(url) as store, psycopg.connect(admin, options=options) as driver:
            bench("PostgreSQL", store, driver, "%s", datetime.now(UTC), Json)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        sqlite_run(Path(folder))
    postgres_run()

"""Scale-out on one machine: inject-to-desk latency (p50, p95, p99, max) and deliveries lost with
N desks on `exercise serve --workers 2` (two app processes behind HAProxy on the local
PostgreSQL), beside the same room on one `exercise serve` process on the same PostgreSQL,
measured in the same run; and the CPU both spend (every app process and the proxy).

The room is exactly the size asked: a synthetic pack with one agency per desk
(benchmarks/synthetic.py), its planned injects moved past the end of the run, so the injects
measured are the facilitator's ad-hoc ones, one a round to every agency. Desks are websocket
clients that poll like a browser and draw nothing (benchmarks/live_client.py); behind the proxy
they keep its cookie and HAProxy shares them among the workers (leastconn). A delivery not seen
within 60 s is lost, and the script exits with status 1 when any is.

On a 2-core machine two workers cannot use more than the two cores that one worker, the desks'
clients and PostgreSQL already share: the figure to read is the ratio, and how many desks each
process carries, rather than a speed-up.

Each line ends with every round's slowest desk. 30 November 2026, idle machine: 1 process p95
1.18 s, 2 workers 0.90 s, both set by the first round (1.21 and 0.91 s; the later rounds 0.39 to
0.42 s and 0.20 to 0.32 s), the first inject being sent 2 s after the last desk opened. With 12 s
between them (a scratch copy) the first round took 0.61 and 0.41 s. Every page waited half a
second of quiet counted from the first event after its whole run, not from the run's end
(exercise/ui/live.py `_settling`); counted from the end: 1 process p95 0.66 s, 2 workers 0.33 s,
first rounds 0.67 and 0.34 s.

Run: nice -n 0 .venv/bin/python benchmarks/bench_workers.py [--desks 100] [--rounds 5]
Needs PostgreSQL (EXERCISE_TEST_POSTGRES_URL, default postgres@127.0.0.1:5432/test) and
Debian's haproxy (`make system-deps`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402
import yaml  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from benchmarks.bench_live import cpu_seconds, percentile  # noqa: E402
from benchmarks.synthetic import synthetic_pack_data  # noqa: E402
from exercise.conduct import facilitation  # noqa: E402
from exercise.conduct.sessions import TableSpec, create_session  # noqa: E402
from exercise.serving.proxy import find_haproxy  # noqa: E402
from exercise.store import SqlEventStore  # noqa: E402
from tests.integration.processes import EXERCISE, ROOT, free_port  # noqa: E402
from tests.integration.workers_fleet import Fleet, ProxiedDesk  # noqa: E402

POSTGRES_URL = os.environ.get(
    "EXERCISE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SEEN_WITHIN = 60.0
OPEN_SECONDS = 240.0


@contextmanager
def private_schema() -> Iterator[str]:
    """A URL whose connections see only a new, empty schema (dropped afterwards)."""
    schema = f"bench_workers_{uuid4().hex[:12]}"
    admin = make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def room_pack(desks: int) -> tuple[str, list[str]]:
    agencies = max(desks, 2)
    data = synthetic_pack_data(agencies=agencies, injects=12, seed=14,
                               links=min(3 * agencies, agencies * (agencies - 1) // 2))
    for inject in data["injects"]:  # planned injects fall due after the run
        inject["time"] = 600
        inject.pop("conditions", None)
        inject.pop("contingency", None)
    return yaml.safe_dump(data, allow_unicode=True), [a["id"] for a in data["agencies"]][:desks]


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


@dataclass
class Served:
    label: str
    url: str
    pids: list[int]  # the processes whose CPU counts (app processes, and the proxy)
    stop: object


def one_process(folder: Path, url: str) -> Served:
    port = free_port()
    env = {**os.environ, "EXERCISE_DATABASE_URL": url}
    log = (folder / "one.log").open("ab")
    process = subprocess.Popen(
        [str(EXERCISE), "serve", "--port", str(port), "--address", "127.0.0.1",
         "--data-dir", str(folder / "one"), "--scenarios", str(ROOT / "scenarios")],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1):
                break
        except OSError:
            time.sleep(0.3)

    def stop() -> None:
        process.terminate()
        try:
            process.wait(timeout=60)  # 100 sessions on a saturated machine take a while
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
        log.close()

    return Served("1 process (exercise serve)", base, [process.pid], stop)


def two_workers(folder: Path, url: str) -> Served:
    fleet = Fleet.start(folder, url, workers=2)
    return Served("2 workers behind HAProxy", fleet.url, children(fleet.process.pid), fleet.stop)


@dataclass
class Result:
    label: str
    desks_per_worker: str
    latencies: list[float]
    lost: int
    cores: float  # CPU of the app processes and the proxy while measuring, in cores
    reconnections: int  # websockets opened again after a drop (a ping unanswered, a worker gone)
    slowest: list[float]  # each round's slowest desk (seconds)


async def measure(served: Served, url: str, desks: int, rounds: int) -> Result:
    pack_text, agencies = room_pack(desks)
    with SqlEventStore(url) as store:
        codes = create_session(store, pack_text, tables=[TableSpec(a, (a,)) for a in agencies])
        facilitation.start_clock(store, codes.facilitator, speed=1)
        clients = [ProxiedDesk(served.url, "desk", f"k={codes.tables[a]}") for a in agencies]
        try:
            for start in range(0, len(clients), 10):  # as a room fills, not all at once
                await asyncio.gather(*(c.open() for c in clients[start:start + 10]))
            deadline = time.monotonic() + OPEN_SECONDS
            while not all(c.fragments and c.runs for c in clients) and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            drawn = sum(1 for c in clients if c.fragments and c.runs)
            print(f"{served.label}: {drawn} of {desks} desks drew their page within "
                  f"{OPEN_SECONDS:.0f} s (the others are measured all the same)", file=sys.stderr)
            await asyncio.sleep(2.0)
            spread = Counter(c.worker or "-" for c in clients)
            cpu, wall = sum(cpu_seconds(p) for p in served.pids), time.perf_counter()
            samples: list[float] = []
            slowest: list[float] = []
            lost = 0
            for n in range(rounds):
                title = f"Workers bench inject {n} {uuid4().hex[:6]}"
                await asyncio.sleep(random.uniform(0.5, 2.5))  # not in step with the polls
                for client in clients:
                    client.watch(title)
                started = time.perf_counter()
                await asyncio.to_thread(facilitation.adhoc_inject, store, codes.facilitator,
                                        title=title, message="Benchmark inject", to=agencies)
                until = started + SEEN_WITHIN
                while time.perf_counter() < until and not all(c.arrivals[title] for c in clients):
                    await asyncio.sleep(0.02)
                times = [c.arrivals[title][0] - started for c in clients if c.arrivals[title]]
                samples += times
                slowest.append(max(times, default=SEEN_WITHIN))
                lost += len(clients) - len(times)
            cores = (sum(cpu_seconds(p) for p in served.pids) - cpu) / (time.perf_counter() - wall)
        finally:
            await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)
    per_worker = " + ".join(str(spread[w]) for w in sorted(spread))
    reconnections = sum(c.connections - 1 for c in clients)
    return Result(served.label, per_worker, samples, lost, cores, reconnections, slowest)


def line(result: Result, desks: int, rounds: int) -> str:
    s = result.latencies or [float("nan")]
    return (f"{result.label}: {len(result.latencies)} of {desks * rounds} deliveries "
            f"(desks per process {result.desks_per_worker}); p50 {statistics.median(s):.2f} s, "
            f"p95 {percentile(s, 0.95):.2f} s, p99 {percentile(s, 0.99):.2f} s, max {max(s):.2f} s; "
            f"lost {result.lost}; CPU {result.cores:.0%} of one core; "
            f"{result.reconnections} reconnections; each round's slowest desk "
            f"{', '.join(f'{t:.2f}' for t in result.slowest)} s")


async def main(desks: int, rounds: int) -> int:
    if find_haproxy() is None:
        print("skipped: haproxy is missing (apt-get install haproxy, or `make system-deps`)")
        return 0
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as folder, private_schema() as url:
        for start in (one_process, two_workers):
            served = start(Path(folder), url)
            try:
                results.append(await measure(served, url, desks, rounds))
            finally:
                served.stop()  # type: ignore[operator]
    one, two = results
    print(f"{desks} desks on the local PostgreSQL, {rounds} injects each, load "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for result in results:
        print(line(result, desks, rounds))
    for name, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
        a, b = percentile(one.latencies, share), percentile(two.latencies, share)
        print(f"ratio 2 workers / 1 process, {name}: {b / a:.2f}x")
    print(f"ratio of CPU: {two.cores / one.cores:.2f}x")
    return 1 if one.lost or two.lost else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--desks", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments.desks, arguments.rounds)))

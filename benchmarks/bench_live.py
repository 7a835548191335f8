"""Live updates with a full room: inject-to-desk latency (p50/p95) with 30 tables polling,
against the same latency with one table measured in the same run; the server's CPU while they
poll; and its memory with no desk, one desk and 30 desks open. Target: p95 under 2 s.

By default the 30 tables are websocket clients that poll like browsers but draw nothing
(benchmarks/live_client.py), so the figure is the server's. `--browsers` uses real headless
Chromium pages instead; on a 2-core machine their drawing competes with the server.

Run: .venv/bin/python benchmarks/bench_live.py [--tables 30] [--rounds 3] [--browsers]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml  # noqa: E402

from benchmarks.live_client import LiveClient  # noqa: E402
from exercise.conduct import facilitation  # noqa: E402
from exercise.conduct.sessions import TableSpec, create_session  # noqa: E402
from exercise.store import open_store  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _free_port  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "scenarios" / "earthquake-east-coast.yaml"


def start_server(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "exercise", "serve", "--port", str(port), "--address", "127.0.0.1",
         "--data-dir", str(data_dir), "--scenarios", str(ROOT / "scenarios")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return process, url
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the app did not start")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class SocketDesks:
    """Desks as websocket clients."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.clients: list[LiveClient] = []

    async def open(self, codes: list[str]) -> None:
        self.clients = [LiveClient(self.url, "desk", f"k={code}") for code in codes]
        await asyncio.gather(*(c.open() for c in self.clients))
        deadline = time.monotonic() + 120
        while not all(c.fragments and c.runs for c in self.clients):
            if time.monotonic() > deadline:
                raise RuntimeError("some desks never finished their first run")
            await asyncio.sleep(0.2)

    async def seen(self, title: str, since: float) -> list[float]:
        deadline = time.monotonic() + 60
        while True:
            times = [c.first_seen(title, since) for c in self.clients]
            if all(t is not None for t in times) or time.monotonic() > deadline:
                return [t - since for t in times if t is not None]
            await asyncio.sleep(0.02)

    async def close(self) -> None:
        await asyncio.gather(*(c.close() for c in self.clients))


class BrowserDesks:
    """Desks as real Chromium pages."""

    def __init__(self, url: str, browser: object) -> None:
        self.url, self.browser, self.pages = url, browser, []

    async def open(self, codes: list[str]) -> None:
        for code in codes:
            context = await self.browser.new_context(viewport={"width": 1000, "height": 800})  # type: ignore[attr-defined]
            page = await context.new_page()
            await page.goto(f"{self.url}/desk?k={code}")
            self.pages.append(page)
        for page in self.pages:
            await page.get_by_text("Inbox").first.wait_for(timeout=120_000)

    async def seen(self, title: str, since: float) -> list[float]:
        async def one(page) -> float:  # type: ignore[no-untyped-def]
            await page.get_by_text(title).first.wait_for(timeout=60_000)
            return time.perf_counter() - since
        return list(await asyncio.gather(*(one(p) for p in self.pages)))

    async def close(self) -> None:
        for page in self.pages:
            await page.context.close()


async def measure(desks, store, facilitator: str, agencies: list[str], label: str,  # type: ignore[no-untyped-def]
                  rounds: int) -> list[float]:
    samples: list[float] = []
    for n in range(rounds):
        title = f"{label} inject {n}"
        await asyncio.sleep(random.uniform(0.5, 2.5))  # not in step with the polls
        started = time.perf_counter()
        waiting = asyncio.create_task(desks.seen(title, started))
        await asyncio.to_thread(facilitation.adhoc_inject, store, facilitator, title=title,
                                message="Benchmark inject", to=agencies)
        samples += await waiting
    return samples


async def main(tables: int, rounds: int, browsers: bool) -> None:
    if browsers and not CHROMIUM.exists():
        print(f"skipped: {CHROMIUM} is missing (apt-get install chromium)")
        return
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        process, url = start_server(data)
        playwright = browser = None
        try:
            store = open_store(None, data)
            pack_text = PACK.read_text(encoding="utf-8")
            agencies = [a["id"] for a in yaml.safe_load(pack_text)["agencies"]][:tables]
            codes = create_session(store, pack_text, tables=[TableSpec(a, (a,)) for a in agencies])
            facilitation.start_clock(store, codes.facilitator, speed=1)
            idle_rss = rss_mib(process.pid)
            if browsers:
                from playwright.async_api import async_playwright

                playwright = await async_playwright().start()
                browser = await playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)

            def desks():  # type: ignore[no-untyped-def]
                return BrowserDesks(url, browser) if browsers else SocketDesks(url)

            one = desks()
            await one.open([codes.tables[agencies[0]]])
            single = await measure(one, store, codes.facilitator, agencies[:1], "Single", rounds)
            one_rss = rss_mib(process.pid)
            await one.close()
            room = desks()
            await room.open([codes.tables[a] for a in agencies])
            cpu_before, wall_before = cpu_seconds(process.pid), time.perf_counter()
            samples = await measure(room, store, codes.facilitator, agencies, "Room", rounds)
            load = (cpu_seconds(process.pid) - cpu_before) / (time.perf_counter() - wall_before)
            room_rss = rss_mib(process.pid)
            await room.close()
        finally:
            if browser is not None:
                await browser.close()
            if playwright is not None:
                await playwright.stop()
            process.terminate()
            process.wait(timeout=20)
    kind = "browser pages" if browsers else "websocket clients"
    p50_one, p95_one = statistics.median(single), percentile(single, 0.95)
    p50, p95 = statistics.median(samples), percentile(samples, 0.95)
    print(f"desks as {kind}; a desk's inbox polls every {poll_seconds()} s")
    print(f"inject to desk, 1 table ({len(single)} samples): p50 {p50_one:.2f} s, p95 {p95_one:.2f} s")
    print(f"inject to desk, {tables} tables ({len(samples)} of {tables * rounds} samples): "
          f"p50 {p50:.2f} s, p95 {p95:.2f} s (target p95 < 2 s: {'met' if p95 < 2 else 'MISSED'}); "
          f"ratio to 1 table: p50 {p50 / p50_one:.1f}x, p95 {p95 / p95_one:.1f}x")
    print(f"server CPU while {tables} desks polled: {load:.0%} of one core")
    print(f"server memory (RSS): {idle_rss:.0f} MiB idle, {one_rss:.0f} MiB with 1 desk, "
          f"{room_rss:.0f} MiB with {tables} desks (+{(room_rss - one_rss) / max(tables - 1, 1):.1f} "
          "MiB a desk)")


def poll_seconds() -> float:
    import streamlit  # noqa: F401  (sets up its loggers)

    # the app's caches warn when their module loads outside a running app
    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)
    from exercise.ui.live import DESK_SECONDS

    return DESK_SECONDS


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tables", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--browsers", action="store_true", help="real Chromium pages")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.tables, arguments.rounds, arguments.browsers))

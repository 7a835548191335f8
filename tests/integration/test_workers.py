"""`exercise serve --workers 2` on PostgreSQL behind HAProxy, as a room would use it: the
facilitator's console on worker A releases an inject and a table whose page is on worker B sees
it; worker B is killed mid-exercise, its tables' pages reconnect through the proxy to worker A
and see every event, and each inject is stored exactly once; with desks on both workers, both
schedulers tick and each due inject is released once; the host guard still refuses other host
names behind the proxy; Ctrl-C stops the proxy and every worker."""

from __future__ import annotations

import asyncio
import re
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator

import pytest
import websockets

from exercise.conduct import facilitation
from exercise.conduct.events import EventKind
from exercise.conduct.reading import parse_pack, session_state
from exercise.conduct.sessions import create_session
from exercise.scenario.text import localize
from exercise.store import SqlEventStore
from tests.asyncio_support import run_coroutine
from tests.conduct.conftest import EXAMPLE, TABLES
from tests.store.conftest import postgres_schema

from .workers_fleet import Fleet as FleetProcess
from .workers_fleet import ProxiedDesk, alive, require_haproxy

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.xdist_group("serve")]

WAIT_SECONDS = 60.0
PACK = parse_pack(EXAMPLE.read_text(encoding="utf-8"))
TITLES = {inject.id: localize(inject.title, "en") for inject in PACK.injects}


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FleetProcess, str]]:
    require_haproxy()
    with postgres_schema() as url:
        started = FleetProcess.start(tmp_path_factory.mktemp("workers"), url)
        try:
            yield started, url
        finally:
            started.stop()


async def _until(condition: object, what: str, seconds: float = WAIT_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds:.0f} s: {what}")
        await asyncio.sleep(0.1)


def _released(store: SqlEventStore, session_id: str) -> Counter[str]:
    return Counter(e.payload["inject_id"] for e in store.events(session_id)
                   if e.kind == EventKind.inject_released)


def test_the_host_guard_still_refuses_other_host_names_behind_the_proxy(
        fleet: tuple[FleetProcess, str]) -> None:
    served, _ = fleet
    with urllib.request.urlopen(f"{served.url}/_stcore/health", timeout=10) as answer:
        assert answer.status == 200
        assert any("EXERCISE_WORKER=" in c for c in answer.headers.get_all("Set-Cookie") or [])
    forged = urllib.request.Request(f"{served.url}/", headers={
        "Host": "rebound.example", "X-Forwarded-Host": "127.0.0.1"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(forged, timeout=10)
    assert refused.value.code == 400
    assert b"does not answer to that host name" in refused.value.read()

    async def foreign_page_socket() -> None:
        async with websockets.connect(served.url.replace("http", "ws") + "/_stcore/stream",
                                      origin="http://rebound.example",
                                      subprotocols=["streamlit"]):
            pass

    with pytest.raises(websockets.InvalidStatus):
        run_coroutine(foreign_page_socket())


def test_the_scheduler_of_both_workers_releases_each_due_inject_once(
        fleet: tuple[FleetProcess, str]) -> None:
    served, url = fleet
    with SqlEventStore(url) as store:
        codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TABLES)
        # automatic releases: I-01 is overdue at once and I-02 falls due a second later, while
        # desks on both workers poll and so both workers' schedulers tick
        facilitation.start_clock(store, codes.facilitator, speed=60, at="T+00:29")
        run_coroutine(_desks_on_both_workers(served, codes.tables["Township"], codes.tables["County"]))
        released = _released(store, codes.session_id)
        assert released["I-01"] == 1 and released["I-02"] == 1, released
        assert max(released.values()) == 1, released


async def _desks_on_both_workers(served: FleetProcess, township: str, county: str) -> None:
    pages = [ProxiedDesk(served.url, "desk", f"k={code}", worker=worker)
             for code in (township, county) for worker in ("w1", "w2", "w1", "w2")]
    for page in pages:
        page.watch(TITLES["I-02" if "k=" + township == page.query else "I-01"])
    try:
        await asyncio.gather(*(page.open() for page in pages))
        await _until(lambda: all(any(p.arrivals.values()) for p in pages),
                     "I-02 on the township's pages and I-01 on the county's, on both workers")
        assert {p.worker for p in pages} == {"w1", "w2"}
    finally:
        await asyncio.gather(*(page.close() for page in pages), return_exceptions=True)


def test_a_release_on_worker_a_reaches_worker_b_and_b_dying_loses_and_doubles_nothing(
        fleet: tuple[FleetProcess, str]) -> None:
    served, url = fleet
    with SqlEventStore(url) as store:
        codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TABLES)
        sid = codes.session_id
        facilitation.set_release_mode(store, codes.facilitator, "manual")  # released by hand only
        facilitation.start_clock(store, codes.facilitator, speed=1, at="T+00:10")  # I-01 due
        run_coroutine(_play(served, store, codes.facilitator, codes.tables, sid))
        released = _released(store, sid)
        assert {"I-01", "I-02", "I-06", "I-07"} <= set(released)
        assert max(released.values()) == 1, f"released twice: {released}"
        seqs = [e.seq for e in store.events(sid)]
        assert seqs == list(range(1, len(seqs) + 1))  # no gap, nothing lost
    assert "worker w2 stopped" in served.text()  # and the supervisor started it again


async def _play(served: FleetProcess, store: SqlEventStore, fac_code: str,
                tables: dict[str, str], sid: str) -> None:
    console = ProxiedDesk(served.url, "facilitator", f"k={fac_code}", worker="w1")
    desks = {label: ProxiedDesk(served.url, "desk", f"k={code}",
                                worker="w1" if label == "Township" else "w2")
             for label, code in tables.items()}
    everyone = [console, *desks.values()]
    try:
        await asyncio.gather(*(page.open() for page in everyone))
        await _until(lambda: all(p.runs and p.fragments for p in desks.values())
                     and "queue.release_due" in console.buttons, "every page drawn")
        assert {label: d.worker for label, d in desks.items()} == {
            "County": "w2", "Township": "w1", "Village": "w2"}

        # 1. The facilitator on worker A releases I-01; the county's page on worker B shows it.
        county = desks["County"]
        county.watch(TITLES["I-01"])
        pressed = time.perf_counter()
        await console.press(console.buttons["queue.release_due"])
        await _until(lambda: county.seen_since(TITLES["I-01"], pressed),
                     "I-01 released on worker A shown on the county's page on worker B")
        assert county.worker == "w2" and county.connections == 1

        # 2. Worker B dies; its pages reconnect through the proxy and land on worker A.
        on_b = [desks["County"], desks["Village"]]
        for desk in desks.values():
            for inject in ("I-01", "I-02", "I-06", "I-07"):
                desk.watch(TITLES[inject])
        served.kill_9("w2")
        killed = time.perf_counter()
        await _until(lambda: all(d.connections >= 2 and d.worker == "w1" and d.runs for d in on_b),
                     "worker B's pages reconnected to worker A")
        # the county's new page shows what was released before the failover
        await _until(lambda: county.seen_since(TITLES["I-01"], killed),
                     "I-01 on the county's page after reconnecting")

        # 3. Later releases, through worker A, reach every page, moved or not. The facilitator
        # presses "release due" once the console shows the jump (made here, in another process:
        # pressed before worker A has heard of it, the button would find nothing due yet).
        console.watch("T+03:20")
        jumped = time.perf_counter()
        facilitation.jump_to_time(store, fac_code, "T+03:20")
        await _until(lambda: console.seen_since("T+03:20", jumped)
                     and "queue.release_due" in console.buttons, "the console showing the jump")
        console.watch("Nothing is due now.")
        pressed = time.perf_counter()
        await console.press(console.buttons["queue.release_due"])
        try:
            await _until(lambda: {"I-02", "I-06", "I-07"} <= set(session_state(store, sid).releases),
                         "I-02, I-06 and I-07 released")
        except AssertionError as failed:  # say which way it failed, for whoever reads CI
            answered = console.seen_since("Nothing is due now.", pressed)
            raise AssertionError(f"{failed}; the console answered 'Nothing is due now.': "
                                 f"{answered}") from None
        state = session_state(store, sid)
        for label, desk in desks.items():
            agencies = next(t.agencies for t in TABLES if t.label == label)
            for inject_id in state.releases:
                addressed = set(next(i for i in PACK.injects if i.id == inject_id).to)
                if addressed & set(agencies) and inject_id in ("I-02", "I-06", "I-07"):
                    await _until(lambda d=desk, i=inject_id: d.seen_since(TITLES[i], pressed),
                                 f"{inject_id} on the {label} page")
        assert console.connections == 1 and desks["Township"].connections == 1
    finally:
        await asyncio.gather(*(page.close() for page in everyone), return_exceptions=True)


def test_ctrl_c_stops_the_proxy_and_every_worker(fleet: tuple[FleetProcess, str]) -> None:
    served, _ = fleet

    def started() -> list[int]:
        return [int(pid) for pid in re.findall(r"\(pid (\d+)\)", served.text())]

    deadline = time.monotonic() + 60  # w2's restart after the kill may still be on its way
    while len(started()) < 3 and time.monotonic() < deadline:
        time.sleep(0.5)
    # two workers, and w2 again unless its restart is still on its way on a loaded machine:
    # Ctrl-C must then stop the restart too, which the check of every pid below covers
    assert len(started()) >= 2
    assert served.stop() == 0
    assert "Stopped." in served.text()
    for pid in started():
        assert not alive(pid), f"process {pid} outlived Ctrl-C"
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{served.url}/_stcore/health", timeout=3)


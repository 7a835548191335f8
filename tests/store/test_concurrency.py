"""Nothing is lost or numbered twice: many threads, several processes, a killed writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from exercise.conduct.events import EventKind, NewEvent
from exercise.store import SqlEventStore

from .conftest import session_record

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_30_writer_threads_store_6000_events_once_in_one_gapless_order(database_url: str) -> None:
    writers, each = 30, 200
    with SqlEventStore(database_url) as store:
        store.create_session(session_record(), [])
        acknowledged: dict[str, int] = {}
        lock = threading.Lock()
        start = threading.Barrier(writers)
        failures: list[BaseException] = []

        def write(writer: int) -> None:
            try:
                start.wait()
                for n in range(each):
                    key = f"w{writer}-{n}"
                    event = NewEvent(EventKind.action_logged, f"table-{writer}",
                                     {"agency": f"table-{writer}", "text": str(n)}, n, key)
                    (stored,) = store.append("S-1", [event])
                    with lock:
                        acknowledged[key] = stored.seq
            except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
                failures.append(exc)

        threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []

        stored = store.events("S-1")
    assert [event.seq for event in stored] == list(range(1, writers * each + 1))
    assert {event.idempotency_key: event.seq for event in stored} == acknowledged
    for writer in range(writers):
        mine = [int(event.payload["text"]) for event in stored if event.actor == f"table-{writer}"]
        assert mine == list(range(each)), "one writer's events must keep their order"


def test_a_poll_during_appends_never_skips_an_event(database_url: str) -> None:
    """A browser asks for events after the last seq it has; if a later number could become
    visible before an earlier one, that poll would never show the earlier event."""
    writers, each = 4, 100
    with SqlEventStore(database_url) as store:
        store.create_session(session_record(), [])
        done = threading.Event()
        seen: list[int] = []
        failures: list[BaseException] = []

        def write(writer: int) -> None:
            try:
                for n in range(each):
                    store.append("S-1", [NewEvent(EventKind.action_logged, f"t{writer}",
                                                                  {"agency": "a", "text": str(n)})])
            except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
                failures.append(exc)

        def poll() -> None:
            while not done.is_set() or len(seen) < writers * each:
                seen.extend(event.seq for event in store.events("S-1", after_seq=len(seen)))

        poller = threading.Thread(target=poll)
        poller.start()
        threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        done.set()
        poller.join(timeout=60)
        assert failures == []
    assert seen == list(range(1, writers * each + 1))


def _start_writer(url: str, actor: str, count: int, prefix: str, expect: int) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer_child", url, "S-1", actor, str(count), prefix,
         str(expect)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
    return child


def _go(*children: subprocess.Popen[str]) -> None:
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()


def _acknowledged(output: str) -> dict[str, int]:
    pairs = (line.split() for line in output.splitlines() if not line.startswith("saw"))
    return {pair[1]: int(pair[0]) for pair in pairs if len(pair) == 2}


def test_two_app_processes_see_each_others_events_and_never_share_a_number(
    database_url: str,
) -> None:
    each = 300
    with SqlEventStore(database_url) as store:
        store.create_session(session_record(), [])
    children = [_start_writer(database_url, actor, each, f"{actor}-", 2 * each) for actor in "AB"]
    _go(*children)
    outputs = [child.communicate(timeout=300) for child in children]
    assert [child.returncode for child in children] == [0, 0], [err for _out, err in outputs]

    a, b = (_acknowledged(out) for out, _err in outputs)
    assert len(a) == len(b) == each
    assert set(a.values()).isdisjoint(b.values())
    assert sorted([*a.values(), *b.values()]) == list(range(1, 2 * each + 1))
    assert all(out.splitlines()[-1] == f"saw {2 * each}" for out, _err in outputs)
    with SqlEventStore(database_url) as store:
        assert {event.idempotency_key: event.seq for event in store.events("S-1")} == a | b


def test_two_processes_releasing_the_same_injects_record_each_release_once(
    database_url: str,
) -> None:
    injects = 150
    with SqlEventStore(database_url) as store:
        store.create_session(session_record(), [])
    children = [_start_writer(database_url, actor, injects, "release:I-", injects) for actor in "AB"]
    _go(*children)
    outputs = [child.communicate(timeout=300) for child in children]
    assert [child.returncode for child in children] == [0, 0], [err for _out, err in outputs]

    a, b = (_acknowledged(out) for out, _err in outputs)
    assert a == b, "both processes must be told the same stored release"
    with SqlEventStore(database_url) as store:
        stored = store.events("S-1")
    assert len(stored) == injects
    assert [event.seq for event in stored] == list(range(1, injects + 1))
    assert {event.idempotency_key for event in stored} == set(a)


def test_a_killed_writer_loses_no_event_it_was_told_was_stored(database_url: str) -> None:
    with SqlEventStore(database_url) as store:
        store.create_session(session_record(), [])
    child = _start_writer(database_url, "A", 0, "k", 0)
    _go(child)
    assert child.stdout is not None
    acknowledged: dict[str, int] = {}
    while len(acknowledged) < 300:
        seq, key = child.stdout.readline().split()
        acknowledged[key] = int(seq)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    acknowledged |= _acknowledged(child.stdout.read())  # lines printed before the kill landed
    assert child.returncode == -signal.SIGKILL

    with SqlEventStore(database_url) as store:
        stored = store.events("S-1")
        assert acknowledged.items() <= {
            event.idempotency_key: event.seq for event in stored
        }.items()
        assert [event.seq for event in stored] == list(range(1, len(stored) + 1))
        assert store.last_seq("S-1") == len(stored)
        (after,) = store.append("S-1", [NewEvent(EventKind.session_ended, "facilitator")])
        assert after.seq == len(stored) + 1

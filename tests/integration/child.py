"""A second app process for the crash and polling tests; waits for "go" on stdin.

    python -m tests.integration.child poll URL SESSION THREADS SECONDS EXPECT
        THREADS threads call `tick` every 2 ms until EXPECT injects are released (or SECONDS
        pass); prints "released N" and exits 1 if any tick raised.
    python -m tests.integration.child table URL SESSION CODE AGENCY
        logs actions for AGENCY through the conduct API until killed, printing "SEQ KEY OTHERS"
        for each event the store acknowledged, OTHERS being how many actions of other agencies
        it sees in the session by then.
    python -m tests.integration.child answer URL CODE REQUEST QUANTITY WALL_ISO
        answers resource request REQUEST with QUANTITY at wall time WALL_ISO; prints
        "answered SEQ" or "refused MESSAGE".
"""

from __future__ import annotations

import itertools
import sys
import threading
import time
import traceback
from datetime import datetime

from exercise.conduct import play
from exercise.conduct.errors import ConductError
from exercise.conduct.events import EventKind
from exercise.conduct.reading import session_state
from exercise.conduct.scheduler import tick
from exercise.store import SqlEventStore


def _released(store: SqlEventStore, session_id: str) -> int:
    return sum(e.kind is EventKind.inject_released for e in store.events(session_id))


def poll(url: str, session_id: str, threads: int, seconds: float, expect: int) -> int:
    store = SqlEventStore(url)
    print("ready", flush=True)
    sys.stdin.readline()
    deadline = time.monotonic() + seconds
    done = threading.Event()
    errors: list[str] = []

    def run() -> None:
        while not done.is_set() and time.monotonic() < deadline:
            try:
                tick(store, session_id)
            except Exception:  # noqa: BLE001 - reported on stderr, fails the test
                errors.append(traceback.format_exc())
                done.set()
            time.sleep(0.002)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    while not done.is_set() and time.monotonic() < deadline:
        if _released(store, session_id) >= expect:
            done.set()
        time.sleep(0.05)
    done.set()
    for worker in workers:
        worker.join()
    print("released", _released(store, session_id), flush=True)
    store.close()
    for error in errors[:3]:
        print(error, file=sys.stderr)
    return 1 if errors else 0


def table(url: str, session_id: str, code: str, agency: str) -> int:
    store = SqlEventStore(url)
    print("ready", flush=True)
    sys.stdin.readline()
    for n in itertools.count():
        event = play.log_action(store, code, agency, f"Situation report {n}")
        others = sum(a.agency != agency for a in session_state(store, session_id).actions)
        print(event.seq, event.idempotency_key, others, flush=True)
    return 0  # pragma: no cover - runs until killed


def answer(url: str, code: str, request_id: str, quantity: str, wall: str) -> int:
    store = SqlEventStore(url)
    print("ready", flush=True)
    sys.stdin.readline()
    try:
        event = play.answer_request(store, code, request_id, int(quantity),
                                    now=datetime.fromisoformat(wall))
        print("answered", event.seq, flush=True)
    except ConductError as exc:
        print("refused", exc, flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "answer":
        sys.exit(answer(*args[:5]))
    if mode == "poll":
        sys.exit(poll(args[0], args[1], int(args[2]), float(args[3]), int(args[4])))
    sys.exit(table(*args[:4]))

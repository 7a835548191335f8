"""A separate app process for the multi-process tests: waits for "go" on stdin, appends single
events and prints "SEQ KEY" for each append the store acknowledged, then waits until it sees
`expect` events in the session (written by anyone) and prints "saw N".

    python -m tests.store.writer_child URL SESSION ACTOR COUNT KEY_PREFIX EXPECT
COUNT 0 appends until killed.
"""

from __future__ import annotations

import itertools
import sys
import time

from exercise.conduct.events import EventKind, NewEvent
from exercise.store import SqlEventStore


def main(url: str, session_id: str, actor: str, count: int, key_prefix: str, expect: int) -> None:
    store = SqlEventStore(url)
    print("ready", flush=True)
    sys.stdin.readline()
    numbers = itertools.count() if count == 0 else range(count)
    for n in numbers:
        key = f"{key_prefix}{n}"
        event = NewEvent(EventKind.action_logged, actor, {"agency": actor, "text": str(n)}, n, key)
        (stored,) = store.append(session_id, [event])
        print(stored.seq, key, flush=True)
    deadline = time.monotonic() + 240
    seen = store.last_seq(session_id)
    while seen < expect and time.monotonic() < deadline:
        time.sleep(0.05)
        seen = len(store.events(session_id))
    print("saw", len(store.events(session_id)), flush=True)
    store.close()


if __name__ == "__main__":
    url, session_id, actor, count, prefix, expect = sys.argv[1:7]
    main(url, session_id, actor, int(count), prefix, int(expect))

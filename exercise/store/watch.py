"""Session watchers: learn once per process that an exercise session has new events, so every
desk of that session in the process asks a dictionary, not the database, on each poll.

`SessionWatch.moved_past(session_id, seq)` answers "has the session an event after `seq`?".
- `PollingWatch` (SQLite, or any database): one thread per process reads the last sequence
  number of every session someone asked about in the last minutes, in one query every
  `interval` seconds; given a `probe` (SQLite's data version, engine.py), only after a commit,
  and at least every FULL_READ_SECONDS.
- `NotifyWatch` (PostgreSQL): one connection per process LISTENs on `NOTIFY_CHANNEL`; every
  append notifies `<session_id> <last_seq>` in its transaction (delivered at commit), so other
  processes learn of it at once. After (re)connecting it reads the numbers from the table, so
  nothing sent while it was away is missed.
Appends made by this process are noted at once (`noted`), whichever the watcher.
`subscribe(listener)` has `listener(session_id, seq)` called whenever a watched session moves
(from the watcher's thread, or the appending one): live pages are pushed a redraw, not only
polled (exercise/ui/live.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Protocol

NOTIFY_CHANNEL = "exercise_events"
FORGET_AFTER = 300.0  # seconds without a question about a session before it is not read any more
# With a probe that says whether the database changed, the sessions are still read this often (a
# safety net: a database file replaced under the process, a probe that cannot see some writer).
FULL_READ_SECONDS = 2.0

log = logging.getLogger(__name__)

# Reads the last sequence number of each given session (absent: no such session).
ReadSeqs = Callable[[list[str]], dict[str, int]]
# Told that a watched session moved to a new last sequence number.
Listener = Callable[[str, int], None]


class ChangeProbe(Protocol):
    """Whether anything was committed to the database since the last call (True at the first)."""

    def changed(self) -> bool: ...

    def close(self) -> None: ...


class SessionWatch(Protocol):
    def moved_past(self, session_id: str, seq: int) -> bool: ...

    def noted(self, session_id: str, seq: int) -> None: ...

    def subscribe(self, listener: Listener) -> None: ...

    def close(self) -> None: ...


class _Known:
    """The latest sequence number known per session, and when each was last asked about."""

    def __init__(self, read: ReadSeqs) -> None:
        self._read = read
        self._lock = threading.Lock()
        self._seqs: dict[str, int] = {}
        self._asked: dict[str, float] = {}
        self._listeners: tuple[Listener, ...] = ()

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners = (*self._listeners, listener)

    def moved_past(self, session_id: str, seq: int) -> bool:
        with self._lock:
            known = self._seqs.get(session_id)
            self._asked[session_id] = time.monotonic()
        if known is None:  # first question: read it now, the watcher keeps it from then on
            known = self._read([session_id]).get(session_id, 0)
            self.noted(session_id, known)
        return known > seq

    def noted(self, session_id: str, seq: int) -> None:
        with self._lock:
            before = self._seqs.get(session_id)
            if before is not None and seq <= before:
                return
            self._seqs[session_id] = seq
            listeners = self._listeners if before is not None else ()  # not a first reading
        for listener in listeners:
            try:
                listener(session_id, seq)
            except Exception:  # a listener's failure must not stop the watcher
                log.warning("a session listener failed", exc_info=True)

    def watched(self) -> list[str]:
        """Sessions asked about recently (the others are forgotten)."""
        now = time.monotonic()
        with self._lock:
            for session_id, asked in list(self._asked.items()):
                if now - asked > FORGET_AFTER:
                    del self._asked[session_id]
                    self._seqs.pop(session_id, None)
            return list(self._asked)

    def refresh(self, sessions: Iterable[str] | None = None) -> None:
        chosen = list(self.watched() if sessions is None else sessions)
        if chosen:
            for session_id, seq in self._read(chosen).items():
                self.noted(session_id, seq)


class _KnownSeqs:
    """What a watcher answers: whether a session moved past a sequence number it was shown."""

    _known: _Known

    def moved_past(self, session_id: str, seq: int) -> bool:
        return self._known.moved_past(session_id, seq)

    def noted(self, session_id: str, seq: int) -> None:
        self._known.noted(session_id, seq)

    def subscribe(self, listener: Listener) -> None:
        """Call `listener(session_id, seq)` each time a watched session moves."""
        self._known.subscribe(listener)


class PollingWatch(_KnownSeqs):
    """One thread reads the watched sessions' last sequence numbers every `interval` seconds,
    or, given a `probe`, every `interval` seconds in which the database changed and every
    FULL_READ_SECONDS whatever the probe says (the query, ten times a second, was a sixth of the
    server's CPU with 100 idle desks: benchmarks/bench_live.py)."""

    def __init__(self, read: ReadSeqs, interval: float = 0.1,
                 probe: ChangeProbe | None = None) -> None:
        self._known = _Known(read)
        self._interval = interval
        self._probe = probe
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="exercise-session-watch",
                                        daemon=True)
        self._thread.start()


    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        if self._probe is not None:
            self._probe.close()

    def _run(self) -> None:
        read_at, unread = -FULL_READ_SECONDS, False
        while not self._stop.wait(self._interval):
            now = time.monotonic()
            try:
                # asked before the read: a commit after the question is seen by the next one
                unread = self._changed() or unread or now - read_at >= FULL_READ_SECONDS
                if unread:
                    read_at = now
                    self._known.refresh()
                    unread = False
            except Exception:  # a locked or vanished file: the next round reads again
                log.warning("reading the sessions' last events failed", exc_info=True)

    def _changed(self) -> bool:
        if self._probe is None:
            return True
        try:
            return self._probe.changed()
        except Exception:  # the probe cannot tell: read
            log.debug("asking the database whether it changed failed", exc_info=True)
            return True


class NotifyWatch(_KnownSeqs):
    """PostgreSQL: LISTEN on `NOTIFY_CHANNEL` in one connection of its own."""

    def __init__(self, read: ReadSeqs, conninfo: str, reconnect_after: float = 1.0) -> None:
        self._known = _Known(read)
        self._conninfo = conninfo
        self._reconnect_after = reconnect_after
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._connection: object | None = None
        self._thread = threading.Thread(target=self._run, name="exercise-session-listen",
                                        daemon=True)
        self._thread.start()


    def wait_listening(self, timeout: float) -> bool:
        """True once the LISTEN is in place (for tests and start-up)."""
        return self._listening.wait(timeout)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as connection:
                    connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self._listening.set()
                    self._known.refresh()  # what was appended while nobody listened
                    while not self._stop.is_set():
                        for note in connection.notifies(timeout=0.5):
                            self._note(note.payload)
            except psycopg.Error:
                self._listening.clear()
                log.warning("listening for new events failed; trying again", exc_info=True)
                self._stop.wait(self._reconnect_after)

    def _note(self, payload: str) -> None:
        session_id, _, seq = payload.rpartition(" ")
        if session_id and seq.isdigit():
            self._known.noted(session_id, int(seq))

"""What the facilitator console shows, worked out from the state without Streamlit: the current
module, the feed of what tables do, alerts, the resource board and progress. Results that only
change with new events are memoised per state object (`session_state` hands out the same object
until an event arrives), so a redraw with nothing new on a 10,000-event session costs a lookup."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from cachetools import LRUCache

from exercise.conduct import monitoring
from exercise.conduct.activity import Activity, activities
from exercise.conduct.holdings import holdings_now
from exercise.conduct.monitoring import (
    DEFAULT_SILENT_AFTER,
    DEFAULT_UNACKNOWLEDGED_AFTER,
    Progress,
    Silence,
    ToVoice,
    Unacknowledged,
    silent_tables,
)
from exercise.conduct.schedule import InjectBoard, inject_board
from exercise.conduct.state import ExerciseState
from exercise.scenario.models import Module, ScenarioPack

__all__ = ["DEFAULT_SILENT_AFTER", "DEFAULT_UNACKNOWLEDGED_AFTER", "FeedEntry", "Progress",
           "ResourceRow", "Silence", "ToVoice", "Unacknowledged", "board", "current_module",
           "feed", "memoised", "progress", "resource_rows", "silent_tables", "to_voice",
           "unacknowledged"]

T = TypeVar("T")
FEED_LIMIT = 60

_MEMO_SIZE = 128
_memo: LRUCache[Hashable, tuple[ExerciseState, object]] = LRUCache(maxsize=_MEMO_SIZE)
_memo_lock = threading.Lock()  # Streamlit runs each browser session's script in its own thread


def memoised(what: str, state: ExerciseState, extra: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per (what, state object, extra) — a small LRU shared by every browser
    session. The state is kept with the result, so its id cannot be reused while cached. Two
    threads may both compute a missing result; the cache itself is only touched under the lock."""
    key = (what, id(state), extra)
    with _memo_lock:
        known = _memo.get(key)
    if known is not None and known[0] is state:
        return known[1]  # type: ignore[return-value]
    value = compute()
    with _memo_lock:
        _memo[key] = (state, value)
    return value


def current_module(pack: ScenarioPack, minute: float) -> Module:
    """The module running at `minute`: the last one that has started (else the first)."""
    ordered = sorted(pack.modules, key=lambda m: m.start)
    started = [m for m in ordered if m.start <= minute]
    return started[-1] if started else ordered[0]


def board(state: ExerciseState, minute: float) -> InjectBoard:
    return memoised("board", state, int(minute), lambda: inject_board(state, int(minute)))


# --- the feed ------------------------------------------------------------------------------


FeedEntry = Activity  # one thing a table did; `kind` picks the sentence (conduct.activity)


def _entries(state: ExerciseState) -> list[FeedEntry]:
    return sorted(activities(state), key=lambda e: (e.minute, e.order), reverse=True)


def feed(state: ExerciseState, limit: int = FEED_LIMIT) -> list[FeedEntry]:
    """The latest `limit` things tables did, newest first."""
    entries = memoised("feed", state, None, lambda: _entries(state))
    return entries[:limit]


# --- alerts (the rules: conduct.monitoring; here they are cached per state) ----------------


def unacknowledged(state: ExerciseState, minute: float,
                   older_than: float = DEFAULT_UNACKNOWLEDGED_AFTER) -> list[Unacknowledged]:
    return memoised("unack", state, (int(minute), older_than),
                    lambda: monitoring.unacknowledged(state, minute, older_than))


def to_voice(state: ExerciseState) -> list[ToVoice]:
    return memoised("to_voice", state, None, lambda: monitoring.to_voice(state))


# --- resources and progress ----------------------------------------------------------------


@dataclass(frozen=True)
class ResourceRow:
    agency: str
    resource: str
    held: int  # the pack's units plus those received in play
    received: int  # handed to it in play (a request it made, answered with a commit)
    committed: int  # handed on to others
    free: int  # in its hands now


def resource_rows(state: ExerciseState) -> list[ResourceRow]:
    """The resource board: what every agency holds now, as `holdings_now` reads the session."""
    return [ResourceRow(line.agency, line.resource, line.held, line.received, line.committed,
                        line.free)
            for line in holdings_now(state)]


def progress(state: ExerciseState) -> Progress:
    return memoised("progress", state, None, lambda: monitoring.progress(state))

"""What the facilitator console shows, worked out from the state without Streamlit: the current
module, the feed of what tables do, alerts, the resource board and progress. Results that only
change with new events are memoised per state object (`session_state` hands out the same object
until an event arrives), so a poll every two seconds on a 10,000-event session costs a lookup."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from exercise.conduct.activity import Activity, activities, simulated_agencies, unanswered
from exercise.conduct.activity import last_activity as activity_last
from exercise.conduct.schedule import InjectBoard, inject_board
from exercise.conduct.state import ExerciseState
from exercise.scenario.models import Module, ScenarioPack

T = TypeVar("T")
DEFAULT_UNACKNOWLEDGED_AFTER = 15  # scenario minutes
DEFAULT_SILENT_AFTER = 30  # scenario minutes
FEED_LIMIT = 60

_memo: OrderedDict[Hashable, tuple[ExerciseState, object]] = OrderedDict()
_MEMO_SIZE = 128


def memoised(what: str, state: ExerciseState, extra: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per (what, state object, extra) — a small LRU shared by every browser
    session. The state is kept with the result, so its id cannot be reused while cached."""
    key = (what, id(state), extra)
    known = _memo.get(key)
    if known is not None and known[0] is state:
        _memo.move_to_end(key)
        return known[1]  # type: ignore[return-value]
    value = compute()
    _memo[key] = (state, value)
    if len(_memo) > _MEMO_SIZE:
        _memo.popitem(last=False)
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


# --- alerts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unacknowledged:
    inject_id: str
    agency: str
    released_minute: float
    waited: float  # scenario minutes since release


@dataclass(frozen=True)
class Silence:
    table: str
    agencies: tuple[str, ...]
    last_minute: float | None  # None: nothing yet
    quiet_for: float


def unacknowledged(state: ExerciseState, minute: float,
                   older_than: float = DEFAULT_UNACKNOWLEDGED_AFTER) -> list[Unacknowledged]:
    """Injects a played agency has not answered (conduct.activity.unanswered) `older_than`
    scenario minutes after release, longest wait first."""
    def compute() -> list[Unacknowledged]:
        found = [Unacknowledged(item.inject_id, item.agency, item.scenario_minute,
                                minute - item.scenario_minute)
                 for item in unanswered(state) if minute - item.scenario_minute >= older_than]
        found.sort(key=lambda u: (-u.waited, u.agency, u.inject_id))
        return found
    return memoised("unack", state, (int(minute), older_than), compute)


@dataclass(frozen=True)
class ToVoice:
    """A released inject that reached agencies nobody plays: the facilitator voices them."""

    inject_id: str
    agencies: tuple[str, ...]  # the simulated receivers, pack order
    released_minute: float


def to_voice(state: ExerciseState) -> list[ToVoice]:
    """Released injects addressed to simulated agencies, newest first."""
    def compute() -> list[ToVoice]:
        simulated = set(simulated_agencies(state))
        found = []
        for inject_id, release in state.releases.items():
            receivers = tuple(a for a in state.inject(inject_id).to if a in simulated)
            if receivers:
                found.append((release.seq, ToVoice(inject_id, receivers, release.scenario_minute)))
        found.sort(key=lambda item: item[0], reverse=True)
        return [item for _, item in found]
    return memoised("to_voice", state, None, compute)


def last_activity(state: ExerciseState) -> dict[str, float]:
    """The latest scenario minute each agency did something (acknowledged, decided, logged,
    sent, requested or answered)."""
    return activity_last(state)


def silent_tables(state: ExerciseState, minute: float,
                  quiet_for: float = DEFAULT_SILENT_AFTER) -> list[Silence]:
    """Tables that have done nothing for `quiet_for` scenario minutes of play."""
    if not state.clock.started:
        return []
    started = state.clock.anchor_minute if not state.releases else min(
        r.scenario_minute for r in state.releases.values())
    latest = last_activity(state)
    found = []
    for table in state.tables:
        times = [latest[a] for a in table.agencies if a in latest]
        last = max(times) if times else None
        since = last if last is not None else min(started, minute)
        if minute - since >= quiet_for:
            found.append(Silence(table.label, table.agencies, last, minute - since))
    return found


# --- resources and progress ----------------------------------------------------------------


@dataclass(frozen=True)
class ResourceRow:
    agency: str
    resource: str
    held: int
    committed: int
    free: int


def resource_rows(state: ExerciseState) -> list[ResourceRow]:
    return [ResourceRow(line.agency, line.resource, line.held, line.committed, line.free)
            for line in state.resource_lines()]


@dataclass(frozen=True)
class Progress:
    released: int
    planned: int  # injects of the pack, contingencies included
    unacknowledged: dict[str, int]  # table label -> injects its agencies have not acknowledged


def progress(state: ExerciseState) -> Progress:
    def compute() -> Progress:
        open_by_agency = {agency: sum(1 for i in items.values() if not i.acknowledged)
                          for agency, items in state.inbox.items()}
        per_table = {t.label: sum(open_by_agency.get(a, 0) for a in t.agencies)
                     for t in state.tables}
        planned_released = sum(1 for i in state.releases if i not in state.adhoc)
        return Progress(planned_released, len(state.pack.injects), per_table)
    return memoised("progress", state, None, compute)

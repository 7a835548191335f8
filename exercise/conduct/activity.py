"""What each agency did, derived once per state: the read model behind the console feed, the
facilitator's alerts, the after-action report and the classroom comparison.

Everything here reads the state's records (inbox, decisions, actions, messages, requests,
releases, tables, contacts), never event payloads. The response figures are defined once:

- an inject is *answered* by an agency when it acknowledged it, or decided, logged an action,
  sent a message or requested a resource about it;
- *unanswered* is every inject an agency received and did not answer;
- minutes to acknowledge and to first action are measured from the release to that agency.

Only agencies that a table plays are measured: injects to agencies nobody plays are *simulated*,
voiced by the facilitator, and would otherwise count as never answered.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from statistics import median
from typing import Literal, TypeVar

from exercise.conduct.records import InboxItem
from exercise.conduct.state import ExerciseState
from exercise.network.observed import Contact, PlanComparison, compare_with_plan

ActivityKind = Literal["joined", "acknowledged", "decided", "action", "sent", "delivered",
                       "failed", "requested", "answered"]
# What an agency does itself (a delivery or a failure happens to its message).
DOING: frozenset[str] = frozenset({"acknowledged", "decided", "action", "sent", "requested",
                                   "answered"})
# What answers the inject it names.
ANSWERING: frozenset[str] = frozenset({"decided", "action", "sent", "requested"})


@dataclass(frozen=True)
class Activity:
    """One thing a table did, at a scenario minute. `order` keeps a stable order within one
    minute; `other` is the receiver, holder, option or inject; `detail` is player text."""

    minute: float
    order: int
    kind: ActivityKind
    agency: str  # the agency that did it; the table label for `joined`
    other: str = ""
    detail: str = ""
    inject_id: str | None = None
    ref: str = ""  # the message or request id, for the record behind a message or request


T = TypeVar("T")
_cache: OrderedDict[tuple[str, int], tuple[ExerciseState, object]] = OrderedDict()
_cache_lock = threading.Lock()
_CACHE_SIZE = 64


def _once(what: str, state: ExerciseState, compute: Callable[[], T]) -> T:
    """`compute()` once per state object (states are replaced, never changed, when an event
    arrives); the state is kept with the result so its id cannot be reused while cached."""
    key = (what, id(state))
    with _cache_lock:
        known = _cache.get(key)
        if known is not None and known[0] is state:
            _cache.move_to_end(key)
            return known[1]  # type: ignore[return-value]
    value = compute()
    with _cache_lock:
        _cache[key] = (state, value)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def activities(state: ExerciseState) -> tuple[Activity, ...]:
    """Everything the tables did, oldest first."""
    return _once("activities", state, lambda: tuple(sorted(
        _derive(state), key=lambda a: (a.minute, a.order))))


def _derive(state: ExerciseState) -> Iterable[Activity]:
    for table in state.tables:
        if table.joined and table.joined_minute is not None:
            yield Activity(table.joined_minute, 0, "joined", table.label)
    for agency, items in state.inbox.items():
        for item in items.values():
            if item.acknowledged_minute is not None:
                yield Activity(item.acknowledged_minute, 1, "acknowledged", agency,
                               item.inject_id, inject_id=item.inject_id)
    for d in state.decisions:
        yield Activity(d.scenario_minute, d.seq, "decided", d.agency, d.option, d.rationale,
                       d.inject_id)
    for a in state.actions:
        yield Activity(a.scenario_minute, a.seq, "action", a.agency, a.inject_id or "", a.text,
                       a.inject_id)
    for m in state.messages.values():
        yield Activity(m.scenario_minute, m.seq, "sent", m.sender, m.receiver, m.text, m.inject_id,
                       m.message_id)
        if m.status in ("delivered", "failed") and m.delivered_minute is not None:
            kind: Literal["delivered", "failed"] = "failed" if m.status == "failed" else "delivered"
            yield Activity(m.delivered_minute, m.seq, kind, m.sender, m.receiver,
                           m.failure if m.status == "failed" else m.channel, m.inject_id,
                           m.message_id)
    for q in state.requests.values():
        yield Activity(q.scenario_minute, 2, "requested", q.requester, q.holder,
                       f"{q.quantity} × {q.resource}", q.inject_id, q.request_id)
        if q.answered_minute is not None:
            yield Activity(q.answered_minute, 3, "answered", q.holder, q.requester,
                           f"{q.status}: {q.committed} × {q.resource}", q.inject_id, q.request_id)


def last_activity(state: ExerciseState) -> dict[str, float]:
    """The latest scenario minute each agency did something itself."""
    def compute() -> dict[str, float]:
        latest: dict[str, float] = {}
        for a in activities(state):
            if a.kind in DOING:
                latest[a.agency] = max(a.minute, latest.get(a.agency, a.minute))
        return latest
    return _once("last", state, compute)


def first_answers(state: ExerciseState) -> dict[tuple[str, str], float]:
    """(agency, inject) -> the first minute the agency decided, acted, wrote or asked about it."""
    def compute() -> dict[tuple[str, str], float]:
        first: dict[tuple[str, str], float] = {}
        for a in activities(state):
            if a.kind in ANSWERING and a.inject_id is not None:
                first.setdefault((a.agency, a.inject_id), a.minute)  # oldest first
        return first
    return _once("answers", state, compute)


# --- who plays ------------------------------------------------------------------------------


def played_agencies(state: ExerciseState) -> tuple[str, ...]:
    """The agencies a table plays, in pack order (every agency when no table is declared)."""
    at_tables = {a for table in state.tables for a in table.agencies}
    ids = [a.id for a in state.pack.agencies]
    return tuple(a for a in ids if a in at_tables) if at_tables else tuple(ids)


def simulated_agencies(state: ExerciseState) -> tuple[str, ...]:
    """The pack's agencies nobody plays: the facilitator voices them."""
    played = set(played_agencies(state))
    return tuple(a.id for a in state.pack.agencies if a.id not in played)


def unanswered(state: ExerciseState) -> tuple[InboxItem, ...]:
    """The injects that played agencies received and have neither acknowledged nor answered
    (decided, acted, written or asked about): the one definition every screen and report uses."""
    def compute() -> tuple[InboxItem, ...]:
        answers = first_answers(state)
        return tuple(item for agency in played_agencies(state) for item in state.inbox_of(agency)
                     if not item.acknowledged and (agency, item.inject_id) not in answers)
    return _once("unanswered", state, compute)


# --- response figures -----------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyMetrics:
    agency: str
    injects_received: int
    acknowledged: int
    unanswered: int
    minutes_to_ack: tuple[float, ...]
    minutes_to_action: tuple[float, ...]
    expected_contacts_made: int
    expected_contacts_total: int
    messages_sent: int
    messages_failed: int

    @property
    def median_minutes_to_ack(self) -> float | None:
        return median(self.minutes_to_ack) if self.minutes_to_ack else None

    @property
    def median_minutes_to_action(self) -> float | None:
        return median(self.minutes_to_action) if self.minutes_to_action else None


@dataclass(frozen=True)
class ResponseMetrics:
    """The response figures of one session: per played agency, and for all of them together
    (`total`, whose medians pool every inject rather than averaging agencies)."""

    agencies: tuple[AgencyMetrics, ...]  # played agencies, in pack order
    total: AgencyMetrics
    released: int  # injects of the pack released
    adhoc_released: int  # injects written during play and released
    planned_injects: int
    contacts: int  # messages that reached their receiver
    planned_links: int
    planned_links_used: int
    coverage: float | None  # share of the contact plan used; None when the pack plans no link
    emergent_links: int
    involved: frozenset[str]  # agencies that sent or received at least one contact
    simulated: tuple[str, ...]

    def of(self, agency: str) -> AgencyMetrics:
        return next(m for m in self.agencies if m.agency == agency)


def observed_contacts(state: ExerciseState) -> list[Contact]:
    return [Contact(c.sender, c.receiver, c.channel, int(c.scenario_minute), c.inject_id)
            for c in state.contacts]


def plan_comparison(state: ExerciseState) -> PlanComparison:
    """Planned versus observed contacts (computed once per state)."""
    def compute() -> PlanComparison:
        released = {r.inject_id: int(r.scenario_minute) for r in state.releases.values()}
        return compare_with_plan(state.pack, observed_contacts(state), released)
    return _once("plan", state, compute)


def response_metrics(state: ExerciseState) -> ResponseMetrics:
    return _once("metrics", state, lambda: _metrics(state))


def _metrics(state: ExerciseState) -> ResponseMetrics:
    comparison = plan_comparison(state)
    answers = first_answers(state)
    expected: dict[str, list[bool]] = {}
    for entry in comparison.expected:
        if entry.inject in state.releases:
            for pair in entry.expected:
                expected.setdefault(pair[0], []).append(pair in entry.made)
    waiting = Counter(item.agency for item in unanswered(state))
    rows = tuple(_agency(state, agency, answers, expected.get(agency, []), waiting[agency])
                 for agency in played_agencies(state))
    adhoc = sum(1 for i in state.releases if i in state.adhoc)
    return ResponseMetrics(
        agencies=rows,
        total=_total(rows),
        released=len(state.releases) - adhoc,
        adhoc_released=adhoc,
        planned_injects=len(state.pack.injects),
        contacts=len(state.contacts),
        planned_links=len(state.pack.links),
        planned_links_used=len(comparison.used),
        coverage=comparison.coverage if state.pack.links else None,
        emergent_links=len(comparison.emergent),
        involved=frozenset(a for c in state.contacts for a in (c.sender, c.receiver)),
        simulated=simulated_agencies(state),
    )


def _agency(state: ExerciseState, agency: str, answers: dict[tuple[str, str], float],
            expected: list[bool], waiting: int) -> AgencyMetrics:
    items = state.inbox_of(agency)
    sent = [m for m in state.messages.values() if m.sender == agency]
    return AgencyMetrics(
        agency=agency,
        injects_received=len(items),
        acknowledged=sum(1 for i in items if i.acknowledged),
        unanswered=waiting,
        minutes_to_ack=tuple(i.acknowledged_minute - i.scenario_minute
                             for i in items if i.acknowledged_minute is not None),
        minutes_to_action=tuple(answers[(agency, i.inject_id)] - i.scenario_minute
                                for i in items if (agency, i.inject_id) in answers),
        expected_contacts_made=sum(expected),
        expected_contacts_total=len(expected),
        messages_sent=len(sent),
        messages_failed=sum(1 for m in sent if m.status == "failed"),
    )


def _total(rows: tuple[AgencyMetrics, ...]) -> AgencyMetrics:
    return AgencyMetrics(
        agency="",
        injects_received=sum(r.injects_received for r in rows),
        acknowledged=sum(r.acknowledged for r in rows),
        unanswered=sum(r.unanswered for r in rows),
        minutes_to_ack=tuple(m for r in rows for m in r.minutes_to_ack),
        minutes_to_action=tuple(m for r in rows for m in r.minutes_to_action),
        expected_contacts_made=sum(r.expected_contacts_made for r in rows),
        expected_contacts_total=sum(r.expected_contacts_total for r in rows),
        messages_sent=sum(r.messages_sent for r in rows),
        messages_failed=sum(r.messages_failed for r in rows),
    )

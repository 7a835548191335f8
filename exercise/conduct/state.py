"""The state of an exercise session: a pure fold of its events over the pinned pack.

`fold(pack, events)` builds it; `state.apply(event)` moves it on by one event (in place, and
returns it). Same events, same state. Records are frozen; `clone()` copies the containers so a
state handed to a screen is never changed under it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from exercise.conduct import event_types as t
from exercise.conduct import records as r
from exercise.conduct.clock import Clock
from exercise.conduct.events import Event, EventKind
from exercise.conduct.holdings import holding_now, holdings_now
from exercise.network.world import WorldState
from exercise.scenario.models import Inject, ScenarioPack


def start_minute(pack: ScenarioPack) -> float:
    return float(min(module.start for module in pack.modules))


@dataclass
class ExerciseState:
    pack: ScenarioPack
    world: WorldState
    session_id: str = ""
    name: str = ""
    seq: int = 0
    scenario_minute: float = 0.0  # of the latest event
    clock: Clock = field(default_factory=Clock)
    clock_seq: int = 0  # of the latest clock change: keys a double-clicked pause or resume
    release_mode: str = "auto"  # auto | manual
    player_clock: str = "both"  # both | time_of_day | elapsed: what players see of scenario time
    tables: list[r.Table] = field(default_factory=list)
    adhoc: dict[str, Inject] = field(default_factory=dict)
    releases: dict[str, r.Release] = field(default_factory=dict)
    holds: dict[str, r.Hold] = field(default_factory=dict)  # held and skipped injects
    inbox: dict[str, dict[str, r.InboxItem]] = field(default_factory=dict)
    decisions: list[r.Decision] = field(default_factory=list)
    actions: list[r.ActionEntry] = field(default_factory=list)
    messages: dict[str, r.Message] = field(default_factory=dict)
    contacts: list[r.Contact] = field(default_factory=list)
    requests: dict[str, r.ResourceRequest] = field(default_factory=dict)
    committed: dict[tuple[str, str], int] = field(default_factory=dict)
    observations: list[r.Observation] = field(default_factory=list)
    ratings: list[r.Rating] = field(default_factory=list)
    hotwash: list[r.HotwashNote] = field(default_factory=list)
    feedback: list[r.Feedback] = field(default_factory=list)
    improvement_items: dict[str, r.ImprovementItem] = field(default_factory=dict)
    ended: bool = False
    ended_minute: float | None = None

    @classmethod
    def initial(cls, pack: ScenarioPack) -> ExerciseState:
        minute = start_minute(pack)
        return cls(pack=pack, world=WorldState.initial(pack), scenario_minute=minute,
                   clock=Clock(anchor_minute=minute))

    # --- reading -------------------------------------------------------------------------

    def inject(self, inject_id: str) -> Inject:
        found = self.adhoc.get(inject_id)
        return found if found is not None else self.pack.inject(inject_id)

    def has_inject(self, inject_id: str) -> bool:
        return inject_id in self.adhoc or inject_id in self.pack._index("injects")

    def all_injects(self) -> list[Inject]:
        return [*self.pack.injects, *self.adhoc.values()]

    def inbox_of(self, agency: str) -> list[r.InboxItem]:
        return list(self.inbox.get(agency, {}).values())

    def messages_of(self, agency: str) -> list[r.Message]:
        return [m for m in self.messages.values() if agency in (m.sender, m.receiver)]

    def pending_messages(self) -> list[r.Message]:
        return sorted((m for m in self.messages.values() if m.status == "pending"),
                      key=lambda m: (m.deliver_at or 0.0, m.seq))

    def open_requests(self) -> list[r.ResourceRequest]:
        return [q for q in self.requests.values() if q.status == "open"]

    def resource_lines(self) -> list[r.ResourceLine]:
        """What every agency holds now, handovers of play included (`holdings.holdings_now`)."""
        return holdings_now(self)

    def resource_line(self, agency: str, resource: str) -> r.ResourceLine:
        return holding_now(self, agency, resource)

    def current_ratings(self) -> list[r.Rating]:
        """The latest rating per objective and core capability."""
        latest: dict[tuple[str, str], r.Rating] = {}
        for rating in self.ratings:
            latest[(rating.objective, rating.capability)] = rating
        return list(latest.values())

    def acknowledged_by(self, inject_id: str, before: float | None = None) -> dict[str, float]:
        """Agencies that acknowledged `inject_id` (at or before minute `before`) and when."""
        found = {}
        for agency, items in self.inbox.items():
            item = items.get(inject_id)
            if item and item.acknowledged_minute is not None:
                if before is None or item.acknowledged_minute <= before:
                    found[agency] = item.acknowledged_minute
        return found

    def snapshot(self) -> dict[str, Any]:
        """Everything the events decided, comparable with ==: two folds of the same log match."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("pack", "world")}
        data["world"] = self.world.applied  # handovers follow from `requests`, already here
        return data

    def clone(self) -> ExerciseState:
        twin = copy.copy(self)
        for name in ("tables", "decisions", "actions", "contacts", "observations", "ratings",
                     "hotwash", "feedback"):
            setattr(twin, name, list(getattr(self, name)))
        for name in ("adhoc", "releases", "holds", "messages", "requests", "committed",
                     "improvement_items"):
            setattr(twin, name, dict(getattr(self, name)))
        twin.inbox = {agency: dict(items) for agency, items in self.inbox.items()}
        return twin

    # --- folding -------------------------------------------------------------------------

    def apply(self, event: Event) -> ExerciseState:
        handler = _HANDLERS.get(event.kind)
        if event.scenario_minute is not None:
            self.scenario_minute = event.scenario_minute
        if handler is not None:
            handler(self, event, event.data)
        self.seq = event.seq
        return self


def fold(pack: ScenarioPack, events: Iterable[Event]) -> ExerciseState:
    state = ExerciseState.initial(pack)
    for event in events:
        state.apply(event)
    return state


# --- handlers: one per event kind; each reads the typed payload of its kind (event.data) -----

Handler = Callable[[ExerciseState, Event, Any], None]


def _session_created(s: ExerciseState, e: Event, d: t.SessionCreated) -> None:
    s.session_id, s.name = e.session_id, d.name
    s.tables = [r.Table(seat.label, seat.agencies) for seat in d.tables]


def _table_joined(s: ExerciseState, e: Event, d: t.TableJoined) -> None:
    for index, table in enumerate(s.tables):
        if table.label == d.label:
            s.tables[index] = r.evolve(table, joined=True, joined_minute=s.scenario_minute)
            return
    s.tables.append(r.Table(d.label, d.agencies, s.scenario_minute, True))


def _clock(change: Callable[[Clock, Any], Clock]) -> Handler:
    def handle(s: ExerciseState, e: Event, d: t.ClockChange) -> None:
        s.clock = change(s.clock, d)
        s.clock_seq = e.seq
        s.scenario_minute = s.clock.minute_at(d.wall)
    return handle


def _released(s: ExerciseState, e: Event, d: t.InjectReleased) -> None:
    inject_id = d.inject_id
    if d.adhoc:
        s.adhoc[inject_id] = Inject.model_validate(d.adhoc)
    minute = e.scenario_minute if e.scenario_minute is not None else s.scenario_minute
    s.releases[inject_id] = r.Release(inject_id, minute, d.mode, e.actor, e.seq)
    s.holds.pop(inject_id, None)
    inject = s.inject(inject_id)
    for agency in inject.to:
        s.inbox.setdefault(agency, {})[inject_id] = r.InboxItem(inject_id, agency, minute)
    for effect in inject.effects:
        s.world = s.world.apply(effect, int(minute), source=inject_id)


def _held(skipped: bool) -> Handler:
    def handle(s: ExerciseState, e: Event, d: t.InjectHeld | t.InjectSkipped) -> None:
        s.holds[d.inject_id] = r.Hold(d.inject_id, s.scenario_minute, e.actor, d.reason, skipped)
    return handle


def _acknowledged(s: ExerciseState, e: Event, d: t.InjectAcknowledged) -> None:
    items = s.inbox.get(d.agency, {})
    item = items.get(d.inject_id)
    if item is not None and item.acknowledged_minute is None:
        items[d.inject_id] = r.evolve(item, acknowledged_minute=s.scenario_minute)


def _decided(s: ExerciseState, e: Event, d: t.DecisionMade) -> None:
    decision = r.Decision(d.inject_id, d.agency, d.option, d.rationale, s.scenario_minute,
                          e.actor, e.seq)
    s.decisions.append(decision)
    items = s.inbox.get(d.agency, {})
    item = items.get(d.inject_id)
    if item is not None:
        items[d.inject_id] = r.evolve(
            item, decision=decision.option, decision_minute=decision.scenario_minute,
            rationale=decision.rationale,
            acknowledged_minute=item.acknowledged_minute if item.acknowledged else s.scenario_minute)


def _action(s: ExerciseState, e: Event, d: t.ActionLogged) -> None:
    s.actions.append(r.ActionEntry(d.agency, d.text, d.inject_id, s.scenario_minute, e.actor, e.seq))


def _sent(s: ExerciseState, e: Event, d: t.MessageSent) -> None:
    s.messages[d.message_id] = r.Message(
        d.message_id, d.sender, d.receiver, d.channel, d.text, d.inject_id, s.scenario_minute,
        d.deliver_at, "pending", seq=e.seq)


def _delivered(s: ExerciseState, e: Event, d: t.MessageDelivered) -> None:
    message = s.messages[d.message_id]
    s.messages[message.message_id] = r.evolve(message, status="delivered",
                                             delivered_minute=s.scenario_minute)
    s.contacts.append(r.Contact(message.sender, message.receiver, message.channel,
                                s.scenario_minute, message.inject_id, message.message_id))


def _failed(s: ExerciseState, e: Event, d: t.MessageFailed) -> None:
    message = s.messages[d.message_id]
    s.messages[message.message_id] = r.evolve(
        message, status="failed", failure=d.reason, suggestions=d.suggestions,
        delivered_minute=s.scenario_minute)


def _requested(s: ExerciseState, e: Event, d: t.ResourceRequested) -> None:
    s.requests[d.request_id] = r.ResourceRequest(
        d.request_id, d.requester, d.holder, d.resource, d.quantity, d.note, d.inject_id,
        s.scenario_minute)


def _answered(s: ExerciseState, e: Event, d: t.ResourceAnswered) -> None:
    """Commits at most what is free: a log written before commits were serialised may hold
    answers that together over-commit, and the board never shows a negative free quantity."""
    request = s.requests[d.request_id]
    quantity = min(d.quantity, max(0, s.resource_line(request.holder, request.resource).free))
    outcome = d.outcome if quantity == d.quantity else (
        "partly_committed" if quantity else "refused")
    s.requests[request.request_id] = r.evolve(request, status=outcome, committed=quantity,
                                             reason=d.reason, answered_minute=s.scenario_minute)
    key = (request.holder, request.resource)
    s.committed[key] = s.committed.get(key, 0) + quantity
    # committed units pass to the requester: a satellite-phone terminal lets it use the channel
    agencies = s.pack._index("agencies")
    if quantity and request.holder in agencies and request.requester in agencies:
        s.world = s.world.hand_over(request.resource, request.holder, request.requester, quantity,
                                    int(s.scenario_minute), source=request.request_id)


def _observed(s: ExerciseState, e: Event, d: t.ObservationRecorded) -> None:
    s.observations.append(r.Observation(
        f"OBS-{e.seq}", d.kind, d.text, d.objective, d.critical_task, d.agency, d.inject_id,
        e.actor, s.scenario_minute))


def _rated(s: ExerciseState, e: Event, d: t.RatingRecorded) -> None:
    s.ratings.append(r.Rating(d.objective, d.capability, d.rating, d.rationale, e.actor,
                              s.scenario_minute, e.seq))


def _hotwash(s: ExerciseState, e: Event, d: t.HotwashNoted) -> None:
    s.hotwash.append(r.HotwashNote(d.kind, d.text, d.agency, e.actor, s.scenario_minute, e.seq))


def _feedback(s: ExerciseState, e: Event, d: t.FeedbackSubmitted) -> None:
    """One form per person per code: a later form with the same name replaces the earlier."""
    form = r.Feedback(d.respondent, d.role, d.agency, dict(d.answers), s.scenario_minute, e.seq,
                      e.actor)
    same = (e.actor, d.respondent.strip().casefold())
    for index, earlier in enumerate(s.feedback):
        if (earlier.submitter, earlier.respondent.strip().casefold()) == same:
            s.feedback[index] = form
            return
    s.feedback.append(form)


def _improvement(s: ExerciseState, e: Event, d: t.ImprovementItemSaved) -> None:
    s.improvement_items[d.item_id] = r.ImprovementItem(
        d.item_id, d.core_capability, d.issue, d.corrective_action, d.capability_element,
        d.responsible_organization, d.poc, d.start_date, d.completion_date, d.objective,
        scenario_minute=s.scenario_minute, seq=e.seq)


def _ended(s: ExerciseState, e: Event, d: t.SessionEnded) -> None:
    s.ended, s.ended_minute = True, s.scenario_minute
    if s.clock.running:
        s.clock = s.clock.pause(d.wall) if d.wall is not None else replace(s.clock, running=False)


def _mode(s: ExerciseState, e: Event, d: t.ReleaseModeChanged) -> None:
    s.release_mode = d.mode


def _player_clock(s: ExerciseState, e: Event, d: t.PlayerClockChanged) -> None:
    s.player_clock = d.shows


_HANDLERS: dict[EventKind, Handler] = {
    EventKind.session_created: _session_created,
    EventKind.table_joined: _table_joined,
    EventKind.clock_started: _clock(lambda c, d: c.start(d.wall, d.minute, d.speed)),
    EventKind.clock_paused: _clock(lambda c, d: c.pause(d.wall)),
    EventKind.clock_resumed: _clock(lambda c, d: c.resume(d.wall)),
    EventKind.clock_speed_changed: _clock(lambda c, d: c.with_speed(d.wall, d.speed)),
    EventKind.clock_jumped: _clock(lambda c, d: c.jump(d.wall, d.minute)),
    EventKind.clock_paced: _clock(lambda c, d: c.with_paced(d.wall, d.paced)),
    EventKind.release_mode_changed: _mode,
    EventKind.player_clock_changed: _player_clock,
    EventKind.inject_released: _released,
    EventKind.inject_held: _held(False),
    EventKind.inject_skipped: _held(True),
    EventKind.inject_acknowledged: _acknowledged,
    EventKind.decision_made: _decided,
    EventKind.action_logged: _action,
    EventKind.message_sent: _sent,
    EventKind.message_delivered: _delivered,
    EventKind.message_failed: _failed,
    EventKind.resource_requested: _requested,
    EventKind.resource_answered: _answered,
    EventKind.observation_recorded: _observed,
    EventKind.rating_recorded: _rated,
    EventKind.hotwash_noted: _hotwash,
    EventKind.feedback_submitted: _feedback,
    EventKind.improvement_item_saved: _improvement,
    EventKind.session_ended: _ended,
}

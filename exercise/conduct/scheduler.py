"""The scheduler: `tick` appends every release and message outcome that has fallen due.

Events are worked out in scenario-time order on a copy of the state (an infrastructure failure
released at T+03:00 fails a message due at T+03:02), stamped with the minute they fell due, and
appended in one batch with idempotency keys `release:<inject>` and `deliver:<message>`: however
many browsers or processes tick at once, each release and delivery is stored exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from exercise.conduct import event_types as t
from exercise.conduct.clock import wall_now, wall_seconds
from exercise.conduct.errors import AppendConflict
from exercise.conduct.events import Event, NewEvent
from exercise.conduct.messaging import check_channel
from exercise.conduct.ports import EventStore
from exercise.conduct.reading import session_state
from exercise.conduct.schedule import due_injects
from exercise.conduct.state import ExerciseState

SCHEDULER = "scheduler"


@dataclass
class TickResult:
    scenario_minute: float
    released: list[str] = field(default_factory=list)
    delivered: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    awaiting_approval: list[str] = field(default_factory=list)  # due, in manual mode
    events: list[Event] = field(default_factory=list)


def release_event(inject_id: str, minute: float, mode: str, actor: str,
                  adhoc: dict[str, Any] | None = None) -> NewEvent:
    released = t.InjectReleased(inject_id=inject_id, mode=mode, adhoc=adhoc)  # type: ignore[arg-type]
    return NewEvent.of(released, actor, minute, f"release:{inject_id}")


def plan_due(state: ExerciseState, now: float) -> tuple[list[NewEvent], list[str]]:
    """Events due by scenario minute `now`, in order, and the injects awaiting approval."""
    work = state.clone()
    planned: list[NewEvent] = []
    automatic = work.release_mode == "auto"
    while True:
        pending = [m for m in work.pending_messages() if (m.deliver_at or 0.0) <= now]
        next_delivery = pending[0].deliver_at if pending else None
        due = due_injects(work, now) if automatic else []
        wave = [(minute, i) for minute, i in due if next_delivery is None or minute <= next_delivery]
        if wave:
            new = [release_event(i.id, minute, "scheduled", SCHEDULER) for minute, i in wave]
        elif pending:
            message = pending[0]
            verdict = check_channel(work.world, message.channel, message.sender, message.receiver,
                                    message.deliver_at or now)
            key = f"deliver:{message.message_id}"
            if verdict.usable:
                new = [NewEvent.of(t.MessageDelivered(message_id=message.message_id), SCHEDULER,
                                   message.deliver_at, key)]
            else:
                failed = t.MessageFailed(message_id=message.message_id, reason=verdict.reason,
                                         suggestions=verdict.suggestions)
                new = [NewEvent.of(failed, SCHEDULER, message.deliver_at, key)]
        else:
            break
        for event in new:
            work.apply(_as_event(work, event))
        planned.extend(new)
    # An inject waiting on one released in this tick (`after`, `no_ack`) is only found due in
    # a later wave, though its minute may come before others already planned (a tick after a
    # jump or an outage). Conditions read minutes, not order, and no delivery is planned before
    # a release that precedes it, so a stable sort by minute is the scenario order.
    planned.sort(key=lambda event: event.scenario_minute or 0.0)
    waiting = [] if automatic else [i.id for _, i in due_injects(work, now)]
    return planned, waiting


def _as_event(state: ExerciseState, new: NewEvent) -> Event:
    return Event.stored(state.session_id, state.seq + 1, new.checked(), _EPOCH)


_EPOCH = datetime(1970, 1, 1)


MAX_ATTEMPTS = 12


def tick(store: EventStore, session_id: str, now: datetime | None = None) -> TickResult:
    """Release everything due at wall time `now` and settle messages whose latency has passed.

    What is due is worked out on the state at one sequence number and appended only if no
    other event came in between (`expected_seq`): the check and the release are one serialised step
    across threads and processes (an acknowledgement or decision appended in between, which a
    condition may read, makes this tick read again and plan again)."""
    wall = wall_seconds(now or wall_now())
    for attempt in range(MAX_ATTEMPTS):
        state = session_state(store, session_id)
        result = TickResult(state.clock.minute_at(wall))
        if not state.clock.started or state.ended:
            return result
        planned, result.awaiting_approval = plan_due(state, result.scenario_minute)
        if not planned:
            return result
        try:
            result.events = store.append(session_id, planned, expected_seq=state.seq)
            break
        except AppendConflict:
            if attempt == MAX_ATTEMPTS - 1:
                return TickResult(result.scenario_minute)  # the next poll ticks again
    for event in result.events:
        data = event.data
        if isinstance(data, t.InjectReleased):
            result.released.append(data.inject_id)
        elif isinstance(data, t.MessageDelivered):
            result.delivered.append(data.message_id)
        elif isinstance(data, t.MessageFailed):
            result.failed.append(data.message_id)
    return result

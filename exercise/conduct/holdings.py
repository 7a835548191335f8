"""What each agency holds of each resource now, in the session (issue #18): the pack's starting
holdings, plus the units handed to it in play (a resource request answered with a commit), with
the units it committed to others counted out of what is free.

One line per (agency, resource): `held` is all it has had to hand (start + received), `committed`
what it handed on, `free` (held - committed) what is in its hands now. A commit moves units from
the holder's free count to the requester's held and free counts, so over any sequence of commits
the free units of a resource, summed over agencies, stay what the pack started with.

Every page that shows holdings (the console's resource board, a desk's profile and request form)
and every command that checks them (requests, answers, the fold's cap) reads these lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from exercise.conduct.records import ResourceLine
from exercise.network.world import Handover

if TYPE_CHECKING:
    from exercise.conduct.state import ExerciseState

Key = tuple[str, str]  # (agency, resource)


def holdings_now(state: ExerciseState) -> list[ResourceLine]:
    """Every agency's holding of every resource it has or had in this session: the pack's order
    first, then holdings that only came by a handover, in the order they were handed over."""
    start = _starting(state)
    received: dict[Key, int] = {}
    for record in state.world.handovers:
        key = (record.taker, record.resource)
        received[key] = received.get(key, 0) + record.quantity
    keys = dict.fromkeys([*start, *received, *state.committed])
    return [ResourceLine(agency, resource, start.get((agency, resource), 0)
                         + received.get((agency, resource), 0),
                         state.committed.get((agency, resource), 0),
                         received.get((agency, resource), 0))
            for agency, resource in keys]


def holding_now(state: ExerciseState, agency: str, resource: str) -> ResourceLine:
    """What `agency` holds of `resource` now (a line of zeros when it has none)."""
    start = sum(h.quantity for h in state.pack.resources if (h.agency, h.type) == (agency, resource))
    received = _received_by(state.world.handovers, agency, resource)
    return ResourceLine(agency, resource, start + received,
                        state.committed.get((agency, resource), 0), received)


def in_hand(lines: Iterable[ResourceLine], resource: str) -> int:
    """Units of `resource` in all agencies' hands: constant over handovers."""
    return sum(line.free for line in lines if line.resource == resource)


def _starting(state: ExerciseState) -> dict[Key, int]:
    start: dict[Key, int] = {}
    for holding in state.pack.resources:
        key = (holding.agency, holding.type)
        start[key] = start.get(key, 0) + holding.quantity
    return start


def _received_by(handovers: Iterable[Handover], agency: str, resource: str) -> int:
    return sum(r.quantity for r in handovers if r.taker == agency and r.resource == resource)

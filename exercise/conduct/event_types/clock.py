"""Payloads of the exercise clock and the release mode. `wall` is the wall-clock second
(epoch) at which the facilitator changed the clock: the fold needs it to place scenario time."""

from __future__ import annotations

from typing import Any, Literal

from exercise.conduct.event_types.base import EventData
from exercise.conduct.event_types.registry import REGISTRY
from exercise.conduct.events import EventKind


class ClockChange(EventData):
    wall: float


@REGISTRY.model
class ClockStarted(ClockChange):
    event_kind = EventKind.clock_started
    minute: float
    speed: float


@REGISTRY.model
class ClockPaused(ClockChange):
    event_kind = EventKind.clock_paused


@REGISTRY.model
class ClockResumed(ClockChange):
    event_kind = EventKind.clock_resumed


@REGISTRY.model
class ClockSpeedChanged(ClockChange):
    event_kind = EventKind.clock_speed_changed
    speed: float


@REGISTRY.model
class ClockJumped(ClockChange):
    """A jump of the clock to `minute`. Version 2: a jump to a module records the module and
    what the facilitator chose for the injects planned before it (`passed`): `skip` them, or
    `release` them now, stamped with the jump's minute; `injects` names them."""

    event_kind = EventKind.clock_jumped
    version = 2
    minute: float
    module: str | None = None
    passed: Literal["skip", "release"] | None = None
    injects: tuple[str, ...] = ()


@REGISTRY.upcaster(EventKind.clock_jumped, 1)
def _jump_v1(payload: dict[str, Any]) -> dict[str, Any]:
    """Version 1 jumps named no module and no choice (what fell due was released as planned)."""
    return {**payload, "module": None, "passed": None, "injects": []}


@REGISTRY.model
class ClockPaced(ClockChange):
    event_kind = EventKind.clock_paced
    paced: bool


@REGISTRY.model
class ReleaseModeChanged(EventData):
    event_kind = EventKind.release_mode_changed
    mode: Literal["auto", "manual"]


PlayerClock = Literal["both", "time_of_day", "elapsed"]


@REGISTRY.model
class PlayerClockChanged(EventData):
    """What desks and the projector show of scenario time: the day and time of day with T+
    beside it (both), the time of day alone, or T+ alone (elapsed)."""

    event_kind = EventKind.player_clock_changed
    shows: PlayerClock

"""Payloads of the exercise clock and the release mode. `wall` is the wall-clock second
(epoch) at which the facilitator changed the clock: the fold needs it to place scenario time."""

from __future__ import annotations

from typing import Literal

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
    event_kind = EventKind.clock_jumped
    minute: float


@REGISTRY.model
class ClockPaced(ClockChange):
    event_kind = EventKind.clock_paced
    paced: bool


@REGISTRY.model
class ReleaseModeChanged(EventData):
    event_kind = EventKind.release_mode_changed
    mode: Literal["auto", "manual"]

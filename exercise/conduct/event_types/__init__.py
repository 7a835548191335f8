"""One pydantic model per event kind (see `base`). Importing this package registers them all."""

from __future__ import annotations

from exercise.conduct.event_types.base import EventData, EventTypeError, Registry
from exercise.conduct.event_types.clock import (
    ClockChange,
    ClockJumped,
    ClockPaced,
    ClockPaused,
    ClockResumed,
    ClockSpeedChanged,
    ClockStarted,
    PlayerClockChanged,
    ReleaseModeChanged,
)
from exercise.conduct.event_types.evaluation import (
    FeedbackSubmitted,
    HotwashNoted,
    ImprovementItemSaved,
    ObservationRecorded,
    RatingRecorded,
)
from exercise.conduct.event_types.injects import InjectHeld, InjectKeptBack, InjectReleased, InjectSkipped
from exercise.conduct.event_types.play import (
    ActionLogged,
    DecisionMade,
    InjectAcknowledged,
    MessageDelivered,
    MessageFailed,
    MessageSent,
    ResourceAnswered,
    ResourceRequested,
)
from exercise.conduct.event_types.registry import REGISTRY
from exercise.conduct.event_types.session import SessionCreated, SessionEnded, TableJoined, TableSeat

__all__ = [
    "REGISTRY", "EventData", "EventTypeError", "Registry", "ActionLogged", "ClockChange", "ClockJumped",
    "ClockPaced", "ClockPaused", "ClockResumed", "ClockSpeedChanged", "ClockStarted",
    "DecisionMade", "FeedbackSubmitted", "HotwashNoted", "ImprovementItemSaved",
    "InjectAcknowledged", "InjectHeld", "InjectKeptBack", "InjectReleased", "InjectSkipped", "MessageDelivered",
    "MessageFailed", "MessageSent", "ObservationRecorded", "RatingRecorded",
    "PlayerClockChanged", "ReleaseModeChanged", "ResourceAnswered", "ResourceRequested", "SessionCreated",
    "SessionEnded", "TableJoined", "TableSeat",
]

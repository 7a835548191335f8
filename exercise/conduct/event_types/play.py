"""Payloads of what tables do: acknowledge, decide, log, message, request and answer."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from exercise.conduct.event_types.base import EventData
from exercise.conduct.event_types.registry import REGISTRY
from exercise.conduct.events import EventKind


@REGISTRY.model
class InjectAcknowledged(EventData):
    event_kind = EventKind.inject_acknowledged
    inject_id: str
    agency: str


@REGISTRY.model
class DecisionMade(EventData):
    event_kind = EventKind.decision_made
    inject_id: str
    agency: str
    option: str
    rationale: str = ""


@REGISTRY.model
class ActionLogged(EventData):
    event_kind = EventKind.action_logged
    agency: str
    text: str
    inject_id: str | None = None


@REGISTRY.model
class MessageSent(EventData):
    """`deliver_at` is the scenario minute the scheduler delivers it; None when it failed."""

    event_kind = EventKind.message_sent
    message_id: str
    sender: str
    receiver: str
    channel: str
    text: str
    inject_id: str | None = None
    deliver_at: float | None = None


@REGISTRY.model
class MessageDelivered(EventData):
    event_kind = EventKind.message_delivered
    message_id: str


@REGISTRY.model
class MessageFailed(EventData):
    event_kind = EventKind.message_failed
    message_id: str
    reason: str = ""
    suggestions: tuple[str, ...] = ()


@REGISTRY.model
class ResourceRequested(EventData):
    event_kind = EventKind.resource_requested
    request_id: str
    requester: str
    holder: str
    resource: str
    quantity: int = Field(ge=1)
    note: str = ""
    inject_id: str | None = None


@REGISTRY.model
class ResourceAnswered(EventData):
    event_kind = EventKind.resource_answered
    request_id: str
    outcome: Literal["committed", "partly_committed", "refused"]
    quantity: int = Field(default=0, ge=0)
    reason: str = ""

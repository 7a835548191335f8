"""Payloads of the MSEL at play: released (scheduled, by hand or written ad hoc), held, skipped."""

from __future__ import annotations

from typing import Any, Literal

from exercise.conduct.event_types.base import EventData
from exercise.conduct.event_types.registry import REGISTRY
from exercise.conduct.events import EventKind


@REGISTRY.model
class InjectReleased(EventData):
    """`adhoc` holds the whole inject (as the pack file spells it) when it was written in play."""

    event_kind = EventKind.inject_released
    inject_id: str
    mode: Literal["scheduled", "manual", "adhoc"] = "scheduled"
    adhoc: dict[str, Any] | None = None

    def free_form(self) -> bool:
        return self.adhoc is not None


class InjectKeptBack(EventData):
    inject_id: str
    reason: str = ""


@REGISTRY.model
class InjectHeld(InjectKeptBack):
    event_kind = EventKind.inject_held


@REGISTRY.model
class InjectSkipped(InjectKeptBack):
    event_kind = EventKind.inject_skipped

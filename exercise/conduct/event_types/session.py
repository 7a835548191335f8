"""Payloads of the session's own events: created, a table joined, the end."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from exercise.conduct.event_types.base import EventData
from exercise.conduct.event_types.registry import REGISTRY
from exercise.conduct.events import EventKind


class TableSeat(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    agencies: tuple[str, ...]


@REGISTRY.model
class SessionCreated(EventData):
    event_kind = EventKind.session_created
    name: str = ""
    pack_id: str = ""
    pack_hash: str = ""
    tables: tuple[TableSeat, ...] = ()


@REGISTRY.model
class TableJoined(EventData):
    event_kind = EventKind.table_joined
    label: str
    agencies: tuple[str, ...]


@REGISTRY.model
class SessionEnded(EventData):
    """`wall` is the wall second of the end (absent in the first exports: the clock then just
    stops where it was)."""

    event_kind = EventKind.session_ended
    wall: float | None = None

"""Words for what the console shows about the tables' activity: channel, resource and option
names from the pack and request outcomes from the catalogue, never the ids or status codes
(`sat-phone-set`, `cell-truck`, `partly_committed`) the domain records."""

from __future__ import annotations

from exercise.conduct.activity import Activity
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.ui.views.desk.common import channel_label, options_text
from exercise.ui.views.desk.inbox import resource_label


def request_outcome(t: Translator, status: str, committed: int, resource: str) -> str:
    """`committed 2 × Shelter places`, `partly committed: …`, `refused`, in the reader's words."""
    return t(f"room.outcome.{status}", quantity=committed, resource=resource)


def activity_detail(entry: Activity, state: ExerciseState, t: Translator) -> str:
    """The `detail` of a console feed line in words."""
    if entry.kind == "delivered":
        return channel_label(state.pack, entry.detail, t.lang)
    request = state.requests.get(entry.ref) if entry.kind in ("requested", "answered") else None
    if request is not None:
        resource = resource_label(state, t, request.resource)
        if entry.kind == "requested":
            return f"{request.quantity} × {resource}"
        return request_outcome(t, request.status, request.committed, resource)
    return entry.detail


def activity_other(entry: Activity, state: ExerciseState, t: Translator, named: str) -> str:
    """The `other` of a feed line: a decision's option by its label, else as named."""
    if entry.kind == "decided" and entry.inject_id:
        return options_text(t, state.pack, entry.inject_id, entry.other)
    return named

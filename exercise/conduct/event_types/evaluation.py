"""Payloads of evaluation (HSEEP): observations, ratings, hot wash, feedback, improvement plan."""

from __future__ import annotations

from typing import Any, Literal

from exercise.conduct.event_types.base import EventData
from exercise.conduct.event_types.registry import REGISTRY
from exercise.conduct.events import EventKind


@REGISTRY.model
class ObservationRecorded(EventData):
    event_kind = EventKind.observation_recorded
    kind: Literal["strength", "area_for_improvement"]
    text: str
    objective: str | None = None
    critical_task: str | None = None
    agency: str | None = None
    inject_id: str | None = None


@REGISTRY.model
class RatingRecorded(EventData):
    event_kind = EventKind.rating_recorded
    objective: str
    capability: str
    rating: Literal["P", "S", "M", "U"]
    rationale: str = ""


@REGISTRY.model
class HotwashNoted(EventData):
    event_kind = EventKind.hotwash_noted
    kind: Literal["strength", "area_for_improvement", "note"]
    text: str
    agency: str | None = None


@REGISTRY.model
class FeedbackSubmitted(EventData):
    """`answers` holds the form as `evaluation.submit_feedback` checked it."""

    event_kind = EventKind.feedback_submitted
    respondent: str = ""
    role: str = ""
    agency: str | None = None
    answers: dict[str, Any] = {}

    def free_form(self) -> bool:
        return True


@REGISTRY.model
class ImprovementItemSaved(EventData):
    event_kind = EventKind.improvement_item_saved
    item_id: str
    core_capability: str
    issue: str
    corrective_action: str
    capability_element: str
    responsible_organization: str
    poc: str = ""
    start_date: str = ""
    completion_date: str = ""
    objective: str | None = None

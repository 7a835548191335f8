"""What an exercise state is made of: plain frozen records, each stamped with its scenario minute
and the sequence number of the event that made it, ready for a screen to render."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

R = TypeVar("R")


def evolve(record: R, **changes: Any) -> R:
    """`dataclasses.replace` for these records, without re-running `__init__` (the fold calls
    it for every delivery and answer; replace costs several times more)."""
    twin = object.__new__(type(record))
    twin.__dict__.update(record.__dict__)
    twin.__dict__.update(changes)
    return twin


@dataclass(frozen=True)
class Table:
    label: str
    agencies: tuple[str, ...]
    joined_minute: float | None = None
    joined: bool = False


@dataclass(frozen=True)
class Release:
    inject_id: str
    scenario_minute: float
    mode: str  # scheduled | manual | adhoc
    actor: str
    seq: int


@dataclass(frozen=True)
class Hold:
    inject_id: str
    scenario_minute: float
    actor: str
    reason: str
    skipped: bool = False


@dataclass(frozen=True)
class InboxItem:
    """One inject as an agency desk sees it."""

    inject_id: str
    agency: str
    scenario_minute: float  # released
    acknowledged_minute: float | None = None
    decision: str | None = None
    decision_minute: float | None = None
    rationale: str = ""

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_minute is not None


@dataclass(frozen=True)
class Decision:
    inject_id: str
    agency: str
    option: str
    rationale: str
    scenario_minute: float
    actor: str
    seq: int


@dataclass(frozen=True)
class ActionEntry:
    agency: str
    text: str
    inject_id: str | None
    scenario_minute: float
    actor: str
    seq: int


@dataclass(frozen=True)
class Message:
    message_id: str
    sender: str
    receiver: str
    channel: str
    text: str
    inject_id: str | None
    scenario_minute: float  # sent
    deliver_at: float | None
    status: str  # pending | delivered | failed
    delivered_minute: float | None = None
    failure: str = ""
    suggestions: tuple[str, ...] = ()
    seq: int = 0


@dataclass(frozen=True)
class Contact:
    """One observed contact: a message that reached its receiver."""

    sender: str
    receiver: str
    channel: str
    scenario_minute: float
    inject_id: str | None
    message_id: str


@dataclass(frozen=True)
class ResourceRequest:
    request_id: str
    requester: str
    holder: str
    resource: str
    quantity: int
    note: str
    inject_id: str | None
    scenario_minute: float
    status: str = "open"  # open | committed | partly_committed | refused
    committed: int = 0
    reason: str = ""
    answered_minute: float | None = None


@dataclass(frozen=True)
class ResourceLine:
    """What one agency holds of one resource type now (`conduct.holdings`): `held` is all it
    has had to hand, the pack's units plus those `received` in play; `committed` those it
    handed on; `free` those in its hands."""

    agency: str
    resource: str
    held: int
    committed: int
    received: int = 0

    @property
    def free(self) -> int:
        return self.held - self.committed

    @property
    def start(self) -> int:
        """The pack's units, before play."""
        return self.held - self.received


@dataclass(frozen=True)
class Observation:
    observation_id: str
    kind: str  # strength | area_for_improvement
    text: str
    objective: str | None
    critical_task: str | None
    agency: str | None
    inject_id: str | None
    evaluator: str
    scenario_minute: float


@dataclass(frozen=True)
class Rating:
    objective: str
    capability: str
    rating: str  # P | S | M | U
    rationale: str
    evaluator: str
    scenario_minute: float
    seq: int


@dataclass(frozen=True)
class HotwashNote:
    kind: str  # strength | area_for_improvement | note
    text: str
    agency: str | None
    actor: str
    scenario_minute: float
    seq: int


@dataclass(frozen=True)
class Feedback:
    """A participant feedback form (HSEEP PFF); `answers` holds the form fields as submitted."""

    respondent: str
    role: str
    agency: str | None
    answers: dict[str, Any] = field(default_factory=dict)
    scenario_minute: float | None = None
    seq: int = 0
    submitter: str = ""  # the code's actor (a table, an evaluator): with the name, one form each


@dataclass(frozen=True)
class ImprovementItem:
    """One row of the improvement-plan matrix."""

    item_id: str
    core_capability: str
    issue: str
    corrective_action: str
    capability_element: str  # Planning | Organization | Equipment | Training | Exercise
    responsible_organization: str
    poc: str = ""
    start_date: str = ""
    completion_date: str = ""
    objective: str | None = None
    scenario_minute: float | None = None
    seq: int = 0

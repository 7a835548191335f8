"""The after-action report (AAR) and improvement plan (IP), as HSEEP lays them out.

Everything here is data already in the language of the report (but a participant's level, a
code), with every word taken from the package catalogue; exporters only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

RATINGS = ("P", "S", "M", "U")
CAPABILITY_ELEMENTS = ("Planning", "Organization", "Equipment", "Training", "Exercise")


@dataclass(frozen=True)
class ObjectiveLine:
    id: str
    title: str
    core_capabilities: tuple[str, ...]
    critical_tasks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Overview:
    name: str
    dates: str
    scope: str
    hazards: tuple[str, ...]
    scenario: str
    objectives: tuple[ObjectiveLine, ...]
    core_capabilities: tuple[str, ...]
    agencies: tuple[str, ...]  # played by a table
    facilitator: str = ""
    evaluators: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    simulated: tuple[str, ...] = ()  # agencies of the pack nobody played


@dataclass(frozen=True)
class CapabilityAnalysis:
    """One row of the Objective | Core Capability | P | S | M | U table, with its findings."""

    objective: str
    core_capability: str
    rating: str | None
    rationale: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()
    areas_for_improvement: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImprovementItem:
    core_capability: str
    issue: str
    corrective_action: str = ""
    capability_element: str = ""
    primary_organization: str = ""
    poc: str = ""
    start_date: str = ""
    completion_date: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    time: str
    kind: str
    actor: str
    text: str
    priority: int = 1  # 0: kept first when a printed timeline must be cut


@dataclass(frozen=True)
class AgencyResponse:
    agency: str
    injects_received: int
    acknowledged: int
    median_minutes_to_ack: float | None
    median_minutes_to_action: float | None
    unanswered: int
    expected_contacts_made: int
    expected_contacts_total: int
    messages_sent: int
    messages_failed: int


@dataclass(frozen=True)
class LinkLine:
    a: str
    b: str
    detail: str = ""


@dataclass(frozen=True)
class CommunicationsAnnex:
    coverage: float | None
    planned_links: int
    used_planned_links: int
    unused_links: tuple[LinkLine, ...]
    emergent_links: tuple[LinkLine, ...]
    coordinators: tuple[LinkLine, ...]
    unreachable_periods: tuple[LinkLine, ...]
    module_slices: tuple[LinkLine, ...]
    planned_graph_png: bytes | None = None
    observed_graph_png: bytes | None = None


@dataclass(frozen=True)
class FeedbackSummary:
    responses: int
    averages: tuple[tuple[str, float], ...] = ()
    comments: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Participant:
    agency: str
    table: str
    level: str  # the AgencyLevel code: the outline sorts tiers by it and names it in the language
    sector: str


@dataclass(frozen=True)
class AfterActionReport:
    lang: str
    overview: Overview
    capability_analysis: tuple[CapabilityAnalysis, ...]
    improvement_plan: tuple[ImprovementItem, ...]
    timeline: tuple[TimelineEntry, ...]
    responses: tuple[AgencyResponse, ...]
    communications: CommunicationsAnnex
    feedback: FeedbackSummary
    hot_wash: tuple[str, ...] = ()
    participants: tuple[Participant, ...] = field(default_factory=tuple)
    responses_total: AgencyResponse | None = None  # every played agency together
    simulated: tuple[str, ...] = ()  # agencies nobody played, voiced by the facilitator

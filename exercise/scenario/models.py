"""The scenario-pack format: pydantic models for one exercise design.

Structural rules live here; rules that relate one part of a pack to another (references,
times inside modules, condition cycles) live in `references.py`, so that every problem in a
pack is reported in one pass.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Final, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

from exercise.scenario.text import Language, LocalText
from exercise.scenario.time_of_day import ScenarioStart
from exercise.scenario.timecode import MAX_MINUTES, ScenarioMinutes

FORMAT_VERSION: Final = 1

Identifier = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$"),
]
ShortString = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class PackModel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


class Hazard(str, Enum):
    typhoon = "typhoon"
    earthquake = "earthquake"
    flood = "flood"
    landslide = "landslide"
    debris_flow = "debris_flow"
    barrier_lake = "barrier_lake"
    tsunami = "tsunami"
    heat = "heat"
    grid_failure = "grid_failure"
    storm_surge = "storm_surge"
    wildfire = "wildfire"
    other = "other"


class ExerciseType(str, Enum):
    tabletop = "tabletop"
    workshop = "workshop"
    game = "game"
    seminar = "seminar"


class Source(PackModel):
    """A citation for a fact the scenario rests on."""

    title: ShortString
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)] | None = None
    publisher: ShortString | None = None
    accessed: ShortString | None = None
    note: LocalText | None = None


class Metadata(PackModel):
    id: Identifier
    title: LocalText
    hazards: list[Hazard] = Field(min_length=1)
    setting: LocalText
    jurisdiction: LocalText | None = None
    languages: list[Language] = Field(default_factory=lambda: list[Language](["en"]), min_length=1)
    summary: LocalText
    exercise_type: ExerciseType = ExerciseType.tabletop
    duration: ScenarioMinutes = Field(description="planned duration of play in real minutes")
    scenario_start: ScenarioStart | None = Field(
        default=None,
        description="when T+00:00 happens, as a date and time of day ('2026-09-14 06:00') or a "
        "day and time of day ('Day 1 06:00'); every scenario time is then shown as "
        "'Day 2 20:30 (T+12:00)'. Free text with a time of day in it (older packs, one per "
        "language) is still read; without one, times are shown as T+ only",
        json_schema_extra={"examples": ["2026-09-14 06:00", "Day 1 06:00"]},
    )
    version: ShortString = "1"
    authors: list[ShortString] = Field(default_factory=list)
    facilitator_notes: LocalText | None = None
    sources: list[Source] = Field(default_factory=list)


class CriticalTask(PackModel):
    id: Identifier
    title: LocalText


class Objective(PackModel):
    id: Identifier
    title: LocalText
    core_capabilities: list[ShortString] = Field(min_length=1)
    critical_tasks: list[CriticalTask] = Field(default_factory=list)


class Area(PackModel):
    """A place whose infrastructure can fail on its own: a county, a township, a valley."""

    id: Identifier
    name: LocalText
    parent: Identifier | None = None


class AgencyLevel(str, Enum):
    """The tier of government an agency belongs to (or, for the last three, that it is not a
    tier of government). Taiwan's Disaster Prevention and Protection Act has three tiers:
    central (`national`), special municipality or county/city (`county`) and township, town,
    city or district (`township`); villages and neighbourhoods are `community`. A US pack maps
    federal to `national`, state to `regional`, county to `county`, municipal (city, town,
    township) to `township`. `regional` also serves a central agency's regional office.
    `local` (county or township, undecided) stays valid for older packs: validate advises
    `county` or `township` instead."""

    national = "national"
    regional = "regional"
    county = "county"
    township = "township"
    local = "local"
    community = "community"
    private = "private"
    ngo = "ngo"
    support = "support"


class Ownership(str, Enum):
    """Who owns an agency, apart from the tier it works at: Taipower, Taiwan Water and the
    Taiwan Railway are `state_owned` enterprises; a telecom operator or a hotel is `private`."""

    government = "government"
    state_owned = "state_owned"
    private = "private"
    ngo = "ngo"
    community = "community"
    military = "military"


class Agency(PackModel):
    """An organisation at the table."""

    id: Identifier
    name: LocalText
    short_name: LocalText | None = None
    level: AgencyLevel
    sector: LocalText
    jurisdiction: LocalText | None = None
    area: Identifier
    channels: list[Identifier] = Field(
        default_factory=list,
        description="channels the agency can use beyond those on its contact-plan links",
    )
    description: LocalText | None = None
    relay_minutes: float | None = Field(
        default=None, ge=0, le=1440,
        description="minutes the agency takes to decide and pass a warning on; when absent, a "
        "default for its sector or level (exercise/network/relay_times.yaml)",
    )
    ownership: Ownership | None = Field(
        default=None,
        description="government, state_owned (Taipower, Taiwan Water, the railway), private, ngo, "
        "community or military; when absent, private for level private, ngo for level ngo, "
        "government otherwise",
    )
    seated_in: Identifier | None = Field(
        default=None,
        description="the EOC (an agency id) where this agency's representative sits while that "
        "EOC stands (進駐): the two talk in person, whatever their planned channels depend on; "
        "the agency's links to its own field units stay as fragile as their channels",
    )

    @property
    def owner(self) -> Ownership:
        """The ownership the pack gives, else the one its level implies."""
        if self.ownership is not None:
            return self.ownership
        return {AgencyLevel.private: Ownership.private, AgencyLevel.ngo: Ownership.ngo}.get(
            self.level, Ownership.government)


class Actor(PackModel):
    """A simulated actor that sends injects but does not play: media, residents, a forecaster."""

    id: Identifier
    name: LocalText


class InfrastructureKind(str, Enum):
    power = "power"
    mobile = "mobile"
    landline = "landline"
    internet = "internet"
    radio = "radio"
    satellite = "satellite"
    roads = "roads"
    water = "water"
    broadcast = "broadcast"
    other = "other"


class Dependency(PackModel):
    """This system needs `system` in the same area; it survives its loss for `backup` minutes."""

    system: Identifier
    backup: ScenarioMinutes = 0


class InfrastructureSystem(PackModel):
    id: Identifier
    name: LocalText
    kind: InfrastructureKind
    depends_on: list[Dependency] = Field(default_factory=list)


class ResourceType(PackModel):
    id: Identifier
    name: LocalText
    unit: LocalText | None = None


class ResourceHolding(PackModel):
    agency: Identifier
    type: Identifier
    quantity: int = Field(ge=0, le=10_000_000)
    note: LocalText | None = None


class ChannelKind(str, Enum):
    landline = "landline"
    mobile = "mobile"
    radio = "radio"
    satellite = "satellite"
    email = "email"
    fax = "fax"
    messaging_app = "messaging_app"
    liaison_officer = "liaison_officer"
    video_conference = "video_conference"
    cell_broadcast = "cell_broadcast"
    siren = "siren"
    broadcast_media = "broadcast_media"
    in_person = "in_person"
    web_platform = "web_platform"


class Congestion(PackModel):
    """A channel degraded (or lost) by load for a while: the first hours after an earthquake,
    when everyone calls at once."""

    start: ScenarioMinutes = 0
    end: ScenarioMinutes
    status: Literal["degraded", "down"] = "degraded"
    area: Identifier | None = Field(default=None, description="where (and below); everywhere when absent")
    reason: LocalText | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Congestion:
        if self.end <= self.start:
            raise ValueError("congestion must end after it starts")
        return self


class Channel(PackModel):
    id: Identifier
    kind: ChannelKind
    name: LocalText | None = None
    depends_on: list[Identifier] = Field(
        default_factory=list, description="infrastructure systems needed in the areas of both ends"
    )
    latency: ScenarioMinutes = 1
    reliability: float = Field(default=0.95, ge=0.0, le=1.0)
    independent_because: LocalText | None = Field(
        default=None,
        description="why the channel depends on no infrastructure system of the pack (e.g. 'own "
        "batteries and satellites outside the area'); a channel says what it depends on, or why nothing",
    )
    charging: Dependency | None = Field(
        default=None,
        description="what the handsets are charged from, and `backup` minutes their batteries last "
        "without it (in the area of each end)",
    )
    congestion: list[Congestion] = Field(
        default_factory=list, description="periods when load degrades the channel")
    terminals: Identifier | None = Field(
        default=None,
        description="a resource type: only agencies holding at least one (`resources`) can use the "
        "channel; six satellite phones are a resource, not a property of every agency",
    )

    @field_validator("latency")
    @classmethod
    def _latency_not_negative(cls, value: int) -> int:
        if value < 0:
            raise ValueError("latency cannot be negative")
        return value


class LinkDirection(str, Enum):
    both = "both"
    one_way = "one_way"


class FormalBasis(str, Enum):
    law = "law"
    sop = "sop"
    mou = "mou"
    informal = "informal"


class Link(PackModel):
    """One line of the contact plan: who is supposed to reach whom, by which channels."""

    from_: Identifier = Field(alias="from")
    to: Identifier
    channels: list[Identifier] = Field(min_length=1, description="in priority order")
    direction: LinkDirection = LinkDirection.both
    basis: FormalBasis = FormalBasis.sop
    note: LocalText | None = None


class Module(PackModel):
    id: Identifier
    title: LocalText
    start: ScenarioMinutes
    end: ScenarioMinutes | None = Field(
        default=None, description="defaults to the next module's start or the scenario's end"
    )
    situation: LocalText
    questions: list[LocalText] = Field(default_factory=list)


class InjectType(str, Enum):
    information = "information"
    request = "request"
    decision = "decision"
    media = "media"
    resource = "resource"
    infrastructure = "infrastructure"


class Status(str, Enum):
    up = "up"
    degraded = "degraded"
    down = "down"


class InfrastructureEffect(PackModel):
    """Sets an infrastructure system's status in an area (or every area when none is named)."""

    system: Identifier
    area: Identifier | None = None
    status: Status
    reason: LocalText | None = None


class AgencyEffect(PackModel):
    """Sets an agency's status: down means it cannot send or receive."""

    agency: Identifier
    status: Status
    reason: LocalText | None = None


def _effect_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        return "agency" if "agency" in value else "infrastructure"
    return "agency" if isinstance(value, AgencyEffect) else "infrastructure"


Effect = Annotated[
    Annotated[InfrastructureEffect, Tag("infrastructure")] | Annotated[AgencyEffect, Tag("agency")],
    Discriminator(_effect_kind),
]


class AfterInject(PackModel):
    """True `delay` minutes after inject `after` was released."""

    after: Identifier
    delay: ScenarioMinutes = 0


class DecisionChosen(PackModel):
    """True once option `option` of decision inject `decision` was chosen."""

    decision: Identifier
    option: Identifier
    by: Identifier | None = Field(default=None, description="only when this agency chose it")


class NoContact(PackModel):
    """True at time `by` when the two agencies have not reached each other (either direction)."""

    no_contact: Annotated[list[Identifier], Field(min_length=2, max_length=2)]
    by: ScenarioMinutes


class NoAcknowledgement(PackModel):
    """True at time `by` when inject `no_ack` is unacknowledged (by `agency`, or by everyone)."""

    no_ack: Identifier
    by: ScenarioMinutes
    agency: Identifier | None = None


_CONDITION_KEYS = {
    "after": "after",
    "decision": "decision",
    "no_contact": "no_contact",
    "no_ack": "no_ack",
}


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        return next((tag for key, tag in _CONDITION_KEYS.items() if key in value), None)
    for model, tag in _CONDITION_MODELS.items():
        if isinstance(value, model):
            return tag
    return None


Condition = Annotated[
    Annotated[AfterInject, Tag("after")]
    | Annotated[DecisionChosen, Tag("decision")]
    | Annotated[NoContact, Tag("no_contact")]
    | Annotated[NoAcknowledgement, Tag("no_ack")],
    Discriminator(
        _condition_kind,
        custom_error_type="unknown_condition",
        custom_error_message="a condition needs one of the keys after, decision, no_contact, no_ack",
    ),
]
_CONDITION_MODELS = {
    AfterInject: "after",
    DecisionChosen: "decision",
    NoContact: "no_contact",
    NoAcknowledgement: "no_ack",
}


class DecisionOption(PackModel):
    id: Identifier
    label: LocalText
    consequence: LocalText | None = None


class ExpectedContact(PackModel):
    from_: Identifier = Field(alias="from")
    to: Identifier

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, value: Any) -> Any:
        if isinstance(value, str) and "->" in value:
            left, right = value.split("->", 1)
            return {"from": left.strip(), "to": right.strip()}
        if isinstance(value, (list, tuple)) and len(value) == 2:
            return {"from": value[0], "to": value[1]}
        return value


class Inject(PackModel):
    """One row of the MSEL."""

    id: Identifier
    module: Identifier
    time: ScenarioMinutes
    from_: Identifier = Field(alias="from", description="an agency or a simulated actor")
    to: list[Identifier] = Field(min_length=1)
    channel: Identifier | None = None
    type: InjectType = InjectType.information
    title: LocalText
    message: LocalText
    expected_actions: list[LocalText] = Field(default_factory=list)
    expected_contacts: list[ExpectedContact] = Field(default_factory=list)
    objectives: list[Identifier] = Field(default_factory=list)
    critical_tasks: list[Identifier] = Field(default_factory=list)
    effects: list[Effect] = Field(default_factory=list)
    conditions: list[Condition] = Field(
        default_factory=list, description="all must hold; the inject is due at `time` or later"
    )
    options: list[DecisionOption] = Field(default_factory=list)
    facilitator_notes: LocalText | None = None
    contingency: bool = False


class PlannedTable(PackModel):
    """One table of players in a table plan, and the agencies it plays."""

    id: Identifier
    name: LocalText | None = None
    agencies: list[Identifier] = Field(min_length=1)


class TablePlan(PackModel):
    """A suggested grouping of agencies into tables (e.g. '5 tables for a class of 20')."""

    id: Identifier
    name: LocalText
    tables: list[PlannedTable] = Field(min_length=1)
    note: LocalText | None = None


class _Lookups:
    """The pack's id look-ups, built lazily per section. A cache, not part of the pack's value:
    every two compare equal, and a copy of the pack (`model_copy`, `copy`, `deepcopy`) starts
    with its own empty one, so a copy with other sections never reads the original's index."""

    def __init__(self) -> None:
        self.sections: dict[str, tuple[list[Any], dict[str, Any]]] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Lookups)

    __hash__ = None  # type: ignore[assignment]

    def __copy__(self) -> _Lookups:
        return _Lookups()

    def __deepcopy__(self, memo: dict[int, Any]) -> _Lookups:
        return _Lookups()


class ScenarioPack(PackModel):
    format_version: Literal[1] = FORMAT_VERSION
    metadata: Metadata
    objectives: list[Objective] = Field(default_factory=list)
    areas: list[Area] = Field(min_length=1)
    agencies: list[Agency] = Field(min_length=1)
    actors: list[Actor] = Field(default_factory=list)
    infrastructure: list[InfrastructureSystem] = Field(default_factory=list)
    channels: list[Channel] = Field(min_length=1)
    links: list[Link] = Field(default_factory=list)
    resource_types: list[ResourceType] = Field(default_factory=list)
    resources: list[ResourceHolding] = Field(default_factory=list)
    modules: list[Module] = Field(min_length=1)
    injects: list[Inject] = Field(default_factory=list)
    table_plans: list[TablePlan] = Field(
        default_factory=list, description="suggested groupings of agencies into tables of players"
    )

    # Look-ups used everywhere; built lazily, never serialised.
    def agency(self, agency_id: str) -> Agency:
        return self._index("agencies")[agency_id]

    def channel(self, channel_id: str) -> Channel:
        return self._index("channels")[channel_id]

    def inject(self, inject_id: str) -> Inject:
        return self._index("injects")[inject_id]

    def module(self, module_id: str) -> Module:
        return self._index("modules")[module_id]

    def system(self, system_id: str) -> InfrastructureSystem:
        return self._index("infrastructure")[system_id]

    _lookups: _Lookups = PrivateAttr(default_factory=_Lookups)

    def __copy__(self) -> Self:
        copied = super().__copy__()
        copied._lookups = _Lookups()  # pydantic's copy would share the private object
        return copied

    def _index(self, section: str) -> dict[str, Any]:
        """`{id: item}` of a section, built once per list object: a section assigned anew
        gets a new index (a list changed in place does not)."""
        items = getattr(self, section)
        # Straight from pydantic's private storage: `self._lookups` goes through a failed
        # attribute lookup and `BaseModel.__getattr__` (measured 7 µs against 0.1 µs), and
        # look-ups run on every fold and every page.
        sections = self.__pydantic_private__["_lookups"].sections  # type: ignore[index]
        known = sections.get(section)
        if known is None or known[0] is not items:
            known = (items, {item.id: item for item in items})
            sections[section] = known
        return known[1]

    def module_window(self, module_id: str) -> tuple[int, int]:
        """[start, end) of a module in scenario minutes."""
        ordered = sorted(self.modules, key=lambda m: m.start)
        for position, module in enumerate(ordered):
            if module.id == module_id:
                if module.end is not None:
                    return module.start, module.end
                if position + 1 < len(ordered):
                    return module.start, ordered[position + 1].start
                return module.start, MAX_MINUTES + 1
        raise KeyError(module_id)

    def last_time(self) -> int:
        """The latest scenario time at which the design places anything."""
        times = [i.time for i in self.injects] + [m.start for m in self.modules]
        times += [m.end for m in self.modules if m.end is not None]
        return max(times)

    def channels_usable_by(self, agency_id: str) -> list[str]:
        """Channels an agency has: its own list, then those of every link it is an end of."""
        found: dict[str, None] = dict.fromkeys(self.agency(agency_id).channels)
        for link in self.links:
            if agency_id in (link.from_, link.to):
                found.update(dict.fromkeys(link.channels))
        return list(found)

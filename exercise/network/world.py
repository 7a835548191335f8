"""The state of the world during play: which infrastructure works where, which agencies work.

A `WorldState` is the pack plus the ordered list of effects applied so far; it never changes,
`apply` returns a new one. Every query takes a scenario minute, because status changes with time
alone: an effect counts only from its own time on, and a system whose dependency is lost keeps
working for its `backup` minutes (batteries), then fails.

Rules (the issue's semantics, in one place):
- an effect on an area covers that area and every area below it (`Area.parent`); an effect with
  no area covers every area; among the effects covering an area, the latest (by time, then by
  order of application) sets the system's own status there;
- a dependency that is down in an area for `backup` minutes takes the system down there; one
  that is degraded (or worse) for `backup` minutes degrades it; restoring it restores at once
  (batteries are assumed recharged);
- a channel between agencies a and b has the worst status of both agencies and of every system
  it depends on, in the areas of both ends; between an agency and the EOC its representative
  sits in (`seated_in`), only the two agencies count (they talk in person); a degraded channel
  is still usable, with its latency multiplied by DEGRADED_LATENCY_FACTOR and its reliability by
  DEGRADED_RELIABILITY_FACTOR; a seated pair's message takes the in-person minute
  (`seats.in_person_minutes`), not the latency of the channel it was planned on;
- a channel with `terminals` works only between agencies that hold at least one at that minute:
  the pack's holdings, moved by the handovers of play (`hand_over`: a resource request answered
  with a commit hands the committed units from the holder to the requester at that minute).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

from exercise.network import phrases
from exercise.network.seats import in_person_minutes, seated_pairs
from exercise.scenario.models import (
    AgencyEffect,
    Channel,
    Dependency,
    InfrastructureEffect,
    ScenarioPack,
    Status,
)
from exercise.scenario.text import localize
from exercise.scenario.time_of_day import start_of

DEGRADED_LATENCY_FACTOR = 2.0
DEGRADED_RELIABILITY_FACTOR = 0.7
BEFORE_PLAY = -(10**9)
T = TypeVar("T")
_RANK = {Status.up: 0, Status.degraded: 1, Status.down: 2}


@dataclass(frozen=True)
class StatusReason:
    """One reason something is not up, shown to users."""

    status: Status
    text: str
    since: int
    source: str | None = None


@dataclass(frozen=True)
class Health:
    status: Status
    reasons: tuple[StatusReason, ...] = ()
    in_person: float | None = None  # minutes, between an agency and the EOC it is seated in

    @property
    def usable(self) -> bool:
        return self.status is not Status.down

    def explain(self) -> str:
        """Every reason, the chain of causes included."""
        return "; ".join(reason.text for reason in self.reasons)

    def summary(self) -> str:
        """The main reason; it names its own causes."""
        return self.reasons[0].text if self.reasons else ""


UP = Health(Status.up)


def worst(healths: Iterable[Health]) -> Health:
    """The worst status among `healths`, with the reasons of every part that has it."""
    items = list(healths)
    status = max((h.status for h in items), key=_RANK.__getitem__, default=Status.up)
    if status is Status.up:
        return UP
    reasons: dict[StatusReason, None] = {}
    for health in items:
        if health.status is status:
            reasons.update(dict.fromkeys(health.reasons))
    return Health(status, tuple(reasons))


def effective_latency(channel: Channel, health: Health) -> float:
    """Minutes a message takes over `channel` in `health`; infinite when down."""
    if health.status is Status.down:
        return float("inf")
    factor = DEGRADED_LATENCY_FACTOR if health.status is Status.degraded else 1.0
    base = channel.latency if health.in_person is None else health.in_person
    return base * factor


def effective_reliability(channel: Channel, health: Health) -> float:
    if health.status is Status.down:
        return 0.0
    factor = DEGRADED_RELIABILITY_FACTOR if health.status is Status.degraded else 1.0
    return channel.reliability * factor


@dataclass(frozen=True)
class AppliedEffect:
    """An effect as applied: when, by which inject, in which language its reason was shown."""

    seq: int
    at: int
    effect: InfrastructureEffect | AgencyEffect
    source: str | None
    lang: str


@dataclass(frozen=True)
class Handover:
    """Units of a resource handed from one agency to another during play, from minute `at` on."""

    seq: int
    at: int
    resource: str
    giver: str
    taker: str
    quantity: int
    source: str | None = None


class _Timeline:
    """A status that changes at given minutes: health at t is the last change at or before t."""

    __slots__ = ("starts", "healths")

    def __init__(self, changes: list[tuple[int, Health]]) -> None:
        merged: dict[int, Health] = {}
        for start, health in changes:  # at the same minute the later change wins
            merged[start] = health
        ordered = sorted(merged.items())
        self.starts = [start for start, _ in ordered]
        self.healths = [health for _, health in ordered]

    def at(self, minute: int) -> Health:
        index = bisect_right(self.starts, minute) - 1
        return self.healths[index] if index >= 0 else UP

    def segments(self) -> list[tuple[int, int | None, Health]]:
        ends: list[int | None] = [*self.starts[1:], None]
        return list(zip(self.starts, ends, self.healths, strict=True))


class _PackIndex:
    """Look-ups derived once from a pack and shared by every state built from it."""

    def __init__(self, pack: ScenarioPack) -> None:
        self.pack = pack
        self.start = start_of(pack.metadata.scenario_start)  # times in reasons as Day 1 09:00
        self.areas = {area.id: area for area in pack.areas}
        self.systems = {system.id: system for system in pack.infrastructure}
        self.agencies = {agency.id: agency for agency in pack.agencies}
        self.channels = {channel.id: channel for channel in pack.channels}
        self.ancestors = {area_id: self._ancestors(area_id) for area_id in self.areas}
        self.seats = seated_pairs(pack)
        self.in_person = in_person_minutes(pack)
        self.holdings: dict[tuple[str, str], int] = {}  # (agency, resource) -> units at the start
        for holding in pack.resources:
            key = (holding.agency, holding.type)
            self.holdings[key] = self.holdings.get(key, 0) + holding.quantity
        self.terminals = {c.terminals for c in pack.channels if c.terminals is not None}
        # channels that fail on their own: handsets to charge, congestion
        self.failing_channels = {c.id for c in pack.channels if c.charging is not None or c.congestion}
        self.planned: dict[tuple[str, str], list[str]] = {}
        for link in pack.links:
            self._plan(link.from_, link.to, link.channels)
        for link in pack.links:
            if link.direction.value == "both":
                self._plan(link.to, link.from_, link.channels)

        self.successors: dict[str, list[str]] = {agency_id: [] for agency_id in self.agencies}
        self.predecessors: dict[str, list[str]] = {agency_id: [] for agency_id in self.agencies}
        for a, b in self.planned:
            self.successors.setdefault(a, []).append(b)
            self.predecessors.setdefault(b, []).append(a)

    def _plan(self, a: str, b: str, channels: list[str]) -> None:
        known = self.planned.setdefault((a, b), [])
        known.extend(c for c in channels if c not in known)

    def _ancestors(self, area_id: str) -> frozenset[str]:
        found: list[str] = []
        current: str | None = area_id
        while current is not None and current in self.areas and current not in found:
            found.append(current)
            current = self.areas[current].parent
        return frozenset(found)

    def area_name(self, area_id: str | None, lang: str) -> str:
        if area_id is None:
            return phrases.everywhere(lang)
        return localize(self.areas[area_id].name, lang)

    def name(self, section: str, item_id: str, lang: str) -> str:
        item = getattr(self, section)[item_id]
        name = getattr(item, "short_name", None) or item.name
        return localize(name, lang) if name else item_id


class WorldState:
    """Immutable: every `apply` returns a new state; queries are cached per state."""

    __slots__ = ("_index", "_applied", "_handovers", "_lang", "_cache", "_agencies", "_channels",
                 "_changes", "_twins")

    def __init__(self, index: _PackIndex, applied: tuple[AppliedEffect, ...],
                 handovers: tuple[Handover, ...] = (), lang: str | None = None) -> None:
        self._index = index
        self._applied = applied
        self._handovers = handovers
        self._lang = lang  # set by `in_language`: reasons that no effect carries read in it
        self._twins: dict[str, WorldState] = {}
        self._cache: dict[tuple[str, str], _Timeline] = {}
        self._agencies: dict[str, _Timeline] = {}
        self._channels: dict[tuple[str, str, str, int], Health] = {}
        self._changes: list[int] | None = None

    @classmethod
    def initial(cls, pack: ScenarioPack) -> WorldState:
        return cls(_PackIndex(pack), ())

    @property
    def pack(self) -> ScenarioPack:
        return self._index.pack

    @property
    def version(self) -> int:
        """Number of effects applied and resources handed over; a key for caches."""
        return len(self._applied) + len(self._handovers)

    @property
    def handovers(self) -> tuple[Handover, ...]:
        return self._handovers

    @property
    def applied(self) -> tuple[AppliedEffect, ...]:
        return self._applied

    def apply(
        self,
        effect: InfrastructureEffect | AgencyEffect,
        at: int,
        source: str | None = None,
        lang: str = "en",
    ) -> WorldState:
        self._check(effect)
        if not isinstance(effect.status, Status):  # built with model_copy(update=...) unvalidated
            effect = type(effect).model_validate(effect.model_dump(by_alias=True, warnings=False))
        record = AppliedEffect(len(self._applied), int(at), effect, source, lang)
        return WorldState(self._index, (*self._applied, record), self._handovers, self._lang)

    def hand_over(self, resource: str, giver: str, taker: str, quantity: int, at: int,
                  source: str | None = None) -> WorldState:
        """`quantity` units of `resource` pass from `giver` to `taker` at minute `at`: a terminal
        handed over lets the taker use its channel from then on (and the giver, if it has none
        left, no longer)."""
        _known("agency", giver, self._index.agencies)
        _known("agency", taker, self._index.agencies)
        if quantity <= 0 or giver == taker:
            return self
        record = Handover(len(self._handovers), int(at), resource, giver, taker, quantity, source)
        return WorldState(self._index, self._applied, (*self._handovers, record), self._lang)

    def in_language(self, lang: str) -> WorldState:
        """The same world whose reasons read in `lang` (a report in another language)."""
        if self._reading_lang() == lang and all(record.lang == lang for record in self._applied):
            return self
        twin = self._twins.get(lang)
        if twin is None:  # kept: its caches serve every later question in that language
            twin = WorldState(self._index, tuple(replace(r, lang=lang) for r in self._applied),
                              self._handovers, lang)
            self._twins[lang] = twin
        return twin

    def _reading_lang(self) -> str:
        """The language of reasons no effect carries (no terminal, congestion)."""
        if self._lang is not None:
            return self._lang
        return self._applied[-1].lang if self._applied else "en"

    def _check(self, effect: InfrastructureEffect | AgencyEffect) -> None:
        index = self._index
        if isinstance(effect, AgencyEffect):
            _known("agency", effect.agency, index.agencies)
        else:
            _known("infrastructure system", effect.system, index.systems)
            if effect.area is not None:
                _known("area", effect.area, index.areas)

    # --- queries -------------------------------------------------------------------------

    def system_health(self, system_id: str, area_id: str, at: int) -> Health:
        _known("infrastructure system", system_id, self._index.systems)
        _known("area", area_id, self._index.areas)
        return self._timeline(system_id, area_id).at(at)

    def agency_health(self, agency_id: str, at: int) -> Health:
        timeline = self._agencies.get(agency_id)
        if timeline is None:
            _known("agency", agency_id, self._index.agencies)
            timeline = self._agency_timeline(agency_id)
            self._agencies[agency_id] = timeline
        return timeline.at(at)

    def _agency_timeline(self, agency_id: str) -> _Timeline:
        changes: list[tuple[int, Health]] = [(BEFORE_PLAY, UP)]
        records = [
            r for r in self._applied
            if isinstance(r.effect, AgencyEffect) and r.effect.agency == agency_id
        ]
        for record in sorted(records, key=lambda r: (r.at, r.seq)):
            effect = record.effect
            if effect.status is Status.up:
                changes.append((record.at, UP))
                continue
            lang = record.lang
            name = self._index.name("agencies", agency_id, lang)
            text = phrases.agency_status(name, effect.status, record.at, lang, self._index.start)
            if effect.reason is not None:
                text = phrases.with_reason(text, localize(effect.reason, lang), lang)
            reason = StatusReason(effect.status, text, record.at, record.source)
            changes.append((record.at, Health(effect.status, (reason,))))
        return _Timeline(changes)

    def holds(self, agency_id: str, resource: str, at: int) -> int:
        """Units of `resource` that `agency_id` holds at minute `at`: the pack's holdings plus
        what was handed to it, less what it handed on, up to that minute."""
        held = self._index.holdings.get((agency_id, resource), 0)
        for record in self._handovers:
            if record.resource == resource and record.at <= at:
                if record.taker == agency_id:
                    held += record.quantity
                if record.giver == agency_id:
                    held -= record.quantity
        return held

    def _terminal_since(self, agency_id: str, resource: str, at: int) -> int:
        """Since when `agency_id` has held no `resource` (it holds none at `at`)."""
        since = BEFORE_PLAY
        for record in sorted(self._handovers, key=lambda r: (r.at, r.seq)):
            if record.resource == resource and record.at <= at and agency_id in (record.giver, record.taker):
                if self.holds(agency_id, resource, record.at) <= 0:
                    since = max(since, record.at)
        return since

    def seated(self, a: str, b: str) -> str | None:
        """The EOC when one of `a`, `b` has its representative seated in the other."""
        return self._index.seats.get((a, b))

    def channel_health(self, channel_id: str, a: str, b: str, at: int) -> Health:
        """Health of `channel_id` between agencies `a` and `b`; between an agency and the EOC
        its representative sits in, that of the two agencies alone (they talk in person)."""
        channel = _known("channel", channel_id, self._index.channels)
        a_health, b_health = self.agency_health(a, at), self.agency_health(b, at)
        if (a, b) in self._index.seats:
            return replace(worst((a_health, b_health)), in_person=self._index.in_person)
        if channel.terminals is not None:
            terminal = channel.terminals
            lacking = [x for x in dict.fromkeys((a, b)) if self.holds(x, terminal, at) <= 0]
            if lacking:
                lang = self._reading_lang()
                name = self._index.name("channels", channel_id, lang)
                reasons = tuple(StatusReason(Status.down, phrases.no_terminal(
                    name, self._index.name("agencies", x, lang), lang),
                    self._terminal_since(x, terminal, at)) for x in lacking)
                return Health(Status.down, reasons)
        agencies = self._index.agencies
        areas = (agencies[a].area, agencies[b].area)
        if a_health is UP and b_health is UP:  # then only the two areas matter: memoise
            key = (channel_id, areas[0], areas[1], at)
            found = self._channels.get(key)
            if found is None:
                found = self._systems_health(channel.depends_on, areas, at, [], channel_id)
                self._channels[key] = found
            return found
        return self._systems_health(channel.depends_on, areas, at, [a_health, b_health], channel_id)

    def _systems_health(
        self, systems: list[str], areas: tuple[str, str], at: int, parts: list[Health],
        channel_id: str | None = None,
    ) -> Health:
        places = areas[:1] if areas[0] == areas[1] else areas
        timeline = self._timeline
        for system_id in systems:
            parts.extend(timeline(system_id, area_id).at(at) for area_id in places)
        if channel_id in self._index.failing_channels:
            parts.extend(self.channel_timeline(channel_id, area_id).at(at) for area_id in places)
        if all(part is UP for part in parts):
            return UP
        return worst(parts)

    def stable_until(self, at: int) -> float:
        """The first minute after `at` at which any status changes (infinite if none)."""
        if self._changes is None:
            self._changes = self.change_times()
        index = bisect_right(self._changes, at)
        return self._changes[index] if index < len(self._changes) else float("inf")

    def link_channels(self, a: str, b: str, at: int) -> list[tuple[str, Health]]:
        """Channels of the planned link a->b, in priority order, with their health."""
        planned = self._index.planned.get((a, b), [])
        return [(channel_id, self.channel_health(channel_id, a, b, at)) for channel_id in planned]

    def planned_channels(self, a: str, b: str) -> list[str]:
        return list(self._index.planned.get((a, b), []))

    def planned_successors(self, agency_id: str) -> list[str]:
        """Agencies that `agency_id` is planned to reach directly."""
        return list(self._index.successors.get(agency_id, []))

    def planned_predecessors(self, agency_id: str) -> list[str]:
        return list(self._index.predecessors.get(agency_id, []))

    def not_up(self, at: int) -> list[tuple[str, str, Health]]:
        """(system, area, health) for every system that is not up in some area at `at`."""
        found = []
        for system_id in self._index.systems:
            for area_id in self._index.areas:
                health = self._timeline(system_id, area_id).at(at)
                if health.status is not Status.up:
                    found.append((system_id, area_id, health))
        return found

    def change_times(self) -> list[int]:
        """Minutes at which some status may change (effects and ends of backups)."""
        times = {record.at for record in self._applied}
        touched = {r.effect.system for r in self._applied if isinstance(r.effect, InfrastructureEffect)}
        growing = True
        while growing:  # systems that depend, directly or not, on a system with effects
            more = {
                s.id for s in self._index.systems.values()
                if s.id not in touched and any(d.system in touched for d in s.depends_on)
            }
            touched |= more
            growing = bool(more)
        for system_id in touched:
            for area_id in self._index.areas:
                times.update(t for t in self._timeline(system_id, area_id).starts if t > BEFORE_PLAY)
        for channel_id in self._index.failing_channels:
            for area_id in self._index.areas:
                times.update(t for t in self.channel_timeline(channel_id, area_id).starts if t > BEFORE_PLAY)
        times.update(r.at for r in self._handovers if r.resource in self._index.terminals)
        return sorted(times)

    # --- timelines -----------------------------------------------------------------------

    def channel_timeline(self, channel_id: str, area_id: str) -> _Timeline:
        """What a channel does on its own in an area: handsets that run flat while their charging
        is lost, congestion while it lasts (the systems it depends on come on top)."""
        key = ("channel:" + channel_id, area_id)
        timeline = self._cache.get(key)
        if timeline is None:
            channel = self._index.channels[channel_id]
            parts: list[_Timeline] = []
            if channel.charging is not None and channel.charging.system in self._index.systems:
                parts.append(self._dependency_timeline(channel_id, channel.charging, area_id, "channels"))
            if channel.congestion:
                parts.append(self._congestion_timeline(channel_id, area_id))
            timeline = _merge(parts) if len(parts) > 1 else (parts[0] if parts else _Timeline([]))
            self._cache[key] = timeline
        return timeline

    def _congestion_timeline(self, channel_id: str, area_id: str) -> _Timeline:
        channel = self._index.channels[channel_id]
        covering = self._index.ancestors[area_id]
        lang = self._reading_lang()
        changes: list[tuple[int, Health]] = [(BEFORE_PLAY, UP)]
        for period in sorted(channel.congestion, key=lambda p: p.start):
            if period.area is not None and period.area not in covering:
                continue
            status = Status(period.status)
            text = phrases.congested(self._index.name("channels", channel_id, lang), status,
                                     self._index.area_name(period.area, lang), period.start, lang,
                                     self._index.start)
            if period.reason is not None:
                text = phrases.with_reason(text, localize(period.reason, lang), lang)
            changes.append((period.start, Health(status, (StatusReason(status, text, period.start),))))
            changes.append((period.end, UP))
        return _Timeline(changes)

    def _timeline(self, system_id: str, area_id: str) -> _Timeline:
        key = (system_id, area_id)
        timeline = self._cache.get(key)
        if timeline is None:
            parts = [self._own_timeline(system_id, area_id)]
            for dependency in self._index.systems[system_id].depends_on:
                if dependency.system in self._index.systems:
                    parts.append(self._dependency_timeline(system_id, dependency, area_id))
            timeline = parts[0] if len(parts) == 1 else _merge(parts)
            self._cache[key] = timeline
        return timeline

    def _own_timeline(self, system_id: str, area_id: str) -> _Timeline:
        covering = self._index.ancestors[area_id]
        records = sorted(
            (
                r
                for r in self._applied
                if isinstance(r.effect, InfrastructureEffect)
                and r.effect.system == system_id
                and (r.effect.area is None or r.effect.area in covering)
            ),
            key=lambda r: (r.at, r.seq),
        )
        changes: list[tuple[int, Health]] = [(BEFORE_PLAY, UP)]
        for record in records:
            effect = record.effect
            assert isinstance(effect, InfrastructureEffect)
            if effect.status is Status.up:
                changes.append((record.at, UP))
                continue
            lang = record.lang
            text = phrases.system_status(
                self._index.name("systems", system_id, lang),
                effect.status,
                self._index.area_name(effect.area, lang),
                record.at,
                lang,
                self._index.start,
            )
            if effect.reason is not None:
                text = phrases.with_reason(text, localize(effect.reason, lang), lang)
            reason = StatusReason(effect.status, text, record.at, record.source)
            changes.append((record.at, Health(effect.status, (reason,))))
        return _Timeline(changes)

    def _dependency_timeline(self, system_id: str, dependency: Dependency, area_id: str,
                             section: str = "systems") -> _Timeline:
        """What the loss of one dependency does to `system_id`, after its backup runs out."""
        backup = dependency.backup
        changes: list[tuple[int, Health]] = [(BEFORE_PLAY, UP)]
        down_since: int | None = None
        not_up_since: int | None = None
        for start, end, health in self._timeline(dependency.system, area_id).segments():
            changes.append((start, UP))
            if health.status is Status.up:
                down_since = not_up_since = None
                continue
            not_up_since = start if not_up_since is None else not_up_since
            if health.status is Status.down:
                down_since = start if down_since is None else down_since
            else:
                down_since = None
            steps = [(not_up_since + backup, Status.degraded)]
            if down_since is not None:
                steps.append((down_since + backup, Status.down))
            for since, status in steps:
                moment = max(since, start)
                if end is not None and moment >= end:
                    continue
                reason = self._derived_reason(system_id, area_id, status, since, health, backup, section)
                changes.append((moment, Health(status, (reason, *health.reasons))))
        return _Timeline(changes)

    def _derived_reason(
        self, system_id: str, area_id: str, status: Status, since: int, cause: Health, backup: int,
        section: str = "systems",
    ) -> StatusReason:
        first = cause.reasons[0] if cause.reasons else None
        lang = self._lang_of(first.source if first else None)
        text = phrases.system_status(
            self._index.name(section, system_id, lang),
            status,
            self._index.area_name(area_id, lang),
            since,
            lang,
            self._index.start,
        )
        causes = [first.text] if first else []
        causes.append(phrases.backup_lasted(backup, lang))
        text = phrases.with_cause(text, phrases.causes(causes, lang), lang)
        return StatusReason(status, text, since, first.source if first else None)

    def _lang_of(self, source: str | None) -> str:
        for record in reversed(self._applied):
            if record.source == source:
                return record.lang
        return self._reading_lang()


def _merge(parts: list[_Timeline]) -> _Timeline:
    minutes = sorted({start for part in parts for start in part.starts})
    return _Timeline([(minute, worst(part.at(minute) for part in parts)) for minute in minutes])


class UnknownItem(KeyError):
    """An id the pack does not define; the message names what it does define."""

    def __str__(self) -> str:
        return str(self.args[0])


def _known(kind: str, item_id: str, items: Mapping[str, T]) -> T:
    if item_id not in items:
        known = ", ".join(sorted(items)[:12]) or "none"
        raise UnknownItem(f"unknown {kind} {item_id!r}; the pack has: {known}")
    return items[item_id]

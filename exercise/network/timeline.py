"""Reach over the timeline: how the planned contact graph changes as a pack's own failures
play out, with the reasons (and the inject behind each) for every link that dies.

A world state already knows every system's status over time (`WorldState`); this walks its
change times once, re-judging only the planned links whose channels or agencies change at
each moment, and records which links die or come back and who is cut off from (or reconnected
to) the hub. Deaths caused by batteries running out appear at the minute they run out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from exercise.network.reach import reached_from
from exercise.network.seats import seated_pairs
from exercise.network.world import Health, StatusReason, WorldState
from exercise.scenario.models import InfrastructureEffect, Inject, ScenarioPack, Status

Edge = tuple[str, str]


@dataclass(frozen=True)
class LinkLoss:
    """A planned link a->b with no working channel from `at`, and why."""

    a: str
    b: str
    at: int
    reasons: tuple[StatusReason, ...]

    @property
    def sources(self) -> frozenset[str]:
        return frozenset(r.source for r in self.reasons if r.source)


@dataclass(frozen=True)
class ReachChange:
    """What changed at one minute: links lost and back, agencies cut off from the hub or back."""

    at: int
    lost: tuple[LinkLoss, ...]
    back: tuple[Edge, ...]
    cut_off: tuple[str, ...]
    reconnected: tuple[str, ...]

    sources: frozenset[str] = frozenset()  # injects whose effects caused the losses


def planned_edges(world: WorldState) -> list[Edge]:
    pack = world.pack
    return [(a.id, b) for a in pack.agencies for b in world.planned_successors(a.id)]


def best_health(healths: list[Health]) -> Health:
    """Up if any is up, else degraded if any works, else down with every reason."""
    working = [h for h in healths if h.status is not Status.down]
    if working:
        return min(working, key=lambda h: 0 if h.status is Status.up else 1)
    reasons: dict[StatusReason, None] = {}
    for health in healths:
        reasons.update(dict.fromkeys(health.reasons))
    return Health(Status.down, tuple(reasons))


def edge_health(world: WorldState, a: str, b: str, at: int) -> Health:
    """The best health among the planned channels a->b (down when every one is down)."""
    healths = [health for _, health in world.link_channels(a, b, at)]
    return best_health(healths)


def usable_channels(pack: ScenarioPack) -> dict[str, list[str]]:
    """Channels each agency has (its own, then those of its links), for every agency at once."""
    found: dict[str, dict[str, None]] = {a.id: dict.fromkeys(a.channels) for a in pack.agencies}
    for link in pack.links:
        for end in (link.from_, link.to):
            if end in found:
                found[end].update(dict.fromkeys(link.channels))
    return {agency: list(channels) for agency, channels in found.items()}


def contact_health(world: WorldState, a: str, b: str, at: int,
                   channels_of: dict[str, list[str]] | None = None) -> Health | None:
    """Health of a contact a->b: over its planned link, else over any channel both agencies
    have; None when they share no channel at all."""
    channels = world.planned_channels(a, b) or world.planned_channels(b, a)
    if not channels:
        channels_of = channels_of if channels_of is not None else usable_channels(world.pack)
        theirs = set(channels_of.get(b, ()))
        channels = [c for c in channels_of.get(a, ()) if c in theirs]
    if not channels:
        return None
    healths = [world.channel_health(c, a, b, at) for c in channels]
    return best_health(healths)


def _changes_by_minute(world: WorldState) -> dict[int, tuple[set[tuple[str, str]], set[str]]]:
    """Minute -> ((system, area) pairs that may change there, agencies that change there)."""
    out: dict[int, tuple[set[tuple[str, str]], set[str]]] = defaultdict(lambda: (set(), set()))
    pack = world.pack
    dependants: dict[str, set[str]] = defaultdict(set)
    for system in pack.infrastructure:
        for dependency in system.depends_on:
            dependants[dependency.system].add(system.id)
    touched: set[str] = set()
    for record in world.applied:
        effect = record.effect
        if isinstance(effect, InfrastructureEffect):
            touched.add(effect.system)
        else:
            out[record.at][1].add(effect.agency)
    stack = list(touched)
    while stack:
        for dependant in dependants.get(stack.pop(), ()):
            if dependant not in touched:
                touched.add(dependant)
                stack.append(dependant)
    for system_id in touched:
        for area in pack.areas:
            for minute in _starts(world, system_id, area.id):
                out[minute][0].add((system_id, area.id))
    for channel in pack.channels:  # handsets running flat, congestion: "channel:<id>"
        if channel.charging is not None or channel.congestion:
            for area in pack.areas:
                for minute in world.channel_timeline(channel.id, area.id).starts:
                    if minute > -(10**8):
                        out[minute][0].add(("channel:" + channel.id, area.id))
    return out


def _starts(world: WorldState, system_id: str, area_id: str) -> Iterable[int]:
    # The world keeps each system's timeline per area; its change minutes are what we need.
    timeline = world._timeline(system_id, area_id)  # noqa: SLF001 - same package
    return (start for start in timeline.starts if start > -(10**8))


def reach_over_time(world: WorldState, hub: str | None, start: int = 0,
                    until: float = float("inf")) -> list[ReachChange]:
    """Every minute after `start` (up to `until`) at which a planned link dies or comes back,
    in order.

    A link works when neither agency is down and one of its channels has every system it
    depends on not down in both areas (the world's rule); the sets of channels failing per area
    and of agencies down are kept up to date minute by minute, so only links touched by a
    change are judged again, and the world is asked for reasons only for links that die."""
    pack: ScenarioPack = world.pack
    area_of = {agency.id: agency.area for agency in pack.agencies}
    systems = {system.id for system in pack.infrastructure}
    depends = {c.id: [s for s in c.depends_on if s in systems] for c in pack.channels}
    channels_of_system: dict[str, list[str]] = defaultdict(list)
    for channel_id, needs in depends.items():
        for system_id in needs:
            channels_of_system[system_id].append(channel_id)
        channels_of_system["channel:" + channel_id].append(channel_id)
    own = {c.id for c in pack.channels if c.charging is not None or c.congestion}
    holders: dict[str, set[str]] = defaultdict(set)
    for holding in pack.resources:
        if holding.quantity > 0:
            holders[holding.type].add(holding.agency)
    terminals = {c.id: c.terminals for c in pack.channels if c.terminals is not None}
    edges = planned_edges(world)
    channels_of = {  # a channel with terminals serves only agencies that hold one
        (a, b): tuple(c for c in world.planned_channels(a, b)
                      if c not in terminals or {a, b} <= holders[terminals[c]])
        for a, b in edges}
    by_channel_area: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    by_agency: dict[str, list[Edge]] = defaultdict(list)
    for (a, b), channels in channels_of.items():
        for channel_id in channels:
            by_channel_area[(channel_id, area_of[a])].append((a, b))
            if area_of[b] != area_of[a]:
                by_channel_area[(channel_id, area_of[b])].append((a, b))
        by_agency[a].append((a, b))
        by_agency[b].append((a, b))

    def failing(channel_id: str, area_id: str, minute: int) -> bool:
        if channel_id in own and world.channel_timeline(channel_id, area_id).at(minute).status is Status.down:
            return True
        return any(world.system_health(s, area_id, minute).status is Status.down
                   for s in depends[channel_id])

    bad = {(c, area.id) for c in depends for area in pack.areas if failing(c, area.id, start)}
    down = {a.id for a in pack.agencies if world.agency_health(a.id, start).status is Status.down}

    seats = seated_pairs(pack)

    def works(a: str, b: str) -> bool:
        if a in down or b in down:
            return False
        if (a, b) in seats:  # in person in the EOC room
            return True
        area_a, area_b = area_of[a], area_of[b]
        return any((c, area_a) not in bad and (c, area_b) not in bad for c in channels_of[(a, b)])

    usable: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        if works(a, b):
            usable[a].add(b)
    reached = reached_from(usable, hub)
    changes: list[ReachChange] = []
    minutes = _changes_by_minute(world)
    for minute in sorted(m for m in minutes if start < m <= until):
        changed_systems, changed_agencies = minutes[minute]
        candidates: set[Edge] = set()
        for system_id, area_id in changed_systems:
            for channel_id in channels_of_system.get(system_id, ()):
                key = (channel_id, area_id)
                if failing(channel_id, area_id, minute):
                    bad.add(key)
                else:
                    bad.discard(key)
                candidates.update(by_channel_area.get(key, ()))
        for agency_id in changed_agencies:
            if world.agency_health(agency_id, minute).status is Status.down:
                down.add(agency_id)
            else:
                down.discard(agency_id)
            candidates.update(by_agency.get(agency_id, ()))
        lost: list[LinkLoss] = []
        back: list[Edge] = []
        for a, b in sorted(candidates):
            was, now_usable = b in usable[a], works(a, b)
            if was and not now_usable:
                usable[a].discard(b)
                lost.append(LinkLoss(a, b, minute, edge_health(world, a, b, minute).reasons))
            elif not was and now_usable:
                usable[a].add(b)
                back.append((a, b))
        if not lost and not back:
            continue
        now = reached_from(usable, hub)
        sources = frozenset(r.source for loss in lost for r in loss.reasons if r.source)
        changes.append(ReachChange(minute, tuple(lost), tuple(back), tuple(sorted(reached - now)),
                                   tuple(sorted(now - reached)), sources))
        reached = now
    return changes


# --- the pack's own timeline: when each agency is cut off, by which cause --------------------


@dataclass(frozen=True)
class CutOff:
    """An agency the hub stops reaching at `at`, and why: its own status, or the planned ways in
    that died at that minute (each reason names its chain of causes and the inject behind it)."""

    agency: str
    at: int
    reasons: tuple[StatusReason, ...]
    ways_in: tuple[Edge, ...]  # the links into it (or into its cut-off group) lost at `at`

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.source for r in self.reasons if r.source))


@dataclass(frozen=True)
class ContactLost:
    """An expected contact of an inject with no working channel when the inject is released."""

    inject: str
    a: str
    b: str
    at: int
    reasons: tuple[StatusReason, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.source for r in self.reasons if r.source))


@dataclass(frozen=True)
class InjectBite:
    """What happens to the contact graph because of one inject, and at its release.

    `lost_links` and `cut_off` are caused (at least in part) by the inject's own effects, at the
    minute they happen (a battery that runs out hours later counts then); `contacts` are the
    inject's expected contacts that cannot be made at its release, whatever the cause;
    `contacts_broken` the expected contacts of any inject that its effects break."""

    inject: str
    at: int | None
    lost_links: tuple[LinkLoss, ...] = ()
    cut_off: tuple[CutOff, ...] = ()
    contacts: tuple[ContactLost, ...] = ()
    contacts_broken: tuple[ContactLost, ...] = ()


@dataclass(frozen=True)
class TimelineReach:
    hub: str | None
    changes: tuple[ReachChange, ...]
    cut_offs: tuple[CutOff, ...]
    contacts_lost: tuple[ContactLost, ...]
    bites: dict[str, InjectBite]

    def unreachable_at(self, minute: float) -> tuple[str, ...]:
        """Agencies the hub does not reach at `minute` (cut off and not yet back)."""
        out: set[str] = set()
        for change in self.changes:
            if change.at > minute:
                break
            out |= set(change.cut_off)
            out -= set(change.reconnected)
        return tuple(sorted(out))


Schedule = Iterable[tuple[float, Inject]]


def world_on_timeline(pack: ScenarioPack, schedule: Schedule, lang: str = "en",
                      world: WorldState | None = None) -> WorldState:
    """The world with the effects of every scheduled inject, each from its release minute and
    with the inject as its source (what the pack's own MSEL does to the network)."""
    world = world or WorldState.initial(pack)
    for minute, inject in schedule:
        for effect in inject.effects:
            world = world.apply(effect, int(minute), source=inject.id, lang=lang)
    return world


def follow_timeline(world: WorldState, hub: str | None, schedule: Schedule,
                    until: float = float("inf")) -> TimelineReach:
    """When each agency becomes unreachable from the hub and why, which planned links die and
    which expected contacts cannot be made, inject by inject, over `world`'s own effects."""
    pack = world.pack
    released = [(int(minute), inject) for minute, inject in schedule]
    first = min([0, *(record.at for record in world.applied), *(m for m, _ in released)]) - 1
    changes = reach_over_time(world, hub, start=first, until=until)
    cut_offs = [cut for change in changes for cut in _cut_offs(world, change)]
    agencies = {a.id for a in pack.agencies}
    channels_of = usable_channels(pack)
    contacts: list[ContactLost] = []
    for minute, inject in released:
        for contact in inject.expected_contacts:
            if contact.from_ not in agencies or contact.to not in agencies or contact.from_ == contact.to:
                continue
            health = contact_health(world, contact.from_, contact.to, minute, channels_of)
            if health is not None and health.status is Status.down:
                contacts.append(ContactLost(inject.id, contact.from_, contact.to, minute, health.reasons))
    bites: dict[str, InjectBite] = {}
    for minute, inject in released:
        mine = inject.id
        bites[mine] = InjectBite(
            mine, minute,
            tuple(loss for change in changes for loss in change.lost if mine in loss.sources),
            tuple(cut for cut in cut_offs if mine in cut.sources),
            tuple(c for c in contacts if c.inject == mine),
            tuple(c for c in contacts if mine in c.sources),
        )
    return TimelineReach(hub, tuple(changes), tuple(cut_offs), tuple(contacts), bites)


def _cut_offs(world: WorldState, change: ReachChange) -> list[CutOff]:
    """Each agency cut off at `change.at`, with the reasons of the ways in that died then: its
    own status when it is down, else the lost links that led into it from outside the group cut
    off with it (else into the group)."""
    group = set(change.cut_off)
    ways_in = [loss for loss in change.lost if loss.b in group and loss.a not in group]
    found = []
    for agency in change.cut_off:
        own = world.agency_health(agency, change.at)
        if own.status is Status.down:
            found.append(CutOff(agency, change.at, own.reasons, ()))
            continue
        direct = [loss for loss in ways_in if loss.b == agency] or ways_in
        reasons: dict[StatusReason, None] = {}
        for loss in direct:
            reasons.update(dict.fromkeys(loss.reasons))
        found.append(CutOff(agency, change.at, tuple(reasons), tuple((x.a, x.b) for x in direct)))
    return found

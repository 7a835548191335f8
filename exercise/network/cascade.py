"""Warning cascade: the earliest minute each agency can know something that starts at a source.

Earliest-arrival search over the planned links: a message leaves an agency over the channel
that delivers it first given the status at each minute (so batteries running out during the
cascade count); when a channel is down or degraded, the sender may also wait for the next
change of status (a repair) and send then, whichever arrives first. Waiting makes arrival times
monotone: a failure can never make anyone know sooner. A channel that fails while a message is
on it is assumed to deliver it. The source may be an agency or a simulated actor (such as the weather
service): an actor reaches the agencies its injects are addressed to, over the inject's channel
when one is named, at once otherwise.

With `relay` ({agency: minutes}, see `relay.py`), an agency passes the warning on only after its
decide-and-relay time; the agency the warning starts from issues it at once. Without it, only
channel latency counts (the lower bound).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from exercise.network.phrases import Lang, kind_name, language, words
from exercise.network.world import UP, Health, UnknownItem, WorldState, effective_latency
from exercise.scenario.models import Channel, Status
from exercise.scenario.text import localize
from exercise.scenario.timecode import format_time


@dataclass(frozen=True)
class Arrival:
    agency: str
    time: float  # scenario minute at which the agency can know
    route: tuple[str, ...]  # from the source to the agency
    channels: tuple[str, ...]  # the channel used on each hop

    @property
    def hops(self) -> int:
        return len(self.channels)


@dataclass(frozen=True)
class Cascade:
    source: str
    start: int
    arrivals: dict[str, Arrival]
    unreachable: dict[str, tuple[str, ...]] = field(default_factory=dict)  # agency -> why
    with_relay: bool = False  # decide-and-relay times counted at each hand-off

    def delay(self, agency_id: str) -> float:
        """Minutes from the start until the agency can know; infinite when it cannot."""
        arrival = self.arrivals.get(agency_id)
        return math.inf if arrival is None else arrival.time - self.start

    def reached(self) -> set[str]:
        return set(self.arrivals)


def first_hops(world: WorldState, source: str, at: int) -> list[tuple[str, str | None, Health]]:
    """(agency, channel, health) a source reaches directly: planned links, or an actor's injects."""
    pack = world.pack
    if source in {a.id for a in pack.agencies}:
        return []
    if source not in {a.id for a in pack.actors}:
        known = ", ".join(sorted([a.id for a in pack.agencies] + [a.id for a in pack.actors])[:12])
        raise UnknownItem(f"unknown source {source!r}; name an agency or an actor: {known}")
    hops: dict[tuple[str, str | None], Health] = {}
    agencies = {a.id for a in pack.agencies}
    for inject in pack.injects:
        if inject.from_ != source:
            continue
        for target in inject.to:
            if target in agencies:
                channel = inject.channel
                health = world.channel_health(channel, target, target, at) if channel else UP
                hops.setdefault((target, channel), health)
    return [(target, channel, health) for (target, channel), health in hops.items()]


def warning_cascade(
    world: WorldState,
    source: str,
    start: int,
    lang: Lang = "en",
    without_kinds: Collection[str] = (),
    without_agencies: Collection[str] = (),
    relay: Mapping[str, float] | None = None,
) -> Cascade:
    pack = world.pack
    best: dict[str, float] = {}
    parent: dict[str, tuple[str, str]] = {}
    heap: list[tuple[float, int, str]] = []
    counter = 0

    def relax(target: str, arrival: float, via: str, channel: str) -> None:
        nonlocal counter
        if target in without_agencies or arrival >= best.get(target, math.inf):
            return
        best[target] = arrival
        parent[target] = (via, channel)
        counter += 1
        heapq.heappush(heap, (arrival, counter, target))

    agencies = {a.id for a in pack.agencies}
    if source in agencies:
        if source not in without_agencies and world.agency_health(source, start).usable:
            best[source] = start
            heap.append((start, 0, source))
    else:
        for target, channel, health in first_hops(world, source, start):
            if channel is not None and pack.channel(channel).kind.value in without_kinds:
                continue
            latency = effective_latency(pack.channel(channel), health) if channel else 0.0
            if latency < math.inf:
                relax(target, start + latency, source, channel or "")
    done: set[str] = set()
    changes = [t for t in world.change_times() if t > start]
    while heap:
        now, _, agency_id = heapq.heappop(heap)
        if agency_id in done:
            continue
        done.add(agency_id)
        if relay is not None and agency_id != source:
            now += relay.get(agency_id, 0.0)
        for target in world.planned_successors(agency_id):
            if target in done:
                continue
            for channel_id in world.planned_channels(agency_id, target):
                planned = pack.channel(channel_id)
                if planned.kind.value in without_kinds:
                    continue
                arrival = _earliest_arrival(world, planned, agency_id, target, now, start, changes)
                relax(target, arrival, agency_id, channel_id)
    arrivals = {agency_id: _arrival(source, agency_id, best, parent) for agency_id in best}
    missing = sorted(agencies - set(arrivals))
    told = world.in_language(language(lang)) if missing else world  # reasons in the reader's words
    unreachable = {
        agency_id: _why_unreached(told, agency_id, arrivals, start, lang, without_kinds, without_agencies)
        for agency_id in missing
    }
    return Cascade(source, start, arrivals, unreachable, relay is not None)


def _earliest_arrival(
    world: WorldState, channel: Channel, a: str, b: str, now: float, start: int, changes: list[int]
) -> float:
    """Send at `now`, or at a later change of status if that delivers sooner."""
    later = changes[bisect_right(changes, now):]
    moment = start if not changes or now < changes[0] else int(now)  # unchanged since the start
    best = now + effective_latency(channel, world.channel_health(channel.id, a, b, moment))
    for change in later:
        if change >= best:
            break
        best = min(best, change + effective_latency(channel, world.channel_health(channel.id, a, b, change)))
    return best


def _arrival(source: str, agency_id: str, best: Mapping[str, float], parent: Mapping[str, tuple[str, str]]
             ) -> Arrival:
    route = [agency_id]
    channels: list[str] = []
    while route[-1] != source and route[-1] in parent:
        via, channel = parent[route[-1]]
        channels.append(channel)
        route.append(via)
    return Arrival(agency_id, best[agency_id], tuple(reversed(route)), tuple(reversed(channels)))


def _why_unreached(
    world: WorldState,
    agency_id: str,
    arrivals: dict[str, Arrival],
    start: int,
    lang: Lang,
    without_kinds: Collection[str],
    without_agencies: Collection[str],
) -> tuple[str, ...]:
    pack = world.pack
    t = words(lang)
    if agency_id in without_agencies:
        return (t("engine.cascade.agency_lost"),)
    own = world.agency_health(agency_id, start)
    if own.status is Status.down:
        return tuple(r.text for r in own.reasons)
    senders = world.planned_predecessors(agency_id)
    if not senders:
        return (t("engine.cascade.no_link"),)
    why: list[str] = []
    for sender in senders:
        name = localize(pack.agency(sender).short_name or pack.agency(sender).name, t.lang)
        arrival = arrivals.get(sender)
        if arrival is None:
            why.append(t("engine.cascade.sender_unreached", name=name))
            continue
        for channel_id, health in world.link_channels(sender, agency_id, int(arrival.time)):
            kind = pack.channel(channel_id).kind.value
            if kind in without_kinds:
                text = t("engine.cascade.kind_removed", kind=kind_name(kind, t))
            else:
                text = health.summary()
            why.append(t("engine.cascade.via", name=name, time=format_time(int(arrival.time)),
                         channel=channel_id, text=text))
    return tuple(dict.fromkeys(why))

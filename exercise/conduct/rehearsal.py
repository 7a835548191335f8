"""A dry run of a pack before the day: the real scheduler on an in-memory store, with simulated
tables that answer every inject (or stay silent), so a facilitator sees when each inject falls,
under which conditions, and whom each infrastructure failure cuts off."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from exercise.conduct import facilitation, play
from exercise.conduct.conditions import describe
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import parse_pack, session_state
from exercise.conduct.sessions import TableSpec, create_session
from exercise.conduct.state import ExerciseState
from exercise.network.findings import hub_of
from exercise.network.graph import planned_graph, status_graph
from exercise.network.reach import unreachable_from as unreachable
from exercise.network.timeline import InjectBite, TimelineReach, follow_timeline
from exercise.scenario.models import AfterInject, Inject, NoAcknowledgement, NoContact, ScenarioPack
from exercise.scenario.time_of_day import start_of

RESPONSES = ("responsive", "decide_only", "silent")
MAX_PATHS = 200
_T0 = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ReachabilityChange:
    at: int
    unreachable: tuple[str, ...]  # cut off from the main coordinating agency at `at` by the inject


@dataclass(frozen=True)
class RehearsalLine:
    inject: Inject
    released_at: float | None
    conditions: tuple[str, ...]
    reachability: tuple[ReachabilityChange, ...] = ()
    bite: InjectBite | None = None  # links, agencies and expected contacts lost, when and why


@dataclass
class Rehearsal:
    pack: ScenarioPack
    coordinator: str | None
    choices: dict[str, str]
    response: str
    state: ExerciseState
    lines: list[RehearsalLine] = field(default_factory=list)
    timeline: TimelineReach | None = None


def coordinator_of(pack: ScenarioPack) -> str | None:
    return hub_of(planned_graph(pack))


def unreachable_from(state: ExerciseState, source: str, at: int) -> tuple[str, ...]:
    return unreachable(status_graph(state.world, at), source)


def simulate(pack_text: str, choices: Mapping[str, str] | None = None,
             response: str = "responsive") -> ExerciseState:
    """Play the pack to its end on the in-memory store and return the final state."""
    choices = dict(choices or {})
    pack = parse_pack(pack_text)
    store = MemoryEventStore(clock=lambda: _T0)
    tables = [TableSpec(a.id, (a.id,)) for a in pack.agencies]
    codes = create_session(store, pack_text, tables=tables, evaluators=0, now=_T0)
    fac = codes.facilitator
    facilitation.start_clock(store, fac, paced=True, now=_T0)
    answered: set[str] = set()
    horizon = pack.last_time() + 24 * 60
    step = 0
    while True:
        state = session_state(store, codes.session_id)
        _respond(store, fac, state, choices, response, answered)
        state = session_state(store, codes.session_id)
        current = state.clock.anchor_minute
        upcoming = _next_minute(state, current)
        if upcoming is None or upcoming > horizon:
            return state
        step += 1
        facilitation.jump_to_time(store, fac, upcoming, now=_T0 + timedelta(seconds=step))


def _respond(store: MemoryEventStore, fac: str, state: ExerciseState, choices: Mapping[str, str],
             response: str, answered: set[str]) -> None:
    for inject_id in list(state.releases):
        if inject_id in answered:
            continue
        answered.add(inject_id)
        inject = state.inject(inject_id)
        for agency in inject.to:
            if response == "responsive":
                play.acknowledge(store, fac, agency, inject_id, now=_T0)
            if inject.options and response != "silent":
                option = choices.get(inject_id, inject.options[0].id)
                play.decide(store, fac, agency, inject_id, option, now=_T0)
        if response == "responsive":
            for contact in inject.expected_contacts:
                _contact(store, fac, state, contact.from_, contact.to, inject_id)


def _contact(store: MemoryEventStore, fac: str, state: ExerciseState, a: str, b: str,
             inject_id: str) -> None:
    at = int(state.clock.anchor_minute)
    channels = [c for c, health in state.world.link_channels(a, b, at) if health.usable]
    channels += [c for c, health in state.world.link_channels(b, a, at) if health.usable]
    if channels and a != b:
        play.send_message(store, fac, a, b, channels[0], f"Rehearsal contact about {inject_id}",
                          inject_id=inject_id, now=_T0)


def _next_minute(state: ExerciseState, current: float) -> float | None:
    """The next minute at which something could fall due."""
    times: list[float] = []
    for inject in state.pack.injects:
        if inject.id in state.releases or inject.id in state.holds:
            continue
        times.append(inject.time)
        for condition in inject.conditions:
            if isinstance(condition, (NoContact, NoAcknowledgement)):
                times.append(condition.by)
            elif isinstance(condition, AfterInject) and condition.after in state.releases:
                times.append(state.releases[condition.after].scenario_minute + condition.delay)
    times += [m.deliver_at for m in state.pending_messages() if m.deliver_at is not None]
    later = [t for t in times if t > current]
    return min(later) if later else None


def rehearse(pack_text: str, choices: Mapping[str, str] | None = None,
             response: str = "responsive", coordinator: str | None = None,
             lang: str = "en") -> Rehearsal:
    state = simulate(pack_text, choices, response)
    pack = state.pack
    coordinator = coordinator or coordinator_of(pack)
    out = Rehearsal(pack, coordinator, dict(choices or {}), response, state)
    end = max([pack.last_time(), *(r.scenario_minute for r in state.releases.values())])
    released = sorted(((r.scenario_minute, state.inject(r.inject_id)) for r in state.releases.values()),
                      key=lambda pair: pair[0])
    # the world as play left it: each released effect from its own minute, batteries included
    out.timeline = follow_timeline(state.world.in_language(lang), coordinator, released, until=end)
    ordered = sorted(pack.injects, key=lambda i: (
        state.releases[i.id].scenario_minute if i.id in state.releases else float("inf"), i.time))
    start = start_of(pack.metadata.scenario_start)  # condition times as Day 1 12:45 (T+06:45)
    for inject in ordered:
        release = state.releases.get(inject.id)
        bite = out.timeline.bites.get(inject.id)
        changes: list[ReachabilityChange] = []
        for cut in bite.cut_off if bite else ():
            if changes and changes[-1].at == cut.at:
                changes[-1] = ReachabilityChange(cut.at, (*changes[-1].unreachable, cut.agency))
            else:
                changes.append(ReachabilityChange(cut.at, (cut.agency,)))
        out.lines.append(RehearsalLine(inject, release.scenario_minute if release else None,
                                       tuple(describe(c, start) for c in inject.conditions), tuple(changes),
                                       bite))
    return out


def reachable_injects(pack: ScenarioPack | str) -> set[str]:
    """Injects released on at least one path. Tables that only decide come first (they leave
    acknowledgements and contacts undone, so contingencies fire), then tables that answer
    everything, then silent ones; decision paths go from the first options, to each option on
    its own, to every combination (up to MAX_PATHS). Stops as soon as every inject was seen."""
    text = pack if isinstance(pack, str) else _pack_text(pack)
    parsed = parse_pack(text)
    decisions = [i for i in parsed.injects if i.options]
    paths: list[dict[str, str]] = [{}]
    paths += [{i.id: o.id} for i in decisions for o in i.options[1:]]
    combos = itertools.islice(
        itertools.product(*[[o.id for o in i.options] for i in decisions]), MAX_PATHS)
    paths += [dict(zip((i.id for i in decisions), combo, strict=True)) for combo in combos]
    every = {i.id for i in parsed.injects}
    released: set[str] = set()
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    for response in ("decide_only", "responsive", "silent"):
        for choices in paths:
            full = tuple(sorted({i.id: choices.get(i.id, i.options[0].id) for i in decisions}.items()))
            if (response, full) in seen:
                continue
            seen.add((response, full))
            released |= set(simulate(text, dict(full), response).releases)
            if released >= every:
                return released
    return released


def _pack_text(pack: ScenarioPack) -> str:
    from exercise.scenario.writer import pack_to_yaml

    return pack_to_yaml(pack)

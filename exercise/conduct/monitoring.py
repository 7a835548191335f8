"""What the facilitator is warned about while play runs, from the state alone: injects a played
agency has left unanswered too long, tables that have gone quiet, injects that reached agencies
nobody plays (the facilitator voices them), and how far the exercise has come. Pure functions:
the console caches and lays them out."""

from __future__ import annotations

from dataclasses import dataclass

from exercise.conduct.activity import last_activity, simulated_agencies, unanswered
from exercise.conduct.state import ExerciseState

DEFAULT_UNACKNOWLEDGED_AFTER = 15  # scenario minutes
DEFAULT_SILENT_AFTER = 30  # scenario minutes


@dataclass(frozen=True)
class Unacknowledged:
    inject_id: str
    agency: str
    released_minute: float
    waited: float  # scenario minutes since release


@dataclass(frozen=True)
class Silence:
    table: str
    agencies: tuple[str, ...]
    last_minute: float | None  # None: nothing yet
    quiet_for: float


@dataclass(frozen=True)
class ToVoice:
    """A released inject that reached agencies nobody plays: the facilitator voices them."""

    inject_id: str
    agencies: tuple[str, ...]  # the simulated receivers, pack order
    released_minute: float


@dataclass(frozen=True)
class Progress:
    released: int
    planned: int  # injects of the pack, contingencies included
    unacknowledged: dict[str, int]  # table label -> injects its agencies have not acknowledged


def unacknowledged(state: ExerciseState, minute: float,
                   older_than: float = DEFAULT_UNACKNOWLEDGED_AFTER) -> list[Unacknowledged]:
    """Injects a played agency has not answered (conduct.activity.unanswered) `older_than`
    scenario minutes after release, longest wait first."""
    found = [Unacknowledged(item.inject_id, item.agency, item.scenario_minute,
                            minute - item.scenario_minute)
             for item in unanswered(state) if minute - item.scenario_minute >= older_than]
    found.sort(key=lambda u: (-u.waited, u.agency, u.inject_id))
    return found


def to_voice(state: ExerciseState) -> list[ToVoice]:
    """Released injects addressed to simulated agencies, newest first."""
    simulated = set(simulated_agencies(state))
    found = []
    for inject_id, release in state.releases.items():
        receivers = tuple(a for a in state.inject(inject_id).to if a in simulated)
        if receivers:
            found.append((release.seq, ToVoice(inject_id, receivers, release.scenario_minute)))
    found.sort(key=lambda item: item[0], reverse=True)
    return [item for _, item in found]


def silent_tables(state: ExerciseState, minute: float,
                  quiet_for: float = DEFAULT_SILENT_AFTER) -> list[Silence]:
    """Tables that have done nothing for `quiet_for` scenario minutes of play (counted from the
    first release, or from the start of the clock when nothing is released yet)."""
    if not state.clock.started:
        return []
    started = state.clock.anchor_minute if not state.releases else min(
        r.scenario_minute for r in state.releases.values())
    latest = last_activity(state)
    found = []
    for table in state.tables:
        times = [latest[a] for a in table.agencies if a in latest]
        last = max(times) if times else None
        since = last if last is not None else min(started, minute)
        if minute - since >= quiet_for:
            found.append(Silence(table.label, table.agencies, last, minute - since))
    return found


def progress(state: ExerciseState) -> Progress:
    """Planned injects released so far, of all planned, and per table the injects its
    agencies have not acknowledged."""
    open_by_agency = {agency: sum(1 for i in items.values() if not i.acknowledged)
                      for agency, items in state.inbox.items()}
    per_table = {t.label: sum(open_by_agency.get(a, 0) for a in t.agencies) for t in state.tables}
    planned_released = sum(1 for i in state.releases if i not in state.adhoc)
    return Progress(planned_released, len(state.pack.injects), per_table)

"""Where every inject stands at a scenario minute: released, held, skipped, due (waiting for the
scheduler or, in manual mode, for the facilitator's approval), waiting (its time has come but not
its conditions) or upcoming."""

from __future__ import annotations

from dataclasses import dataclass, field

from exercise.conduct.conditions import ConditionStatus, condition_statuses, due_minute
from exercise.conduct.state import ExerciseState
from exercise.scenario.models import Inject


@dataclass(frozen=True)
class InjectLine:
    inject_id: str
    module: str
    time: int
    status: str  # released | held | skipped | due | waiting | upcoming
    scenario_minute: float | None  # released at, or due at
    to: tuple[str, ...]
    contingency: bool
    adhoc: bool
    conditions: tuple[ConditionStatus, ...] = ()


@dataclass
class InjectBoard:
    at: float
    released: list[InjectLine] = field(default_factory=list)
    held: list[InjectLine] = field(default_factory=list)
    skipped: list[InjectLine] = field(default_factory=list)
    due: list[InjectLine] = field(default_factory=list)
    waiting: list[InjectLine] = field(default_factory=list)
    upcoming: list[InjectLine] = field(default_factory=list)

    def line(self, inject_id: str) -> InjectLine | None:
        for group in (self.released, self.held, self.skipped, self.due, self.waiting, self.upcoming):
            for line in group:
                if line.inject_id == inject_id:
                    return line
        return None


def open_injects(state: ExerciseState) -> list[Inject]:
    """Injects the scheduler may still release: not released, held or skipped."""
    return [i for i in state.pack.injects if i.id not in state.releases and i.id not in state.holds]


def due_injects(state: ExerciseState, now: float) -> list[tuple[float, Inject]]:
    """Open injects due at `now`, earliest first (pack order breaks ties)."""
    found = []
    for position, inject in enumerate(open_injects(state)):
        due = due_minute(inject, state, now)
        if due is not None:
            found.append((due, position, inject))
    found.sort(key=lambda item: (item[0], item[1]))
    return [(due, inject) for due, _, inject in found]


def inject_board(state: ExerciseState, now: float) -> InjectBoard:
    board = InjectBoard(at=now)
    for inject in sorted(state.all_injects(), key=lambda i: i.time):
        adhoc = inject.id in state.adhoc
        release = state.releases.get(inject.id)
        hold = state.holds.get(inject.id)
        conditions = tuple(condition_statuses(inject, state, now))
        if release is not None:
            status, minute = "released", release.scenario_minute
        elif hold is not None:
            status, minute = ("skipped" if hold.skipped else "held"), None
        elif inject.time > now:
            status, minute = "upcoming", None
        else:
            minute = due_minute(inject, state, now)
            status = "waiting" if minute is None else "due"
        line = InjectLine(inject.id, inject.module, inject.time, status, minute, tuple(inject.to),
                          inject.contingency, adhoc, conditions)
        getattr(board, status).append(line)
    board.released.sort(key=lambda line: state.releases[line.inject_id].seq)
    return board

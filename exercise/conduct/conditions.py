"""Release conditions evaluated over the state: when (in scenario minutes) each became true.

A condition is either true since some minute, or not (yet) true at the minute asked about.
An inject falls due at the latest of its own time and the minutes its conditions became true.
"""

from __future__ import annotations

from dataclasses import dataclass

from exercise.conduct.state import ExerciseState
from exercise.network.phrases import moment
from exercise.scenario.models import AfterInject, DecisionChosen, Inject, NoAcknowledgement, NoContact
from exercise.scenario.time_of_day import ClockStart, start_of

Condition = AfterInject | DecisionChosen | NoContact | NoAcknowledgement


@dataclass(frozen=True)
class ConditionStatus:
    text: str
    met_since: float | None  # None: not met at the minute asked about

    @property
    def met(self) -> bool:
        return self.met_since is not None


def met_since(condition: Condition, state: ExerciseState, now: float) -> float | None:
    """The minute from which `condition` holds, if it holds at `now`."""
    if isinstance(condition, AfterInject):
        release = state.releases.get(condition.after)
        if release is None:
            return None
        since = release.scenario_minute + condition.delay
        return since if since <= now else None
    if isinstance(condition, DecisionChosen):
        for decision in state.decisions:  # in the order they were made
            if (decision.inject_id == condition.decision and decision.option == condition.option
                    and condition.by in (None, decision.agency) and decision.scenario_minute <= now):
                return decision.scenario_minute
        return None
    if isinstance(condition, NoContact):
        if now < condition.by:
            return None
        a, b = condition.no_contact
        for contact in state.contacts:
            if {contact.sender, contact.receiver} == {a, b} and contact.scenario_minute <= condition.by:
                return None
        return float(condition.by)
    if now < condition.by:
        return None
    release = state.releases.get(condition.no_ack)
    if release is None or release.scenario_minute > condition.by:
        return None  # nothing to acknowledge: the watched inject was never sent by then
    acknowledged = state.acknowledged_by(condition.no_ack, before=condition.by)
    if condition.agency is not None:
        return None if condition.agency in acknowledged else float(condition.by)
    return None if acknowledged else float(condition.by)


def due_minute(inject: Inject, state: ExerciseState, now: float) -> float | None:
    """When `inject` falls due, if its time has come and all its conditions hold at `now`."""
    due = float(inject.time)
    if due > now:
        return None
    for condition in inject.conditions:
        since = met_since(condition, state, now)
        if since is None:
            return None
        due = max(due, since)
    return due


def describe(condition: Condition, start: ClockStart | None = None) -> str:
    """The condition in words; times as Day 1 12:45 (T+06:45) when the pack's `start` is known."""
    if isinstance(condition, AfterInject):
        return f"{condition.delay} min after {condition.after}" if condition.delay else f"after {condition.after}"
    if isinstance(condition, DecisionChosen):
        who = f" by {condition.by}" if condition.by else ""
        return f"option {condition.option!r} chosen for {condition.decision}{who}"
    if isinstance(condition, NoContact):
        a, b = condition.no_contact
        return f"no contact between {a} and {b} by {moment(condition.by, start)}"
    who = f" by {condition.agency}" if condition.agency else ""
    return f"{condition.no_ack} not acknowledged{who} by {moment(condition.by, start)}"


def condition_statuses(inject: Inject, state: ExerciseState, now: float) -> list[ConditionStatus]:
    start = start_of(state.pack.metadata.scenario_start)
    return [ConditionStatus(describe(c, start), met_since(c, state, now)) for c in inject.conditions]

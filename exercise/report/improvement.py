"""The improvement plan: rows saved in the app, or rows suggested from areas for improvement
and from communication failures (the two agencies of the failing link)."""

from __future__ import annotations

from collections import defaultdict

from exercise.conduct.state import ExerciseState
from exercise.report.model import ImprovementItem
from exercise.scenario.text import localize

COMMUNICATIONS = "Operational Communications"


def improvement_plan(state: ExerciseState, lang: str) -> list[ImprovementItem]:
    saved = sorted(state.improvement_items.values(), key=lambda item: item.seq)
    if saved:
        return [
            ImprovementItem(i.core_capability, i.issue, i.corrective_action, i.capability_element,
                            i.responsible_organization, i.poc, i.start_date, i.completion_date)
            for i in saved
        ]
    return suggested_items(state, lang)


def suggested_items(state: ExerciseState, lang: str) -> list[ImprovementItem]:
    """Rows to start the improvement plan from; the facilitator edits them before export."""
    from exercise.report.build import agency_name

    pack = state.pack
    capability_of = {o.id: o.core_capabilities[0] for o in pack.objectives}
    for objective in pack.objectives:
        for task in objective.critical_tasks:
            capability_of.setdefault(task.id, objective.core_capabilities[0])
    items = []
    for observation in state.observations:
        if observation.kind == "strength":
            continue
        capability = capability_of.get(observation.objective or "") or capability_of.get(
            observation.critical_task or "", "")
        items.append(ImprovementItem(
            core_capability=capability,
            issue=observation.text,
            primary_organization=agency_name(pack, observation.agency, lang),
        ))
    failures: dict[tuple[str, str], list[str]] = defaultdict(list)
    for message in state.messages.values():
        if message.status == "failed":
            failures[(message.sender, message.receiver)].append(message.failure)
    for (sender, receiver), reasons in failures.items():
        a, b = agency_name(pack, sender, lang), agency_name(pack, receiver, lang)
        channel_reason = reasons[0] if reasons else ""
        issue = (f"{len(reasons)} message(s) from {a} to {b} failed: {channel_reason}" if lang == "en"
                 else f"{a} 傳給 {b} 的訊息有 {len(reasons)} 則失敗：{channel_reason}")
        items.append(ImprovementItem(
            core_capability=COMMUNICATIONS,
            issue=issue,
            capability_element="Equipment",
            primary_organization=f"{a}; {b}",
        ))
    return items


def objective_title(state: ExerciseState, objective_id: str, lang: str) -> str:
    for objective in state.pack.objectives:
        if objective.id == objective_id:
            return localize(objective.title, lang)
    return objective_id

"""The improvement plan: rows saved in the app, or rows suggested from areas for improvement
and from communication failures (the two agencies of the failing link)."""

from __future__ import annotations

from collections import defaultdict

from exercise.conduct.messaging import failure_reason
from exercise.conduct.state import ExerciseState
from exercise.i18n import translator
from exercise.report import words
from exercise.report.model import ImprovementItem

COMMUNICATIONS = "Operational Communications"


def improvement_plan(state: ExerciseState, lang: str) -> list[ImprovementItem]:
    """The plan as the report prints it: capabilities and capability elements named in `lang`."""
    t = translator(lang)
    saved = sorted(state.improvement_items.values(), key=lambda item: item.seq)
    items = [
        ImprovementItem(i.core_capability, i.issue, i.corrective_action, i.capability_element,
                        i.responsible_organization, i.poc, i.start_date, i.completion_date)
        for i in saved
    ] if saved else suggested_items(state, lang)
    return [ImprovementItem(words.capability(t, i.core_capability), i.issue, i.corrective_action,
                            words.element(t, i.capability_element), i.primary_organization, i.poc,
                            i.start_date, i.completion_date)
            for i in items]


def suggested_items(state: ExerciseState, lang: str) -> list[ImprovementItem]:
    """Rows to start the improvement plan from; the facilitator edits them before export. The
    core capability and capability element stay as the pack and HSEEP name them (the editor's
    choices); the issue is written in `lang`."""
    from exercise.report.build import agency_name

    t = translator(lang)
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
            failures[(message.sender, message.receiver)].append(failure_reason(state.world, message, t.lang))
    for (sender, receiver), reasons in failures.items():
        a, b = agency_name(pack, sender, lang), agency_name(pack, receiver, lang)
        issue = t("aar.improvement.failed_messages", count=len(reasons), sender=a, receiver=b,
                  reason=reasons[0] if reasons else "")
        items.append(ImprovementItem(
            core_capability=COMMUNICATIONS,
            issue=issue,
            capability_element="Equipment",
            primary_organization=f"{a}; {b}",
        ))
    return items


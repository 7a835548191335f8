"""Build the after-action report from a session's state and pinned pack: nothing typed twice."""

from __future__ import annotations

from collections import defaultdict

from exercise.conduct import records as r
from exercise.conduct.activity import (
    AgencyMetrics,
    played_agencies,
    response_metrics,
    simulated_agencies,
)
from exercise.conduct.evaluation import FEEDBACK_STATEMENTS
from exercise.conduct.state import ExerciseState
from exercise.report.annex import communications_annex, plan_comparison
from exercise.report.improvement import improvement_plan
from exercise.report.model import (
    AfterActionReport,
    AgencyResponse,
    CapabilityAnalysis,
    FeedbackSummary,
    ObjectiveLine,
    Overview,
    Participant,
)
from exercise.report.timeline import timeline
from exercise.scenario.models import ScenarioPack
from exercise.scenario.text import localize


def agency_name(pack: ScenarioPack, agency_id: str | None, lang: str) -> str:
    """The short name of an agency, or the name of a simulated actor, in the report language."""
    if not agency_id:
        return ""
    try:
        agency = pack.agency(agency_id)
    except KeyError:
        actor = next((a for a in pack.actors if a.id == agency_id), None)
        return localize(actor.name, lang) if actor else agency_id
    return localize(agency.short_name or agency.name, lang)


def build_report(
    state: ExerciseState, lang: str = "en", *, dates: str = "", graphs: bool = True
) -> AfterActionReport:
    pack = state.pack
    comparison = plan_comparison(state)
    return AfterActionReport(
        lang=lang,
        overview=_overview(state, lang, dates),
        capability_analysis=tuple(_analysis(state, lang)),
        improvement_plan=tuple(improvement_plan(state, lang)),
        timeline=tuple(timeline(state, lang)),
        responses=tuple(_responses(state, lang)),
        responses_total=_response(state, response_metrics(state).total, lang, name=""),
        communications=communications_annex(state, lang, graphs=graphs, comparison=comparison),
        feedback=_feedback(state, lang),
        hot_wash=tuple(
            f"[{note.kind.replace('_', ' ')}] "
            f"{agency_name(pack, note.agency, lang) + ': ' if note.agency else ''}{note.text}"
            for note in state.hotwash
        ),
        participants=tuple(_participants(state, lang)),
        simulated=tuple(agency_name(pack, a, lang) for a in simulated_agencies(state)),
    )


def _overview(state: ExerciseState, lang: str, dates: str) -> Overview:
    pack, meta = state.pack, state.pack.metadata
    objectives = tuple(
        ObjectiveLine(o.id, localize(o.title, lang), tuple(o.core_capabilities),
                      tuple(f"{t.id}: {localize(t.title, lang)}" for t in o.critical_tasks))
        for o in pack.objectives
    )
    capabilities = tuple(dict.fromkeys(c for o in pack.objectives for c in o.core_capabilities))
    evaluators = tuple(dict.fromkeys(
        actor.split(":", 1)[-1]  # "evaluator:Evaluator 1" -> "Evaluator 1"
        for actor in [o.evaluator for o in state.observations] + [x.evaluator for x in state.ratings]))
    title = localize(meta.title, lang)
    return Overview(
        name=f"{title} ({state.name})" if state.name and state.name != title else title,
        dates=dates,
        scope=localize(meta.jurisdiction or meta.setting, lang),
        hazards=tuple(h.value.replace("_", " ") for h in meta.hazards),
        scenario=localize(meta.summary, lang),
        objectives=objectives,
        core_capabilities=capabilities,
        agencies=tuple(localize(pack.agency(a).name, lang) for a in played_agencies(state)),
        simulated=tuple(localize(pack.agency(a).name, lang) for a in simulated_agencies(state)),
        evaluators=evaluators,
        sources=tuple(f"{s.title}{' — ' + s.url if s.url else ''}" for s in meta.sources),
    )


def _analysis(state: ExerciseState, lang: str) -> list[CapabilityAnalysis]:
    ratings = {(x.objective, x.capability): x for x in state.current_ratings()}
    rationale: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rated in state.ratings:
        if rated.rationale:
            rationale[(rated.objective, rated.capability)].append(rated.rationale)
    rows = []
    for objective in state.pack.objectives:
        tasks = {t.id for t in objective.critical_tasks}
        related = [o for o in state.observations
                   if o.objective == objective.id or (o.critical_task in tasks)]
        strengths = tuple(_observation_text(state, o, lang) for o in related if o.kind == "strength")
        improvements = tuple(_observation_text(state, o, lang) for o in related
                             if o.kind != "strength")
        for capability in objective.core_capabilities:
            rating = ratings.get((objective.id, capability))
            rows.append(CapabilityAnalysis(
                objective=f"{objective.id}: {localize(objective.title, lang)}",
                core_capability=capability,
                rating=rating.rating if rating else None,
                rationale=tuple(rationale.get((objective.id, capability), ())),
                strengths=strengths,
                areas_for_improvement=improvements,
            ))
    return rows


def _observation_text(state: ExerciseState, observation: r.Observation, lang: str) -> str:
    who = agency_name(state.pack, observation.agency, lang)
    return f"{who}: {observation.text}" if who else observation.text


def _responses(state: ExerciseState, lang: str) -> list[AgencyResponse]:
    metrics = response_metrics(state)
    return [_response(state, m, lang) for m in metrics.agencies]


def _response(state: ExerciseState, m: AgencyMetrics, lang: str,
              name: str | None = None) -> AgencyResponse:
    return AgencyResponse(
        agency=name if name is not None else agency_name(state.pack, m.agency, lang),
        injects_received=m.injects_received,
        acknowledged=m.acknowledged,
        median_minutes_to_ack=m.median_minutes_to_ack,
        median_minutes_to_action=m.median_minutes_to_action,
        unanswered=m.unanswered,
        expected_contacts_made=m.expected_contacts_made,
        expected_contacts_total=m.expected_contacts_total,
        messages_sent=m.messages_sent,
        messages_failed=m.messages_failed,
    )


def _feedback(state: ExerciseState, lang: str) -> FeedbackSummary:
    scores: dict[str, list[int]] = defaultdict(list)
    comments: list[tuple[str, str]] = []
    for form in state.feedback:
        answers = form.answers
        for statement, value in (answers.get("ratings") or {}).items():
            scores[statement].append(value)
        who = agency_name(state.pack, form.agency, lang) or form.role
        for field_name in ("strengths", "improvements"):
            comments += [(_feedback_label(field_name, lang), f"{who}: {text}")
                         for text in answers.get(field_name) or ()]
        if answers.get("unobserved"):
            comments.append((_feedback_label("unobserved", lang), f"{who}: {answers['unobserved']}"))
        for row in answers.get("corrective_actions") or ():
            comments.append((_feedback_label("corrective_actions", lang),
                             f"{who}: {row['action']} ({row.get('priority', '')})"))
    averages = tuple((FEEDBACK_STATEMENTS.get(k, k), sum(v) / len(v)) for k, v in scores.items())
    return FeedbackSummary(len(state.feedback), averages, tuple(comments))


_FEEDBACK_LABELS = {
    "strengths": {"en": "Strengths", "zh-TW": "優點"},
    "improvements": {"en": "Areas for improvement", "zh-TW": "待改進事項"},
    "unobserved": {"en": "Not observed in play", "zh-TW": "演練中未觀察到"},
    "corrective_actions": {"en": "Corrective actions proposed", "zh-TW": "建議改正措施"},
}


def _feedback_label(key: str, lang: str) -> str:
    return _FEEDBACK_LABELS[key].get(lang, _FEEDBACK_LABELS[key]["en"])


def _participants(state: ExerciseState, lang: str) -> list[Participant]:
    """The agencies the tables played (simulated ones are named apart)."""
    table_of = {agency: t.label for t in state.tables for agency in t.agencies}
    return [
        Participant(localize(a.name, lang), table_of.get(a.id, ""), a.level.value, a.sector)
        for a in (state.pack.agency(i) for i in played_agencies(state))
    ]

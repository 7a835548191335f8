"""Build the after-action report from a session's state and pinned pack: nothing typed twice.

Every word of the report comes from the package catalogue (`exercise/locales/aar.*.json`),
through one `Translator` for the report's language."""

from __future__ import annotations

from collections import defaultdict

from exercise.conduct import records as r
from exercise.conduct.activity import (
    AgencyMetrics,
    played_agencies,
    response_metrics,
    simulated_agencies,
)
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator, translator
from exercise.report import words
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
    t = translator(lang)
    pack = state.pack
    comparison = plan_comparison(state)
    return AfterActionReport(
        lang=t.lang,
        overview=_overview(state, t, dates),
        capability_analysis=tuple(_analysis(state, t)),
        improvement_plan=tuple(improvement_plan(state, t.lang)),
        timeline=tuple(timeline(state, t.lang)),
        responses=tuple(_responses(state, t)),
        responses_total=_response(state, response_metrics(state).total, t, name=""),
        communications=communications_annex(state, t.lang, graphs=graphs, comparison=comparison),
        feedback=_feedback(state, t),
        hot_wash=tuple(_hot_wash_line(pack, note, t) for note in state.hotwash),
        participants=tuple(_participants(state, t)),
        simulated=tuple(agency_name(pack, a, t.lang) for a in simulated_agencies(state)),
    )


def _hot_wash_line(pack: ScenarioPack, note: r.HotwashNote, t: Translator) -> str:
    who = agency_name(pack, note.agency, t.lang)
    text = t("aar.said", who=who, text=note.text) if note.agency else note.text
    return t("aar.hot_wash_line", tag=words.hot_wash_tag(t, note.kind), text=text)


def _overview(state: ExerciseState, t: Translator, dates: str) -> Overview:
    pack, meta = state.pack, state.pack.metadata
    objectives = tuple(
        ObjectiveLine(o.id, t.text(o.title),
                      tuple(words.capability(t, c) for c in o.core_capabilities),
                      tuple(f"{x.id}: {t.text(x.title)}" for x in o.critical_tasks))
        for o in pack.objectives
    )
    capabilities = tuple(dict.fromkeys(
        words.capability(t, c) for o in pack.objectives for c in o.core_capabilities))
    evaluators = tuple(dict.fromkeys(
        words.evaluator(t, actor.split(":", 1)[-1])  # "evaluator:Evaluator 1" -> "Evaluator 1"
        for actor in [o.evaluator for o in state.observations] + [x.evaluator for x in state.ratings]))
    title = t.text(meta.title)
    # A session named after the pack (the default, in the language of whoever created it) is
    # called by the pack's title in the report's language; a name of its own is kept beside it.
    titles = set(meta.title.values()) if isinstance(meta.title, dict) else {meta.title}
    return Overview(
        name=f"{title} ({state.name})" if state.name and state.name not in titles | {title}
        else title,
        dates=dates,
        scope=t.text(meta.jurisdiction or meta.setting),
        hazards=tuple(words.hazard(t, h.value) for h in meta.hazards),
        scenario=t.text(meta.summary),
        objectives=objectives,
        core_capabilities=capabilities,
        agencies=tuple(t.text(pack.agency(a).name) for a in played_agencies(state)),
        simulated=tuple(t.text(pack.agency(a).name) for a in simulated_agencies(state)),
        evaluators=evaluators,
        sources=tuple(f"{s.title}{' — ' + s.url if s.url else ''}" for s in meta.sources),
    )


def _analysis(state: ExerciseState, t: Translator) -> list[CapabilityAnalysis]:
    ratings = {(x.objective, x.capability): x for x in state.current_ratings()}
    rationale: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rated in state.ratings:
        if rated.rationale:
            rationale[(rated.objective, rated.capability)].append(rated.rationale)
    rows = []
    for objective in state.pack.objectives:
        tasks = {x.id for x in objective.critical_tasks}
        related = [o for o in state.observations
                   if o.objective == objective.id or (o.critical_task in tasks)]
        strengths = tuple(_observation_text(state, o, t) for o in related if o.kind == "strength")
        improvements = tuple(_observation_text(state, o, t) for o in related
                             if o.kind != "strength")
        for capability in objective.core_capabilities:
            rating = ratings.get((objective.id, capability))
            rows.append(CapabilityAnalysis(
                objective=f"{objective.id}: {t.text(objective.title)}",
                core_capability=words.capability(t, capability),
                rating=rating.rating if rating else None,
                rationale=tuple(rationale.get((objective.id, capability), ())),
                strengths=strengths,
                areas_for_improvement=improvements,
            ))
    return rows


def _observation_text(state: ExerciseState, observation: r.Observation, t: Translator) -> str:
    who = agency_name(state.pack, observation.agency, t.lang)
    return t("aar.said", who=who, text=observation.text) if who else observation.text


def _responses(state: ExerciseState, t: Translator) -> list[AgencyResponse]:
    metrics = response_metrics(state)
    return [_response(state, m, t) for m in metrics.agencies]


def _response(state: ExerciseState, m: AgencyMetrics, t: Translator,
              name: str | None = None) -> AgencyResponse:
    return AgencyResponse(
        agency=name if name is not None else agency_name(state.pack, m.agency, t.lang),
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


def _feedback(state: ExerciseState, t: Translator) -> FeedbackSummary:
    scores: dict[str, list[int]] = defaultdict(list)
    comments: list[tuple[str, str]] = []
    for form in state.feedback:
        answers = form.answers
        for statement, value in (answers.get("ratings") or {}).items():
            scores[statement].append(value)
        who = agency_name(state.pack, form.agency, t.lang) or words.role(t, form.role)

        def said(text: str, who: str = who) -> str:
            return t("aar.said", who=who, text=text)

        for field_name in ("strengths", "improvements"):
            comments += [(t(f"aar.feedback.{field_name}"), said(text))
                         for text in answers.get(field_name) or ()]
        if answers.get("unobserved"):
            comments.append((t("aar.feedback.unobserved"), said(answers["unobserved"])))
        for row in answers.get("corrective_actions") or ():
            line = t("aar.corrective_action_line", action=row["action"],
                     priority=words.priority(t, row.get("priority", "")))
            comments.append((t("aar.feedback.corrective_actions"), said(line)))
    averages = tuple((words.statement(t, k), sum(v) / len(v)) for k, v in scores.items())
    return FeedbackSummary(len(state.feedback), averages, tuple(comments))


def _participants(state: ExerciseState, t: Translator) -> list[Participant]:
    """The agencies the tables played (simulated ones are named apart)."""
    table_of = {agency: x.label for x in state.tables for agency in x.agencies}
    return [
        Participant(t.text(a.name), table_of.get(a.id, ""), a.level.value, t.text(a.sector))
        for a in (state.pack.agency(i) for i in played_agencies(state))
    ]

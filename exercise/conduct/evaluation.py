"""Evaluation (HSEEP): observations, P/S/M/U ratings, the hot wash, participant feedback forms
and the improvement plan. Each is stamped with the scenario minute it was recorded at."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from exercise.conduct import event_types as t
from exercise.conduct.errors import AccessDenied, Code, ConductError, NotAllowedNow, NotFound, listed
from exercise.conduct.errors import role as role_code
from exercise.conduct.events import Event
from exercise.conduct.ports import EventStore
from exercise.conduct.sessions import Context, check_text, context, request_key, short_id

RATINGS = {"P": "Performed without Challenges", "S": "Performed with Some Challenges",
           "M": "Performed with Major Challenges", "U": "Unable to be Performed"}
OBSERVATION_KINDS = ("strength", "area_for_improvement")
HOTWASH_KINDS = ("strength", "area_for_improvement", "note")
CAPABILITY_ELEMENTS = ("Planning", "Organization", "Equipment", "Training", "Exercise")
PRIORITIES = ("High", "Medium", "Low")
FEEDBACK_ROLES = ("Player", "Observer", "Facilitator", "Evaluator")
# HSEEP Participant Feedback Form, part II: rated 1 (strongly disagree) to 5 (strongly agree).
FEEDBACK_STATEMENTS = {
    "structured": "The exercise was well structured and organized.",
    "plausible": "The exercise scenario was plausible and realistic.",
    "facilitator": "The facilitator/controller(s) was knowledgeable about the area of play "
                   "and kept the exercise on target.",
    "documentation": "The exercise documentation provided to assist in preparing for and participating "
                     "in the exercise was useful.",
    "appropriate": "Participation in the exercise was appropriate for someone in my position.",
    "right_people": "The participants included the right people in terms of level and mix of disciplines.",
    "capabilities": "This exercise allowed my agency/jurisdiction to practice and improve priority capabilities.",
}
REVIEW_CATEGORIES = ("equipment", "training", "policies", "plans", "procedures")
SUBMITTER_ROLE = {"agency": "Player", "evaluator": "Evaluator", "facilitator": "Facilitator"}


def _evaluator(store: EventStore, token: str, now: datetime | None, doing: str) -> Context:
    ctx = context(store, token, now)
    ctx.caller.require("evaluator", "facilitator", doing=doing)
    return ctx


def _objective(ctx: Context, objective: str | None) -> Any:
    if objective is None:
        return None
    for item in ctx.pack.objectives:
        if item.id == objective:
            return item
    ids = [o.id for o in ctx.pack.objectives]
    known = listed(ids) if ids else Code("none", "refusal.none")
    raise NotFound("refusal.evaluation.no_objective", objective=objective, known=known)


def _objective_of_task(ctx: Context, task: str) -> str:
    for objective in ctx.pack.objectives:
        if any(t.id == task for t in objective.critical_tasks):
            return objective.id
    raise NotFound("refusal.evaluation.no_critical_task", task=task)


def record_observation(store: EventStore, token: str, kind: str, text: str, *,
                       objective: str | None = None, critical_task: str | None = None,
                       agency: str | None = None, inject_id: str | None = None,
                       request_id: str | None = None, now: datetime | None = None) -> Event:
    """A strength or an area for improvement, linked to an objective or a critical task."""
    ctx = _evaluator(store, token, now, "record observations")
    if kind not in OBSERVATION_KINDS:
        raise ConductError("refusal.evaluation.observation_kind", kind=kind)
    if critical_task is not None:
        owner = _objective_of_task(ctx, critical_task)
        if objective is not None and objective != owner:
            raise ConductError("refusal.evaluation.task_owner", task=critical_task, owner=owner,
                               objective=objective)
        objective = owner
    _objective(ctx, objective)
    if objective is None:
        raise ConductError("refusal.evaluation.unlinked")
    _agency(ctx, agency)
    if inject_id is not None and not ctx.state.has_inject(inject_id):
        raise NotFound("refusal.no_inject", inject=inject_id)
    observation = t.ObservationRecorded(
        kind=kind, text=check_text(text, "the observation"),  # type: ignore[arg-type]
        objective=objective, critical_task=critical_task, agency=agency, inject_id=inject_id)
    return ctx.append(observation, request_key("observation", ctx.caller.actor,
                                               observation.stored(), request_id))


def record_rating(store: EventStore, token: str, objective: str, capability: str, rating: str,
                  rationale: str, now: datetime | None = None) -> Event:
    """P/S/M/U for one core capability of an objective; a later rating replaces an earlier one."""
    ctx = _evaluator(store, token, now, "rate performance")
    item = _objective(ctx, objective)
    if capability not in item.core_capabilities:
        raise ConductError("refusal.evaluation.capability", objective=objective,
                           covers=listed(item.core_capabilities), capability=capability)
    if rating not in RATINGS:
        raise ConductError("refusal.evaluation.rating", rating=rating)
    rated = t.RatingRecorded(objective=objective, capability=capability,
                             rating=rating,  # type: ignore[arg-type]
                             rationale=check_text(rationale, "the explanation of the rating"))
    return ctx.append(rated, request_key("rating", ctx.caller.actor, rated.stored(), None))


def note_hotwash(store: EventStore, token: str, kind: str, text: str, agency: str | None = None,
                 request_id: str | None = None, now: datetime | None = None) -> Event:
    ctx = _evaluator(store, token, now, "take hot-wash notes")
    if kind not in HOTWASH_KINDS:
        raise ConductError("refusal.evaluation.hotwash_kind",
                           kinds=listed(Code(k, f"hotwash.kind.{k}") for k in HOTWASH_KINDS), kind=kind)
    _agency(ctx, agency)
    note = t.HotwashNoted(kind=kind, text=check_text(text, "the note"),  # type: ignore[arg-type]
                          agency=agency)
    return ctx.append(note, request_key("hotwash", ctx.caller.actor, note.stored(), request_id))


def submit_feedback(store: EventStore, token: str, answers: Mapping[str, Any], *, respondent: str = "",
                    role: str | None = None, agency: str | None = None,
                    request_id: str | None = None, now: datetime | None = None) -> Event:
    """A participant feedback form. `answers` may hold: strengths and improvements (up to three
    texts each), unobserved (text), corrective_actions [{action, priority, responsible}],
    review_items [{item, category, priority}], ratings {statement key: 1..5}.

    The role comes from the code: a table's players, an evaluator, the facilitator; the
    observer code (the room's projector) submits nothing. A table submits for its own agency.
    One form per person per code: a later form from the same name on the same code replaces
    the earlier one. Open while the session runs and after it ends, until it is closed."""
    ctx = context(store, token, now)
    if ctx.caller.role in ("observer", "debrief"):
        raise AccessDenied("refusal.evaluation.feedback_viewer", role=role_code(ctx.caller.role))
    ctx.caller.require("agency", "evaluator", "facilitator", doing="submit feedback")
    own_role = SUBMITTER_ROLE[ctx.caller.role]
    if role is not None and role != own_role:
        if role not in FEEDBACK_ROLES:
            raise ConductError("refusal.evaluation.feedback_role",
                               roles=listed(Code(r, f"feedback.role.{r}") for r in FEEDBACK_ROLES), role=role)
        raise AccessDenied("refusal.evaluation.feedback_as", yours=ctx.caller.role_words,
                           own=Code(own_role, f"feedback.role.{own_role}"),
                           role=Code(role, f"feedback.role.{role}"))
    role = own_role
    if ctx.caller.role == "agency":
        agency = agency if agency is not None else ctx.caller.agencies[0]
        ctx.caller.require_agency(agency, "submit feedback")
    _agency(ctx, agency)
    form = _feedback_form(answers)
    feedback = t.FeedbackSubmitted(respondent=check_text(respondent, "the name", 200, False),
                                   role=role, agency=agency, answers=form)
    return ctx.append(feedback, request_key("feedback", ctx.caller.actor, feedback.stored(),
                                            request_id))


def _feedback_form(answers: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(answers, Mapping):
        raise ConductError("refusal.feedback.not_a_form")
    unknown = set(answers) - {"strengths", "improvements", "unobserved", "corrective_actions",
                              "review_items", "ratings"}
    if unknown:
        raise ConductError("refusal.feedback.unknown_field", field=sorted(unknown)[0])
    form: dict[str, Any] = {}
    for name in ("strengths", "improvements"):
        items = _texts(answers.get(name, ()), name)
        if len(items) > 3:
            raise ConductError("refusal.feedback.at_most_three", name=Code(name, f"refusal.feedback.{name}"))
        form[name] = items
    form["unobserved"] = check_text(answers.get("unobserved", ""), "the unobserved field", 4000, False)
    form["corrective_actions"] = [
        {"action": check_text(row.get("action"), "a corrective action", 1000),
         "priority": _choice(row.get("priority", "Medium"), PRIORITIES, "priority"),
         "responsible": check_text(row.get("responsible", ""), "the responsible party", 200, False)}
        for row in _rows(answers.get("corrective_actions", ()), "corrective_actions")]
    form["review_items"] = [
        {"item": check_text(row.get("item"), "a review item", 1000),
         "category": _choice(row.get("category", "plans"), REVIEW_CATEGORIES, "category"),
         "priority": _choice(row.get("priority", "Medium"), PRIORITIES, "priority")}
        for row in _rows(answers.get("review_items", ()), "review_items")]
    ratings = answers.get("ratings", {})
    if not isinstance(ratings, Mapping):
        raise ConductError("refusal.feedback.ratings")
    form["ratings"] = {}
    for key, value in ratings.items():
        if key not in FEEDBACK_STATEMENTS:
            raise ConductError("refusal.feedback.no_statement", statement=key)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise ConductError("refusal.feedback.rate", statement=key)
        form["ratings"][key] = value
    return form


def save_improvement_item(store: EventStore, token: str, *, core_capability: str, issue: str,
                          corrective_action: str, capability_element: str,
                          responsible_organization: str, poc: str = "", start_date: str = "",
                          completion_date: str = "", objective: str | None = None,
                          item_id: str | None = None, now: datetime | None = None) -> Event:
    """Add (or, with `item_id`, revise) a row of the improvement plan."""
    ctx = _evaluator(store, token, now, "edit the improvement plan")
    if capability_element not in CAPABILITY_ELEMENTS:
        raise ConductError("refusal.evaluation.element",
                           elements=listed(Code(e, f"aar.element.{e.lower()}") for e in CAPABILITY_ELEMENTS))
    _objective(ctx, objective)
    texts = {"core_capability": check_text(core_capability, "the core capability", 200),
             "issue": check_text(issue, "the issue"),
             "corrective_action": check_text(corrective_action, "the corrective action"),
             "capability_element": capability_element,
             "responsible_organization": check_text(responsible_organization, "the responsible organization", 200),
             "poc": check_text(poc, "the point of contact", 200, False),
             "start_date": check_text(start_date, "the start date", 40, False),
             "completion_date": check_text(completion_date, "the completion date", 40, False)}
    fields = {**texts, "objective": objective}
    if item_id is not None and item_id not in ctx.state.improvement_items:
        raise NotFound("refusal.evaluation.no_item", item=item_id)
    key = request_key("ip", ctx.caller.actor, {**fields, "item": item_id}, None)
    saved = t.ImprovementItemSaved(item_id=item_id or short_id("IP", key), objective=objective, **texts)
    return ctx.append(saved, key)


def _agency(ctx: Context, agency: str | None) -> None:
    if agency is not None and agency not in {a.id for a in ctx.pack.agencies}:
        raise NotFound("refusal.no_agency", agency=agency)


def _texts(value: Any, what: str) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ConductError("refusal.feedback.texts", what=Code(what, f"refusal.feedback.{what}"))
    return [check_text(v, f"one of the {what}", 1000) for v in value if str(v or "").strip()]


def _rows(value: Any, what: str) -> list[Mapping[str, Any]]:
    if isinstance(value, str) or not isinstance(value, Sequence) or len(value) > 50:
        raise ConductError("refusal.feedback.rows", what=Code(what, f"refusal.feedback.{what}"))
    if not all(isinstance(row, Mapping) for row in value):
        raise ConductError("refusal.feedback.row", what=Code(what, f"refusal.feedback.{what}"))
    return list(value)


def _choice(value: Any, allowed: Sequence[str], what: str) -> str:
    if value not in allowed:
        raise ConductError("refusal.feedback.choice", what=Code(what, f"refusal.feedback.{what}"),
                           allowed=listed(Code(a, f"room2.{what}.{a}") for a in allowed), value=value)
    return value


__all__ = ["record_observation", "record_rating", "note_hotwash", "submit_feedback",
           "save_improvement_item", "RATINGS", "FEEDBACK_STATEMENTS", "NotAllowedNow"]

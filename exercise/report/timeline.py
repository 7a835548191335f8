"""The timeline of play: injects, responses and messages in scenario-time order."""

from __future__ import annotations

from exercise.conduct.activity import activities
from exercise.conduct.messaging import failure_reason
from exercise.conduct.state import ExerciseState
from exercise.i18n import translator
from exercise.report import words
from exercise.report.model import TimelineEntry
from exercise.report.times import report_time
from exercise.scenario.models import ScenarioPack
from exercise.scenario.text import LocalText, localize

_FIRST = {"release", "decision", "failed", "hold", "skip"}


def timeline(state: ExerciseState, lang: str) -> list[TimelineEntry]:
    from exercise.report.build import agency_name

    t = translator(lang)
    pack = state.pack

    def name(agency: str | None) -> str:
        return agency_name(pack, agency, lang) or (agency or "")

    def kind(key: str) -> str:
        return t(f"aar.kind.{key}")

    rows: list[tuple[float, int, TimelineEntry]] = []

    def add(minute: float, seq: int, key: str, actor: str, text: str) -> None:
        priority = 0 if key in _FIRST else 1
        rows.append((minute, seq, TimelineEntry(report_time(minute, pack, lang), kind(key), actor, text,
                                                priority)))

    for release in state.releases.values():
        inject = state.inject(release.inject_id)
        add(release.scenario_minute, release.seq, "release", name(inject.from_),
            t("timeline.release", inject=inject.id, title=t.text(inject.title)))
    for done in activities(state):  # what the tables did, from the one read model
        who = name(done.agency)
        if done.kind == "acknowledged":
            add(done.minute, done.order, "ack", who, done.other)
        elif done.kind == "decided":
            option = option_name(pack, done.inject_id or "", done.other or "", lang)
            add(done.minute, done.order, "decision", who,
                t("timeline.decision_why" if done.detail else "timeline.decision",
                  inject=done.inject_id, option=option, rationale=done.detail))
        elif done.kind == "action":
            add(done.minute, done.order, "action", who, done.detail)
        elif done.kind == "sent":
            message = state.messages[done.ref]
            text = t("aar.message_line", receiver=name(message.receiver),
                     channel=channel_name(pack, message.channel, lang), text=message.text)
            if message.status == "failed":
                text = t("timeline.failed", text=text,
                         reason=failure_reason(state.world, message, t.lang))
            add(done.minute, done.order, "failed" if message.status == "failed" else "message",
                who, text)
        elif done.kind == "requested":
            request = state.requests[done.ref]
            add(done.minute, done.order, "request", who, t(
                "timeline.request", quantity=request.quantity,
                resource=resource_name(pack, request.resource, lang), holder=name(request.holder),
                state=words.request_state(t, request.status)))
    for hold in state.holds.values():
        add(hold.scenario_minute, 0, "skip" if hold.skipped else "hold", words.actor(t, hold.actor),
            t("timeline.held_why", inject=hold.inject_id, reason=hold.reason) if hold.reason
            else hold.inject_id)
    rows.sort(key=lambda row: (row[0], row[1]))
    return [entry for _, _, entry in rows]



def _named(name: LocalText | None, fallback: str, lang: str) -> str:
    return localize(name, lang) if name else fallback


def option_name(pack: ScenarioPack, inject_id: str, option_id: str, lang: str) -> str:
    """A decision option by its label in `lang`; its id when the pack no longer has it."""
    inject = next((i for i in pack.injects if i.id == inject_id), None)
    option = next((o for o in inject.options if o.id == option_id), None) if inject else None
    return _named(option.label if option else None, option_id, lang)


def channel_name(pack: ScenarioPack, channel_id: str, lang: str) -> str:
    """A channel by its name in `lang`; its id when the pack does not name it."""
    channel = next((c for c in pack.channels if c.id == channel_id), None)
    return _named(channel.name if channel else None, channel_id, lang)


def resource_name(pack: ScenarioPack, resource_id: str, lang: str) -> str:
    """A resource type by its name in `lang`; its id when the pack no longer has it."""
    kind = next((r for r in pack.resource_types if r.id == resource_id), None)
    return _named(kind.name if kind else None, resource_id, lang)

"""The timeline of play: injects, responses and messages in scenario-time order."""

from __future__ import annotations

from exercise.conduct.activity import activities
from exercise.conduct.messaging import failure_reason
from exercise.conduct.state import ExerciseState
from exercise.i18n import translator
from exercise.report import words
from exercise.report.model import TimelineEntry
from exercise.report.times import report_time

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
            f"{inject.id}: {t.text(inject.title)}")
    for done in activities(state):  # what the tables did, from the one read model
        who = name(done.agency)
        if done.kind == "acknowledged":
            add(done.minute, done.order, "ack", who, done.other)
        elif done.kind == "decided":
            add(done.minute, done.order, "decision", who, f"{done.inject_id}: {done.other}"
                + (f" ({done.detail})" if done.detail else ""))
        elif done.kind == "action":
            add(done.minute, done.order, "action", who, done.detail)
        elif done.kind == "sent":
            message = state.messages[done.ref]
            text = t("aar.message_line", receiver=name(message.receiver), channel=message.channel,
                     text=message.text)
            if message.status == "failed":
                text += f" — {failure_reason(state.world, message, t.lang)}"
            add(done.minute, done.order, "failed" if message.status == "failed" else "message",
                who, text)
        elif done.kind == "requested":
            request = state.requests[done.ref]
            add(done.minute, done.order, "request", who, f"{request.quantity} × "
                f"{request.resource} ← {name(request.holder)}: {words.request_state(t, request.status)}")
    for hold in state.holds.values():
        add(hold.scenario_minute, 0, "skip" if hold.skipped else "hold", words.actor(t, hold.actor),
            f"{hold.inject_id}{': ' + hold.reason if hold.reason else ''}")
    rows.sort(key=lambda row: (row[0], row[1]))
    return [entry for _, _, entry in rows]


"""The timeline of play: injects, responses and messages in scenario-time order."""

from __future__ import annotations

from exercise.conduct.state import ExerciseState
from exercise.report.model import TimelineEntry
from exercise.scenario.text import localize
from exercise.scenario.timecode import format_time

_KINDS = {
    "release": {"en": "inject released", "zh-TW": "狀況發布"},
    "ack": {"en": "acknowledged", "zh-TW": "已確認"},
    "decision": {"en": "decision", "zh-TW": "決策"},
    "action": {"en": "action", "zh-TW": "行動"},
    "message": {"en": "message", "zh-TW": "訊息"},
    "failed": {"en": "message failed", "zh-TW": "訊息失敗"},
    "request": {"en": "resource request", "zh-TW": "資源請求"},
    "hold": {"en": "inject held", "zh-TW": "狀況暫緩"},
    "skip": {"en": "inject skipped", "zh-TW": "狀況略過"},
}

_FIRST = {"release", "decision", "failed", "hold", "skip"}


def timeline(state: ExerciseState, lang: str) -> list[TimelineEntry]:
    from exercise.report.build import agency_name

    pack = state.pack

    def name(agency: str | None) -> str:
        return agency_name(pack, agency, lang) or (agency or "")

    def kind(key: str) -> str:
        return _KINDS[key].get(lang, _KINDS[key]["en"])

    rows: list[tuple[float, int, TimelineEntry]] = []

    def add(minute: float, seq: int, key: str, actor: str, text: str) -> None:
        priority = 0 if key in _FIRST else 1
        rows.append((minute, seq, TimelineEntry(format_time(int(minute)), kind(key), actor, text,
                                                priority)))

    for release in state.releases.values():
        inject = state.inject(release.inject_id)
        add(release.scenario_minute, release.seq, "release", name(inject.from_),
            f"{inject.id}: {localize(inject.title, lang)}")
    for agency, items in state.inbox.items():
        for item in items.values():
            if item.acknowledged_minute is not None:
                add(item.acknowledged_minute, 0, "ack", name(agency), item.inject_id)
    for decision in state.decisions:
        add(decision.scenario_minute, decision.seq, "decision", name(decision.agency),
            f"{decision.inject_id}: {decision.option}"
            + (f" ({decision.rationale})" if decision.rationale else ""))
    for action in state.actions:
        add(action.scenario_minute, action.seq, "action", name(action.agency), action.text)
    for message in state.messages.values():
        text = f"→ {name(message.receiver)} [{message.channel}]: {message.text}"
        if message.status == "failed":
            text += f" — {message.failure}"
        add(message.scenario_minute, message.seq, "failed" if message.status == "failed"
            else "message", name(message.sender), text)
    for request in state.requests.values():
        add(request.scenario_minute, 0, "request", name(request.requester),
            f"{request.quantity} × {request.resource} ← {name(request.holder)}: {request.status}")
    for hold in state.holds.values():
        add(hold.scenario_minute, 0, "skip" if hold.skipped else "hold", hold.actor,
            f"{hold.inject_id}{': ' + hold.reason if hold.reason else ''}")
    rows.sort(key=lambda row: (row[0], row[1]))
    return [entry for _, _, entry in rows]

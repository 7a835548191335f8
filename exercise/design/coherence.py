"""Coherence: what a pack says in one place and contradicts in another. Expected contacts
outside the contact plan, injects sent over a channel that is down at that moment, decisions an
agency sends to itself, injects without expected actions, core capabilities that are not among
the 32 HSEEP names."""

from __future__ import annotations

from exercise.design.capabilities import is_core_capability, nearest
from exercise.design.findings import Finding, Rule, Severity
from exercise.design.restoration import restoration_findings
from exercise.design.schedule import release_times
from exercise.network.graph import agency_label
from exercise.network.world import WorldState
from exercise.scenario.models import InjectType, ScenarioPack, Status
from exercise.scenario.timecode import format_time


def coherence_findings(pack: ScenarioPack, world: WorldState, lang: str = "en") -> list[Finding]:
    return [*_contacts(pack, world, lang), *_channels_down(pack, world, lang),
            *_self_decisions(pack, lang), *_no_actions(pack), *_capabilities(pack),
            *restoration_findings(world, lang)]


def _contacts(pack: ScenarioPack, world: WorldState, lang: str) -> list[Finding]:
    agencies = {a.id for a in pack.agencies}
    found = []
    for n, inject in enumerate(pack.injects):
        for k, contact in enumerate(inject.expected_contacts):
            a, b = contact.from_, contact.to
            if a not in agencies or b not in agencies or a == b:
                continue
            if world.planned_channels(a, b) or world.planned_channels(b, a):
                continue
            found.append(Finding(Rule.coherence, "coherence.contact_unplanned", Severity.warning,
                                 ("injects", n, "expected_contacts", k),
                                 {"inject": inject.id, "from": agency_label(pack, a, lang),
                                  "to": agency_label(pack, b, lang)}))
    return found


def _channels_down(pack: ScenarioPack, world: WorldState, lang: str) -> list[Finding]:
    if not world.applied:
        return []
    times = release_times(pack)
    agencies = {a.id for a in pack.agencies}
    found = []
    for n, inject in enumerate(pack.injects):
        if inject.channel is None:
            continue
        minute = times[inject.id]
        sender = inject.from_ if inject.from_ in agencies else None
        down: list[str] = []
        reasons: dict[str, None] = {}
        for target in inject.to:
            if target not in agencies:
                continue
            health = world.channel_health(inject.channel, sender or target, target, minute)
            if health.status is Status.down:
                down.append(agency_label(pack, target, lang))
                reasons.update(dict.fromkeys(r.text for r in health.reasons))
        if down:
            found.append(Finding(Rule.coherence, "coherence.channel_down", Severity.warning,
                                 ("injects", n, "channel"),
                                 {"inject": inject.id, "channel": inject.channel,
                                  "time": format_time(minute), "to": ", ".join(down),
                                  "cause": "; ".join(list(reasons)[:2])}))
    return found


def _self_decisions(pack: ScenarioPack, lang: str) -> list[Finding]:
    return [
        Finding(Rule.coherence, "coherence.self_decision", Severity.warning, ("injects", n, "from"),
                {"inject": inject.id, "agency": agency_label(pack, inject.from_, lang)})
        for n, inject in enumerate(pack.injects)
        if inject.type is InjectType.decision and inject.from_ in inject.to
    ]


def _no_actions(pack: ScenarioPack) -> list[Finding]:
    return [
        Finding(Rule.coherence, "coherence.no_actions", Severity.warning, ("injects", n),
                {"inject": inject.id})
        for n, inject in enumerate(pack.injects)
        if not inject.expected_actions
    ]


def _capabilities(pack: ScenarioPack) -> list[Finding]:
    found = []
    for n, objective in enumerate(pack.objectives):
        for k, name in enumerate(objective.core_capabilities):
            if is_core_capability(name):
                continue
            guesses = nearest(name)
            found.append(Finding(
                Rule.coherence, "coherence.capability" if guesses else "coherence.capability_unknown",
                Severity.warning, ("objectives", n, "core_capabilities", k),
                {"objective": objective.id, "name": name,
                 "suggestion_en": " / ".join(en for en, _ in guesses),
                 "suggestion_zh": " / ".join(zh for _, zh in guesses)}))
    return found

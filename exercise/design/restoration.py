"""Texts that say a service is back while the pack's own timeline still has it down: the
players read "power is restored" and the model keeps every channel that needs power dead.
Heuristic, kept narrow: a restoration word and a word for the kind of system in one sentence,
no negation or future in it, no inject so far bringing such a system back (up or degraded),
and a system of that kind still down somewhere at that moment."""

from __future__ import annotations

import re

from exercise.design.findings import Finding, Rule, Severity
from exercise.design.schedule import baseline_injects
from exercise.network.world import WorldState
from exercise.scenario.models import InfrastructureEffect, InfrastructureKind, Status
from exercise.scenario.text import LANGUAGES, localize
from exercise.scenario.timecode import format_time

_RESTORED = re.compile(
    r"\b(?:restored|is back|are back|back on|back up|back in service|resumed|reconnected)\b"
    r"|復電|恢復供電|恢復通訊|恢復通車|已恢復|已搶通", re.I)
_NOT_YET = re.compile(
    r"\b(?:not|yet|until|will|expected|hope|once|before|if)\b|未|仍|須待|才能|預計|預估|估計|可望|將|若", re.I)
_KIND_WORDS = {
    InfrastructureKind.power: r"\b(?:power|electricity|grid)\b|復電|供電|電力|停電",
    InfrastructureKind.mobile: r"\b(?:mobile|cell|coverage|signal|base stations?)\b|行動|訊號|基地臺|通訊",
    InfrastructureKind.landline: r"\b(?:landlines?|phone lines?|telephone)\b|市話",
    InfrastructureKind.internet: r"\binternet\b|網路",
    InfrastructureKind.roads: r"\b(?:roads?|highway|bridge)\b|道路|公路|搶通",
    InfrastructureKind.water: r"\b(?:water supply|tap water|water)\b|供水|自來水",
    InfrastructureKind.radio: r"\b(?:radio|repeaters?)\b|無線電",
}
_KINDS = {kind: re.compile(words, re.I) for kind, words in _KIND_WORDS.items()}
_SENTENCES = re.compile(r"[^.!?;。！？；\n]+")


def restoration_findings(world: WorldState, lang: str = "en") -> list[Finding]:
    pack = world.pack
    kind_of = {system.id: system.kind for system in pack.infrastructure}
    index = {inject.id: n for n, inject in enumerate(pack.injects)}
    found = []
    raised: set[InfrastructureKind | None] = set()  # kinds some inject has brought back so far
    for minute, inject in baseline_injects(pack):
        raised |= {kind_of.get(e.system) for e in inject.effects
                   if isinstance(e, InfrastructureEffect) and e.status is not Status.down}
        claimed: set[InfrastructureKind] = set()
        for text_lang in LANGUAGES:
            for text in (localize(inject.title, text_lang), localize(inject.message, text_lang)):
                for sentence in _SENTENCES.findall(text):
                    if not _RESTORED.search(sentence) or _NOT_YET.search(sentence):
                        continue
                    claimed |= {kind for kind, words in _KINDS.items() if words.search(sentence)}
        for kind in sorted(claimed - raised, key=lambda k: k.value):
            down = [(system, area, health) for system, area, health in world.not_up(minute)
                    if kind_of[system] is kind and health.status is Status.down]
            if not down:
                continue
            system, area, health = down[0]
            found.append(Finding(Rule.coherence, "coherence.not_restored", Severity.warning,
                                 ("injects", index[inject.id], "message"),
                                 {"inject": inject.id, "time": format_time(minute),
                                  "kind": kind.value, "count": len(down),
                                  "cause": health.summary()}))
    return found

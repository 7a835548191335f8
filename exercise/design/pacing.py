"""Pacing: per module, scenario minutes, injects, reading load and the clock speed that fits the
module's share of the planned real minutes; where no offered speed fits, advise
facilitator-paced play with jumps."""

from __future__ import annotations

import re
from dataclasses import dataclass

from exercise.design.findings import Finding, Param, Rule, Severity
from exercise.scenario.models import ScenarioPack
from exercise.scenario.text import localize
from exercise.scenario.timecode import format_time

OFFERED_SPEEDS = (1, 5, 10, 30)
# An offered speed fits when the module then lasts between these shares of its real minutes.
FIT_LOW, FIT_HIGH = 0.6, 1.25
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def english_words(text: str) -> int:
    return len(_WORD.findall(text))


def chinese_characters(text: str) -> int:
    return len(_HAN.findall(text))


@dataclass(frozen=True)
class ModulePace:
    module: str
    start: int
    end: int
    scenario_minutes: int
    injects: int
    words: int
    characters: int
    real_minutes: float
    speed: float  # the clock speed that fits exactly
    fitting: int | None  # the offered speed that fits, if any


def module_paces(pack: ScenarioPack) -> list[ModulePace]:
    modules = sorted(pack.modules, key=lambda m: m.start)
    real = pack.metadata.duration / len(modules) if modules else 0.0
    last = pack.last_time()
    paces = []
    for module in modules:
        start, end = pack.module_window(module.id)
        end = min(end, last)
        injects = [i for i in pack.injects if i.module == module.id]
        words = sum(english_words(localize(i.title, "en")) + english_words(localize(i.message, "en"))
                    for i in injects)
        # reading load is measured per script: English words, Chinese characters of the zh-TW text
        characters = sum(chinese_characters(localize(i.title, "zh-TW"))
                         + chinese_characters(localize(i.message, "zh-TW")) for i in injects)
        span = max(0, end - start)
        speed = span / real if real else 0.0
        fitting = next((v for v in OFFERED_SPEEDS
                        if real and FIT_LOW * real <= span / v <= FIT_HIGH * real), None)
        paces.append(ModulePace(module.id, start, end, span, len(injects), words, characters,
                                round(real, 1), round(speed, 1), fitting))
    return paces


def pacing_findings(pack: ScenarioPack, paces: list[ModulePace]) -> list[Finding]:
    index = {m.id: n for n, m in enumerate(pack.modules)}
    found = []
    for pace in paces:
        if pace.scenario_minutes == 0 or pace.injects == 0:
            continue
        params: dict[str, Param] = {"module": pace.module, "start": format_time(pace.start),
                  "end": format_time(pace.end), "scenario": pace.scenario_minutes,
                  "real": pace.real_minutes, "speed": pace.speed,
                  "offered": "/".join(str(v) for v in OFFERED_SPEEDS)}
        path = ("modules", index[pace.module])
        if pace.fitting is None:
            code = "pacing.hold" if pace.speed < OFFERED_SPEEDS[0] else "pacing.jumps"
            found.append(Finding(Rule.pacing, code, Severity.advice, path, params))
    return found

"""Clock: each inject's day and time of day (when `metadata.scenario_start` can be read), the
clock times and day phrases its texts mention, and two contradictions at advice level: a time
spoken of as still to come that has already passed, and daylight spoken of at night."""

from __future__ import annotations

from dataclasses import dataclass

from exercise.design.clocktext import (
    ClockStart,
    clock_times,
    day_phrases,
    daylight_phrases,
    future_times,
)
from exercise.design.findings import Finding, Param, Rule, Severity
from exercise.design.schedule import release_times
from exercise.scenario.models import Inject, ScenarioPack
from exercise.scenario.text import LANGUAGES, localize
from exercise.scenario.time_of_day import start_of
from exercise.scenario.timecode import format_time

NIGHT_FROM, NIGHT_UNTIL = 19 * 60, 5 * 60
# A time mentioned as still to come is "already past" when it is this much earlier today
# (less than PAST_WITHIN earlier: more would more likely mean tomorrow).
PAST_BY, PAST_WITHIN = 60, 12 * 60
SMALL_HOURS_UNTIL, EVENING_FROM = 6 * 60, 18 * 60


@dataclass(frozen=True)
class InjectClock:
    inject: str
    scenario_minute: int
    day: int | None
    minute_of_day: int | None
    mentions: tuple[str, ...]


def clock_of_day(minute: int) -> str:
    hours, minutes = divmod(minute, 60)
    return f"{hours:02d}:{minutes:02d}"


def is_night(minute_of_day: int) -> bool:
    return minute_of_day >= NIGHT_FROM or minute_of_day < NIGHT_UNTIL


def pack_start(pack: ScenarioPack) -> ClockStart | None:
    return start_of(pack.metadata.scenario_start)


def _texts(inject: Inject) -> list[str]:
    out: list[str] = []
    for lang in LANGUAGES:
        for text in (inject.title, inject.message):
            value = localize(text, lang)
            if value and value not in out:
                out.append(value)
    return out


def inject_clocks(pack: ScenarioPack, start: ClockStart | None) -> list[InjectClock]:
    times = release_times(pack)
    rows = []
    for inject in sorted(pack.injects, key=lambda i: (times[i.id], i.id)):
        minute = times[inject.id]
        day, of_day = start.at(minute) if start else (None, None)
        mentions: list[str] = []
        for text in _texts(inject):
            for item in [m.text for m in clock_times(text)] + day_phrases(text):
                if item not in mentions:
                    mentions.append(item)
        rows.append(InjectClock(inject.id, minute, day, of_day, tuple(mentions)))
    return rows


def clock_findings(pack: ScenarioPack, start: ClockStart | None) -> list[Finding]:
    if start is None:
        where: tuple[str, ...] = ("metadata", "scenario_start") if pack.metadata.scenario_start \
            else ("metadata",)
        return [Finding(Rule.clock, "clock.no_start", Severity.advice, where, {})]
    times = release_times(pack)
    index = {inject.id: n for n, inject in enumerate(pack.injects)}
    found = []
    for inject in pack.injects:
        day, of_day = start.at(times[inject.id])
        base: dict[str, Param] = {"inject": inject.id, "day": day, "clock": clock_of_day(of_day),
                "time": format_time(times[inject.id])}
        path = ("injects", index[inject.id], "message")
        past: list[str] = []
        daylight: list[str] = []
        for text in _texts(inject):
            for mention in future_times(text):
                earlier = of_day - mention.minute
                if earlier < 0 and of_day < SMALL_HOURS_UNTIL and mention.minute >= EVENING_FROM:
                    earlier += 1440  # at 00:30, "at 20:00" speaks of last evening
                if PAST_BY <= earlier <= PAST_WITHIN and mention.text not in past:
                    past.append(mention.text)
            if is_night(of_day):
                daylight += [p for p in daylight_phrases(text) if p not in daylight]
        if past:
            found.append(Finding(Rule.clock, "clock.past", Severity.advice, path,
                                 {**base, "mentioned": ", ".join(past)}))
        if daylight:
            found.append(Finding(Rule.clock, "clock.daylight", Severity.advice, path,
                                 {**base, "phrase": ", ".join(daylight)}))
    return found

"""The time of day of a scenario: what T+00:00 stands for (`metadata.scenario_start`), read once
here, and every scenario minute said the way people say it, `Day 2 20:30 (T+12:00)`.

`scenario_start` is best written as a date and time of day (`2026-09-14 06:00`) or a day and
time of day (`Day 1 06:00`); older packs wrote free text in each language, and any text with a
time of day in it (`第1天上午08:30，…`) is still read. A start with no time of day in it keeps
the exercise working on T+ alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Annotated

from pydantic import PlainValidator, WithJsonSchema

from exercise.scenario.problems import Problem, Severity
from exercise.scenario.text import LANGUAGES
from exercise.scenario.text import _validate_local_text as validate_local_text
from exercise.scenario.timecode import format_time

START_EXAMPLE = "2026-09-14 06:00"
START_HELP = (f"write when T+00:00 happens as a date and time of day ({START_EXAMPLE}) or a day "
              "and time of day (Day 1 06:00)")
# The forms `scenario_start` is documented to take (free text is also read, see read_start).
START_PATTERN = r"^\s*(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?|Day\s*\d{1,3},?\s+\d{1,2}:\d{2})\s*$"


ScenarioStart = Annotated[
    str | dict[str, str],
    PlainValidator(validate_local_text),
    WithJsonSchema({"anyOf": [
        {"type": "string", "pattern": START_PATTERN,
         "description": "a date and time of day (2026-09-14 06:00) or a day and time of day "
                        "(Day 1 06:00)"},
        {"type": "string", "minLength": 1,
         "description": "free text with a time of day in it (older packs)"},
        {"type": "object", "description": "free text per language (older packs)",
         "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
         "additionalProperties": False, "minProperties": 1},
    ]}),
]

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})")
DAY_NUMBER = re.compile(r"\bDay\s*(\d{1,3})\b|第\s*(\d{1,3})\s*天", re.I)
_HHMM = re.compile(r"(?<![\d:.+\-])([01]?\d|2[0-3])[:：]([0-5]\d)(?![\d:])")
_AMPM = re.compile(r"(?<![\d:])(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*([ap])\.?m\.?(?![a-z])", re.I)
_ZH_AFTERNOON = re.compile(r"(下午|晚上|傍晚|晚間)\s*$")


@dataclass(frozen=True)
class ClockStart:
    """What T+00:00 stands for: a day number (1 = the first day), a minute of that day, and a
    calendar date when one was given."""

    day: int
    minute: int
    date: date | None = None

    def at(self, scenario_minute: int) -> tuple[int, int]:
        """(day, minute of day) of a scenario minute."""
        total = self.minute + scenario_minute
        return self.day + total // 1440, total % 1440


@dataclass(frozen=True)
class ClockMention:
    text: str  # as written
    minute: int  # minute of day
    start: int  # index in the text
    end: int


def clock_times(text: str) -> list[ClockMention]:
    """Times of day written as 14:30, 14：30, 2:30 pm or 下午2:30, in the order written."""
    found: list[ClockMention] = []
    for match in _AMPM.finditer(text):
        hour = int(match[1]) % 12 + (12 if match[3].lower() == "p" else 0)
        found.append(ClockMention(match[0], hour * 60 + int(match[2] or 0), match.start(), match.end()))
    for match in _HHMM.finditer(text):
        if any(m.start <= match.start() < m.end for m in found):
            continue
        hour, minute = int(match[1]), int(match[2])
        if hour < 12 and _ZH_AFTERNOON.search(text[max(0, match.start() - 4):match.start()]):
            hour += 12
        found.append(ClockMention(match[0], hour * 60 + minute, match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def read_start(texts: list[str]) -> ClockStart | None:
    """The start read from `metadata.scenario_start` (any of its languages), or None."""
    for text in texts:
        if match := _ISO.search(text):
            year, month, day, hour, minute = (int(g) for g in match.groups())
            try:
                when = date(year, month, day)
            except ValueError:
                continue
            if hour < 24:
                return ClockStart(1, hour * 60 + minute, when)
    for text in texts:
        clock = clock_times(text)
        if not clock:
            continue
        day_match = DAY_NUMBER.search(text)
        day = int(next(g for g in day_match.groups() if g)) if day_match else 1
        return ClockStart(day, clock[0].minute)
    return None


def start_of(scenario_start: str | dict[str, str] | None) -> ClockStart | None:
    """The start of a pack from its `metadata.scenario_start` (as written), or None."""
    if scenario_start is None:
        return None
    if isinstance(scenario_start, str):
        return _read_cached((scenario_start,))
    return _read_cached(tuple(scenario_start[lang] for lang in LANGUAGES if lang in scenario_start))


@lru_cache(maxsize=256)
def _read_cached(texts: tuple[str, ...]) -> ClockStart | None:
    return read_start(list(texts))


@dataclass(frozen=True)
class ScenarioTime:
    """A scenario minute as people speak of it: T+12:00, and when the start is known, the day
    (1 = the first) and the time of day, and the calendar date when the start has one."""

    minute: int
    elapsed: str
    day: int | None = None
    clock: str | None = None
    date: date | None = None


def scenario_time(minute: float, start: ClockStart | None) -> ScenarioTime:
    whole = int(minute)
    if start is None:
        return ScenarioTime(whole, format_time(whole))
    day, of_day = start.at(whole)
    hours, minutes = divmod(of_day, 60)
    when = start.date + timedelta(days=day - start.day) if start.date else None
    return ScenarioTime(whole, format_time(whole), day, f"{hours:02d}:{minutes:02d}", when)


def say_scenario_time(minute: float, start: ClockStart | None, known: str,
                      unknown: str = "{elapsed}") -> str:
    """The words for a scenario minute: `known` (fields {day}, {clock}, {elapsed}, {date}) when
    the start is known, else `unknown` ({elapsed}). The words come from the caller's catalogue,
    e.g. "Day {day} {clock} ({elapsed})" -> "Day 2 20:30 (T+12:00)"."""
    shown = scenario_time(minute, start)
    if shown.day is None:
        return unknown.format(elapsed=shown.elapsed)
    return known.format(day=shown.day, clock=shown.clock, elapsed=shown.elapsed,
                        date=shown.date.isoformat() if shown.date else "")


def start_problems(scenario_start: str | dict[str, str] | None) -> list[Problem]:
    """A warning when `scenario_start` is given but no time of day can be read from it."""
    if scenario_start is None or start_of(scenario_start) is not None:
        return []
    return [Problem("no time of day can be read here, so the app shows scenario times as T+ only",
                    path=("metadata", "scenario_start"), hint=START_HELP,
                    severity=Severity.warning, extra={"words": "start_unreadable"})]

"""Scenario time notation, normalised to whole minutes from scenario start (T+00:00).

Accepted: plain minutes (`90`, `-30`), `T+02:30`, `T-48:00`, `T+1d 02:00`, `02:30` (hours and
minutes from start), and OpenBAS-style `D+1 H+3 M+45` (any subset, in that order).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

MAX_MINUTES = 60 * 24 * 366

_T_NOTATION = re.compile(
    r"^T\s*(?P<sign>[+-])\s*(?:(?P<days>\d+)\s*d\s*)?(?P<hours>\d{1,4}):(?P<minutes>\d{2})$", re.I
)
_CLOCK = re.compile(r"^(?P<sign>[+-])?(?P<hours>\d{1,4}):(?P<minutes>\d{2})$")
_OPENBAS = re.compile(
    r"^(?:D\s*(?P<d>[+-]\s*\d+))?\s*(?:H\s*(?P<h>[+-]\s*\d+))?\s*(?:M\s*(?P<m>[+-]\s*\d+))?$", re.I
)
_PLAIN = re.compile(r"^[+-]?\d+$")
_LONG_NUMBER = re.compile(r"\d{8,}")  # more minutes than a year has, in any notation


class TimeNotationError(ValueError):
    """A time that none of the accepted notations can read."""


def parse_time(value: object) -> int:
    """Minutes from scenario start for any accepted notation; raises TimeNotationError."""
    if isinstance(value, bool):
        raise TimeNotationError(f"{value!r} is not a time")
    if isinstance(value, int):
        return _bounded(value, value)
    if isinstance(value, float):
        if not value.is_integer():
            raise TimeNotationError(f"{value!r} is not a whole number of minutes")
        return _bounded(int(value), value)
    if not isinstance(value, str):
        raise TimeNotationError(f"{_shown(value)} is not a time")
    text = value.strip()
    if _LONG_NUMBER.search(text):
        raise TimeNotationError(f"{_shown(value)} is more than a year from scenario start")
    if _PLAIN.match(text):
        return _bounded(int(text), value)
    if match := _T_NOTATION.match(text):
        return _signed(match["sign"], match["days"], match["hours"], match["minutes"], value)
    if match := _CLOCK.match(text):
        return _signed(match["sign"] or "+", None, match["hours"], match["minutes"], value)
    if text and (match := _OPENBAS.match(text)) and any(match.groupdict().values()):
        parts = {k: int(re.sub(r"\s", "", v)) if v else 0 for k, v in match.groupdict().items()}
        return _bounded(parts["d"] * 1440 + parts["h"] * 60 + parts["m"], value)
    raise TimeNotationError(
        f"{_shown(value)} is not a time; write T+02:30, T-48:00, D+1 H+3 M+45 or plain minutes"
    )


def _shown(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _signed(sign: str, days: str | None, hours: str, minutes: str, original: object) -> int:
    if int(minutes) >= 60:
        raise TimeNotationError(f"{original!r} has {minutes} minutes; minutes go from 00 to 59")
    total = int(days or 0) * 1440 + int(hours) * 60 + int(minutes)
    return _bounded(-total if sign == "-" else total, original)


def _bounded(minutes: int, original: object) -> int:
    if abs(minutes) > MAX_MINUTES:
        raise TimeNotationError(f"{_shown(original)} is more than a year from scenario start")
    return minutes


def format_time(minutes: int) -> str:
    """Canonical notation: T+02:30, T-48:00."""
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(int(minutes)), 60)
    return f"T{sign}{hours:02d}:{mins:02d}"


def _validate(value: object) -> int:
    try:
        return parse_time(value)
    except TimeNotationError as exc:
        raise ValueError(str(exc)) from None


ScenarioMinutes = Annotated[
    int,
    BeforeValidator(_validate),
    PlainSerializer(format_time, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "description": "minutes from scenario start"},
                {
                    "type": "string",
                    "description": "T+02:30, T-48:00, D+1 H+3 M+45, 02:30 or plain minutes",
                },
            ]
        }
    ),
]

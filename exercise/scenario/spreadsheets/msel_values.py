"""Reading one spreadsheet cell as a pack value: names to ids, times, lists, yes/no, text."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from exercise.scenario.spreadsheets.tables import CellValue
from exercise.scenario.spreadsheets.words import Items, Kind, sentence
from exercise.scenario.text import LocalText, localize
from exercise.scenario.timecode import TimeNotationError, format_time, parse_time

_SEPARATORS = re.compile(r"[;；\n、]")
_COMMA = re.compile(r"[,，]")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$", re.I)
_DATETIME = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]+(.+)$")
_YES = {"yes", "y", "true", "1", "x", "✓", "✔", "是", "v", "contingency"}
_NO = {"no", "n", "false", "0", "否", ""}


class CellError(ValueError):
    """A cell that cannot be read; `hint` says what to write instead."""

    def __init__(self, message: str, hint: str = "", code: str = "",
                 values: Mapping[str, object] | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code
        self.values = dict(values or {})

    @classmethod
    def said(cls, code: str, **values: object) -> CellError:
        """The error whose English sentence is the catalogue's `sheet.<code>` with `values`."""
        return cls(*sentence(code, values), code=code, values=values)


def match_key(text: str) -> str:
    value = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in value if ch.isalnum())


class NameIndex:
    """Finds the id of an entry by its id, any of its names in any language, or its short name,
    ignoring case, spacing and punctuation."""

    def __init__(self, kind: str, entries: Iterable[tuple[str, Iterable[LocalText | None]]]):
        self.kind = kind
        self.labels: dict[str, str] = {}
        self._keys: dict[str, set[str]] = {}
        self._written: dict[str, str] = {}
        for entry_id, given in entries:
            names = list(given)
            texts: list[str] = []
            for name in names:
                if isinstance(name, dict):
                    texts.extend(name.values())
                elif name:
                    texts.append(name)
            texts.append(entry_id)
            self.labels[entry_id] = localize(next((n for n in names if n), None)) or entry_id
            for text in texts:
                self._keys.setdefault(match_key(text), set()).add(entry_id)
                self._written.setdefault(match_key(text), text)

    def find(self, text: str) -> str | None:
        found = self._keys.get(match_key(text), set())
        if len(found) > 1 and text.strip() in found:
            return text.strip()
        if len(found) > 1:
            raise CellError.said("several", text=text, kinds=Kind(self.kind, "s"),
                                 ids=Items.of("sheet.item.id", [{"id": i} for i in sorted(found)]))
        return next(iter(found), None)

    def match(self, text: str) -> str:
        found = self.find(text)
        if found is not None:
            return found
        hint, values = self.suggestion_words(text)
        raise CellError.said(f"not_in_pack+{hint}", text=text, a_kind=Kind(self.kind, "a"),
                             **values)

    def suggestion(self, text: str) -> str:
        """What to write instead of `text`, in English ("did you mean …?" when one is close)."""
        code, values = self.suggestion_words(text)
        return sentence(f"{code}+{code}", values)[1]

    def suggestion_words(self, text: str) -> tuple[str, dict[str, object]]:
        """What to write instead of `text`, as a code (`sheet.<code>.hint`) and its values."""
        key = match_key(text)
        close = difflib.get_close_matches(key, list(self._keys), n=1, cutoff=0.7)
        if close:
            entry = sorted(self._keys[close[0]])[0]
            written = self._written[close[0]]
            return ("close_written", {"written": written, "entry": entry}) if written != entry \
                else ("close_id", {"entry": entry})
        if not self.labels:
            return "none_yet", {"kinds": Kind(self.kind, "s")}
        known = Items.of("sheet.item.id", [{"id": i} for i in sorted(self.labels)[:12]],
                         more=len(self.labels) > 12, more_key="sheet.more_short")
        return "one_of", {"known": known}


def cell_text(value: CellValue) -> str | None:
    """The cell as trimmed text, or None when blank; numbers lose a trailing `.0`."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value).strip() or None


def split_names(text: str, index: NameIndex) -> list[str]:
    """Ids for a cell listing several names: split on ; 、 newline, then on commas, but keep a
    part whole when the whole part is a name (names may contain commas)."""
    if index.find(text) is not None:
        return [index.match(text)]
    out: list[str] = []
    for part in filter(None, (p.strip() for p in _SEPARATORS.split(text))):
        if index.find(part) is not None:
            out.append(index.match(part))
            continue
        out.extend(index.match(piece) for piece in
                   filter(None, (p.strip() for p in _COMMA.split(part))))
    return out


def split_lines(text: str | None) -> list[str]:
    if text is None:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


def read_yes_no(value: CellValue) -> bool:
    text = (cell_text(value) or "").casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError.said("yes_no", text=text)


@dataclass(frozen=True)
class ClockStart:
    """The wall-clock time (and optionally date) that T+00:00 stands for."""

    clock: time
    day: date | None = None

    @classmethod
    def parse(cls, text: str) -> ClockStart:
        raw = text.strip()
        match = _DATETIME.match(raw)
        day = None
        if match:
            try:
                day = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise CellError.said("start_not_date", text=text) from None
            raw = match[4]
        clock = _clock(raw)
        if clock is None:
            raise CellError.said("start_not_clock", text=text)
        return cls(clock, day)


def read_time(value: CellValue, start: ClockStart | None, first_day: date | None = None,
              *, elapsed: bool = True) -> int:
    """Minutes from scenario start: any pack notation, or a clock time with `start`. Without a
    start, a clock-looking time (07:58, a time cell) is read as hours:minutes from scenario
    start only when `elapsed`; otherwise it is refused as ambiguous."""
    if value is None:
        raise CellError.said("time_empty")
    if isinstance(value, timedelta):
        return _whole_minutes(value.total_seconds() / 60, value)
    if isinstance(value, datetime):
        return _from_datetime(value, start, first_day)
    if isinstance(value, time):
        return _from_clock(value, start, elapsed)
    if isinstance(value, float) and 0 < value < 1 and not value.is_integer():
        return _from_clock(_day_fraction(value), start, elapsed)
    if isinstance(value, str):
        text = value.strip()
        if (match := _DATETIME.match(text)) and (clock := _clock(match[4])) is not None:
            try:
                day = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise CellError.said("not_date", text=text) from None
            return _from_datetime(datetime.combine(day, clock), start, first_day)
        if start is not None and (clock := _clock(text)) is not None:
            return _from_clock(clock, start)
        if start is not None and (over := _CLOCK.match(text)) and int(over[1]) >= 24:
            raise CellError.said("past_midnight", text=text)
        if start is None and (clock_like := _CLOCK.match(text)) and (clock_like[4] or not elapsed):
            raise CellError.said("clock_time+needs_start", text=text)
        value = text
    try:
        return parse_time(value)
    except TimeNotationError as exc:
        raise time_error(exc, value) from None


def _clock(text: str) -> time | None:
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hours, minutes = int(match[1]), int(match[2])
    if match[4]:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if match[4].lower().startswith("p") else 0)
    if hours > 23 or minutes > 59 or int(match[3] or 0) > 59:
        return None
    return time(hours, minutes, int(match[3] or 0))


def clock_minutes(value: CellValue) -> int:
    """Minutes since midnight of a clock-looking cell (a time, a day fraction, 07:58, 7:58 pm)."""
    if isinstance(value, float):
        value = _day_fraction(value)
    if isinstance(value, str):
        value = _clock(value)
    if not isinstance(value, time):
        return -1
    return value.hour * 60 + value.minute


def _day_fraction(value: float) -> time:
    seconds = round(value * 86400)
    return time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)


def _from_clock(clock: time, start: ClockStart | None, elapsed: bool = True) -> int:
    if clock.second:
        raise CellError.said("seconds", text=clock.isoformat())
    minutes = clock.hour * 60 + clock.minute
    if start is None and not elapsed:
        raise CellError.said("clock_time+needs_start", text=f"{clock:%H:%M}")
    if start is None:
        return minutes  # like 02:30 in a pack: hours and minutes from scenario start
    return minutes - (start.clock.hour * 60 + start.clock.minute)


def _from_datetime(moment: datetime, start: ClockStart | None, first_day: date | None) -> int:
    if start is None:
        raise CellError.said("date_time+needs_start", text=f"{moment:%Y-%m-%d %H:%M}")
    day = start.day or first_day or moment.date()
    origin = datetime.combine(day, start.clock)
    return _whole_minutes((moment.replace(tzinfo=None) - origin).total_seconds() / 60, moment)


def _whole_minutes(minutes: float, original: object) -> int:
    if not float(minutes).is_integer():
        raise CellError.said("not_whole_minutes", text=str(original))
    try:
        return parse_time(int(minutes))
    except TimeNotationError as exc:
        raise time_error(exc, original) from None


_SIXTY = re.compile(r" has (\d+) minutes; ")


def time_error(exc: TimeNotationError, value: object, hint: str = "time_notation") -> CellError:
    """What `parse_time` found wrong with `value`, as a sentence of the catalogue (its own
    message is English), with `hint`'s advice."""
    message = str(exc)
    text = value.strip() if isinstance(value, str) else str(value)
    if sixty := _SIXTY.search(message):
        return CellError.said(f"time_sixty+{hint}", text=text, minutes=sixty[1])
    if "more than a year" in message:
        return CellError.said(f"time_year+{hint}", text=text)
    if "whole number of minutes" in message:
        return CellError.said("not_whole_minutes", text=text)
    return CellError.said(f"time_not+{hint}", text=text)


def describe_time(minutes: int) -> str:
    return format_time(minutes)


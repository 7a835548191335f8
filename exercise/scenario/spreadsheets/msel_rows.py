"""One MSEL row to the fields of an inject, with a located problem for every cell it cannot read."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from exercise.scenario.channels import channel_names, system_names
from exercise.scenario.models import ChannelKind, InjectType, ScenarioPack
from exercise.scenario.spreadsheets.columns import ColumnMapping
from exercise.scenario.spreadsheets.msel_capabilities import find_capability
from exercise.scenario.spreadsheets.msel_effects import read_after, read_effects, read_no_ack, read_options
from exercise.scenario.spreadsheets.msel_values import (
    CellError,
    ClockStart,
    NameIndex,
    cell_text,
    match_key,
    read_time,
    read_yes_no,
    split_names,
    time_error,
)
from exercise.scenario.spreadsheets.tables import CellValue, SheetProblem, Table
from exercise.scenario.spreadsheets.words import Items, Kind, Said

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
_CONTACT_ARROW = re.compile(r"\s*(?:->|→|➔|=>|＞|>)\s*")
_PAIR_SEPARATORS = re.compile(r"[;；\n、,，]")
# Delivery methods that mean "handed over in the room": no channel of the pack is used.
IN_ROOM = {match_key(w) for w in ("verbal", "handout", "in room", "paper", "facilitator",
                                  "briefing", "口頭", "書面", "紙本", "面交", "現場", "-")}
_KIND_WORDS = {
    ChannelKind.landline: ("phone", "phone call", "telephone", "電話", "市話"),
    ChannelKind.mobile: ("mobile", "cell phone", "手機", "行動電話"),
    ChannelKind.email: ("e-mail", "mail", "電子郵件", "電郵"),
    ChannelKind.radio: ("無線電", "對講機"),
    ChannelKind.satellite: ("satellite phone", "sat phone", "衛星電話"),
    ChannelKind.fax: ("傳真",),
    ChannelKind.messaging_app: ("line", "chat", "text message", "sms", "簡訊", "通訊軟體"),
    ChannelKind.video_conference: ("video", "視訊", "視訊會議"),
    ChannelKind.liaison_officer: ("liaison", "聯絡官", "聯絡員"),
    ChannelKind.in_person: ("in person", "face to face", "當面"),
}
_TYPE_WORDS = {
    InjectType.information: ("info", "informational", "event", "situation", "資訊", "訊息",
                             "狀況", "通報"),
    InjectType.request: ("request", "tasking", "請求", "需求", "要求", "請示"),
    InjectType.decision: ("decision", "decision point", "決策", "決定"),
    InjectType.media: ("media", "media report", "news", "social media", "媒體", "新聞", "輿情"),
    InjectType.resource: ("resource", "resources", "資源", "物資"),
    InjectType.infrastructure: ("infrastructure", "outage", "基礎設施", "設施", "停電"),
}


@dataclass
class PackIndexes:
    """Everything a row's names are matched against."""

    pack: ScenarioPack
    start: ClockStart | None = None
    first_day: date | None = None
    elapsed: bool = False
    senders: NameIndex = field(init=False)
    agencies: NameIndex = field(init=False)
    channels: NameIndex = field(init=False)
    modules: NameIndex = field(init=False)
    objectives: NameIndex = field(init=False)
    tasks: NameIndex = field(init=False)

    def __post_init__(self) -> None:
        pack = self.pack
        agencies = [(a.id, (a.name, a.short_name)) for a in pack.agencies]
        self.agencies = NameIndex("agency", agencies)
        self.senders = NameIndex("agency or actor",
                                 agencies + [(a.id, (a.name,)) for a in pack.actors])
        self.channels = NameIndex("channel", channel_names(pack))
        self.systems = NameIndex("infrastructure system", system_names(pack))
        self.areas = NameIndex("area", [(a.id, (a.name,)) for a in pack.areas])
        self.modules = NameIndex("module", [(m.id, (m.title,)) for m in pack.modules])
        self.objectives = NameIndex("objective", [
            (o.id, (o.title, *_capability_names(o.core_capabilities))) for o in pack.objectives])
        self.tasks = NameIndex("critical task", [
            (t.id, (t.title,)) for o in pack.objectives for t in o.critical_tasks])


def _capability_names(names: list[str]) -> list[str]:
    """Each capability in both languages, so that a Chinese sheet finds an English objective."""
    out: list[str] = []
    for name in names:
        out += list(find_capability(name) or (name,))
    return list(dict.fromkeys(out))


class CellReader:
    """Reads the mapped cells of one row, collecting a located problem for each bad cell."""

    def __init__(self, table: Table, mapping: ColumnMapping, number: int,
                 values: list[CellValue]):
        self.table, self.mapping = table, mapping
        self.number, self.values = number, values
        self.data: dict[str, Any] = {}
        self.problems: list[SheetProblem] = []
        for column in mapping.columns:
            if column.field and (number, column.index) in table.formulas:
                self.problem(column.field, CellError(""), column.language)

    def cell(self, name: str, language: str | None = None) -> CellValue:
        column = self.mapping.column(name, language)
        if column is None or column.index >= len(self.values):
            return None
        return self.values[column.index]

    def problem(self, name: str, error: CellError, language: str | None = None) -> None:
        column = self.mapping.column(name, language)
        index = column.index if column else None
        if column and (self.number, column.index) in self.table.formulas:
            formula = self.table.formulas[(self.number, column.index)]
            error = CellError.said("formula", formula=formula)
        self.problems.append(replace(self.table.problem(
            error.message, error.hint, row=self.number, column=index,
            header=column.header if column else ""), code=error.code, values=error.values))

    def read(self, name: str, convert: Callable[[CellValue], Any]) -> None:
        if self.mapping.column(name) is None:
            return
        try:
            result = convert(self.cell(name))
        except CellError as error:
            self.problem(name, error)
            return
        if result is not None:
            self.data[name] = result

    def local_text(self, name: str) -> Any:
        base = cell_text(self.cell(name))
        others = {lang: cell_text(self.cell(name, lang)) for lang in self.mapping.languages(name)}
        others = {lang: text for lang, text in others.items() if text}
        if not others:
            return base
        return ({"en": base} if base else {}) | others

    def local_lines(self, name: str) -> list[Any]:
        columns: dict[str | None, list[str]] = {None: _lines(self.cell(name))}
        for lang in self.mapping.languages(name):
            columns[lang] = _lines(self.cell(name, lang))
        count = max(len(lines) for lines in columns.values())
        items: list[Any] = []
        for i in range(count):
            texts = {lang: lines[i] for lang, lines in columns.items()
                     if i < len(lines) and lines[i]}
            if set(texts) == {None}:
                items.append(texts[None])
            elif texts:
                items.append({("en" if lang is None else lang): text for lang, text in texts.items()})
        return items



class RowReader(CellReader):
    """Reads one MSEL row into inject fields."""

    def __init__(self, table: Table, mapping: ColumnMapping, indexes: PackIndexes,
                 number: int, values: list[CellValue]):
        self.ix = indexes
        super().__init__(table, mapping, number, values)

    def read_all(self) -> dict[str, Any]:
        self.read("id", _inject_id)
        self.read("time", self._time)
        self.read("module", self._module)
        self.read("from", lambda v: self.ix.senders.match(_required(v, "sender")))
        self.read("to", lambda v: split_names(_required(v, "recipient"), self.ix.agencies))
        self.read("channel", self._channel)
        self.read("type", _inject_type)
        for name in ("title", "message", "facilitator_notes"):
            if (text := self.local_text(name)) is not None:
                self.data[name] = text
        if self.mapping.column("expected_actions"):
            self.data["expected_actions"] = self.local_lines("expected_actions")
        self.read("expected_contacts", self._contacts)
        self.read("objectives", self._objectives)
        self.read("critical_tasks", lambda v: _names(v, self.ix.tasks))
        self.read("contingency", read_yes_no)
        self.read("options", lambda v: read_options(t) if (t := cell_text(v)) else None)
        if self.data.get("options") and "type" not in self.data:
            self.data["type"] = InjectType.decision
        self.read("effects", lambda v: read_effects(t, self.ix.systems, self.ix.areas,
                                                    self.ix.agencies) if (t := cell_text(v)) else None)
        conditions: list[dict[str, Any]] = []
        self.read("after", lambda v: read_after(t, _delay) if (t := cell_text(v)) else None)
        if after := self.data.pop("after", None):
            conditions.append(after)
        self.read("no_ack", lambda v: read_no_ack(t, after["after"] if after else None,
                                                  self._plain_time) if (t := cell_text(v)) else None)
        if no_ack := self.data.pop("no_ack", None):
            conditions.append(no_ack)
        if conditions:
            self.data["conditions"] = conditions
        self.data.pop("day", None)
        return self.data

    def _objectives(self, value: CellValue) -> list[str]:
        """Objectives by id or title, or by a core capability (either language); a name that
        is neither gets the nearest of the 32 core capabilities as did-you-mean."""
        try:
            return _names(value, self.ix.objectives)
        except CellError as error:
            for part in re.split(r"[;；\n、,，]", cell_text(value) or ""):
                if part.strip() and self.ix.objectives.find(part.strip()) is None:
                    from exercise.scenario.spreadsheets.msel_capabilities import match_capability

                    try:
                        english, chinese = match_capability(part.strip())
                    except CellError as near:  # a near miss of a capability says so
                        raise (near if near.hint.startswith("did you mean") else error) from None
                    raise CellError.said("no_objective", english=english, chinese=chinese) from None
            raise error

    def _time(self, value: CellValue) -> int:
        minutes = read_time(value, self.ix.start, self.ix.first_day, elapsed=self.ix.elapsed)
        day = self.cell("day")
        if day is not None and self.ix.start is not None and looks_like_clock(value):
            try:
                number = int(float(cell_text(day) or ""))
            except ValueError:
                raise CellError.said("day_not_number", text=cell_text(day)) from None
            minutes += (number - 1) * 1440
        return minutes

    def _plain_time(self, text: str) -> int:
        return read_time(text, self.ix.start, self.ix.first_day, elapsed=self.ix.elapsed)

    def _module(self, value: CellValue) -> str | None:
        text = cell_text(value)
        return None if text is None else self.ix.modules.match(text)

    def _channel(self, value: CellValue) -> str | None:
        text = cell_text(value)
        if text is None or match_key(text) in IN_ROOM or text.strip() == "-":
            return None
        found = self.ix.channels.find(text)
        if found is not None:
            return found
        kind = next((k for k, words in _KIND_WORDS.items()
                     if match_key(text) in {match_key(w) for w in words}), None)
        candidates = [c.id for c in self.ix.pack.channels if kind is not None and c.kind is kind]
        if len(candidates) == 1:
            return candidates[0]
        code, values = self.ix.channels.suggestion_words(text)
        raise CellError.said("not_in_pack+in_the_room", text=text, a_kind=Kind("channel", "a"),
                             suggestion=Said(code, tuple(values.items())))

    def _contacts(self, value: CellValue) -> list[dict[str, str]]:
        text = cell_text(value)
        pairs: list[dict[str, str]] = []
        for part in filter(None, (p.strip() for p in _PAIR_SEPARATORS.split(text or ""))):
            ends = _CONTACT_ARROW.split(part)
            if len(ends) != 2 or not all(e.strip() for e in ends):
                raise CellError.said("not_contact", text=part)
            pairs.append({"from": self.ix.agencies.match(ends[0]),
                          "to": self.ix.agencies.match(ends[1])})
        return pairs


def _delay(text: str) -> int:
    from exercise.scenario.timecode import TimeNotationError, parse_time

    try:
        return parse_time(text)
    except TimeNotationError as exc:
        raise time_error(exc, text, "delay") from None


def looks_like_clock(value: CellValue) -> bool:
    """A time of day as a spreadsheet or a planner writes it: 07:58, 7:58 AM, a time cell."""
    from datetime import time as clock

    if isinstance(value, clock) and not isinstance(value, datetime):
        return True
    if isinstance(value, float) and 0 < value < 1 and not value.is_integer():
        return True
    return isinstance(value, str) and bool(CLOCK_TEXT.match(value.strip()))


CLOCK_TEXT = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*([ap]\.?m\.?)?$", re.I)


def _required(value: CellValue, what: str) -> str:
    text = cell_text(value)
    if text is None:
        raise CellError.said(f"empty_{what}")
    return text


def _names(value: CellValue, index: NameIndex) -> list[str]:
    text = cell_text(value)
    return [] if text is None else split_names(text, index)


def _lines(value: CellValue) -> list[str]:
    if value is None:
        return []
    text = cell_text(value) if not isinstance(value, str) else value
    lines = [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _inject_id(value: CellValue) -> str | None:
    text = cell_text(value)
    if text is None:
        return None
    if not _ID.match(text):
        raise CellError.said("inject_number", text=text)
    return text


def _inject_type(value: CellValue) -> InjectType | None:
    text = cell_text(value)
    if text is None:
        return None
    key = match_key(text)
    for kind, words in _TYPE_WORDS.items():
        if key == match_key(kind.value) or key in {match_key(w) for w in words}:
            return kind
    names = Items.of("sheet.item.id", [{"id": k.value} for k in InjectType])
    raise CellError.said("inject_type", text=text, names=names)


def earliest_day(values: list[CellValue]) -> date | None:
    days = [v.date() for v in values if isinstance(v, datetime)]
    return min(days) if days else None

"""Roster and contact-plan import: agencies and links from CSV/XLSX, including the node/edge
layout of the EMON data (`id,name,sponsorship,location,…` and `source,target,frequency`).

An agency whose id is in the pack updates it (columns the sheet lacks are kept); others are
added. A link between the same two agencies replaces the pack's link; others are added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from exercise.scenario.channels import channel_names
from exercise.scenario.models import Agency, Link, LinkDirection, ScenarioPack
from exercise.scenario.problems import Severity
from exercise.scenario.spreadsheets.columns import ColumnMapping, data_rows, guess_mapping
from exercise.scenario.spreadsheets.msel import ImportRefused
from exercise.scenario.spreadsheets.msel_rows import CellReader
from exercise.scenario.spreadsheets.msel_values import CellError, NameIndex, cell_text, match_key
from exercise.scenario.spreadsheets.roster_columns import (
    AGENCY_FIELDS,
    BASIS_WORDS,
    DIRECTION_WORDS,
    EMON_FREQUENCY,
    LEVEL_WORDS,
    LINK_FIELDS,
)
from exercise.scenario.spreadsheets.tables import CellValue, RowProblemsMixin, SheetProblem, Table, coded
from exercise.scenario.spreadsheets.validation import validation_problems
from exercise.scenario.spreadsheets.words import JOINED, Items, Kind, Said, Sentences

UNSPECIFIED_SECTOR = "unspecified"


@dataclass
class RosterRow:
    row: int
    item: Agency | Link | None
    problems: list[SheetProblem] = field(default_factory=list)
    merged: bool = False
    blocked: bool = False  # by a problem told once for several rows (a missing area)

    @property
    def ok(self) -> bool:
        """No errors; a row merged into an earlier one has no item of its own but is fine."""
        return not self.blocked and not any(p.severity is Severity.error for p in self.problems) \
            and (self.item is not None or self.merged or bool(self.problems))


@dataclass
class RosterImport(RowProblemsMixin):
    agency_mapping: ColumnMapping | None = None
    link_mapping: ColumnMapping | None = None
    agency_rows: list[RosterRow] = field(default_factory=list)
    link_rows: list[RosterRow] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)

    @property
    def rows(self) -> list[RosterRow]:
        return self.agency_rows + self.link_rows


def read_roster(tables: Sequence[Table], pack: ScenarioPack, *, default_area: str | None = None,
                default_channels: Sequence[str] | None = None) -> RosterImport:
    """Sort the tables into an agency list and a contact plan, and read every row."""
    result = RosterImport()
    agency_table = link_table = None
    for table in tables:
        result.problems += table.notes
        links = guess_mapping(table, LINK_FIELDS)
        agencies = guess_mapping(table, AGENCY_FIELDS)
        if links.column("from") and links.column("to") and link_table is None:
            link_table, result.link_mapping = table, links
        elif agencies.column("name") and agency_table is None:
            agency_table, result.agency_mapping = table, agencies
        elif table.rows:
            result.problems.append(table.said("skipped_table", severity=Severity.warning))
    if agency_table is None and link_table is None:
        result.problems.append(coded("no_roster", file=tables[0].file if tables else ""))
        return result
    reader = _RosterReader(pack, result, default_area, default_channels)
    if agency_table is not None and result.agency_mapping is not None:
        for number, values in data_rows(agency_table, result.agency_mapping):
            result.agency_rows.append(reader.agency(agency_table, number, values))
        result.problems += reader.missing_area_problems(agency_table)
    if link_table is not None and result.link_mapping is not None:
        reader.reported = _reported_contacts(link_table, result.link_mapping)
        for number, values in data_rows(link_table, result.link_mapping):
            result.link_rows.append(reader.link(link_table, number, values))
    return result


def _reported_contacts(table: Table, mapping: ColumnMapping) -> dict[tuple[str, str], str] | None:
    """For a list of reported contacts (a Frequency column and no Direction, as in the EMON
    edge files): the frequency each agency reported, by (from, to) as written."""
    columns = [mapping.column(name) for name in ("from", "to", "frequency")]
    if mapping.column("direction") is not None or any(c is None for c in columns):
        return None
    reported: dict[tuple[str, str], str] = {}
    for _, values in data_rows(table, mapping):
        cells = [cell_text(values[c.index]) if c and c.index < len(values) else None
                 for c in columns]
        if cells[0] and cells[1]:
            reported[(cells[0], cells[1])] = cells[2] or ""
    return reported


def merge_roster(pack: ScenarioPack, result: RosterImport, *, good_rows_only: bool = False
                 ) -> ScenarioPack:
    if result.bad_rows and not good_rows_only or any(
            p.severity is Severity.error and p.row is None for p in result.problems):
        raise ImportRefused.said("refused_rows", result.errors, count=len(result.bad_rows))
    data = pack.model_dump(by_alias=True)
    agencies = {a["id"]: i for i, a in enumerate(data["agencies"])}
    for row in result.agency_rows:
        if row.ok and isinstance(row.item, Agency):
            _upsert(data["agencies"], agencies, row.item.id, row.item.model_dump(by_alias=True))
    links = {_link_key(Link.model_validate(x)): i for i, x in enumerate(data["links"])}
    for row in result.link_rows:
        if row.ok and isinstance(row.item, Link):
            _upsert(data["links"], links, _link_key(row.item), row.item.model_dump(by_alias=True))
    return ScenarioPack.model_validate(data)


def _upsert(items: list[Any], index: dict[Any, int], key: Any, value: Any) -> None:
    if key in index:
        items[index[key]] = value
    else:
        index[key] = len(items)
        items.append(value)


def _link_key(link: Link) -> tuple[str, ...]:
    ends = (link.from_, link.to)
    return ends if link.direction is LinkDirection.one_way else tuple(sorted(ends))


def slug(text: str) -> str:
    value = re.sub(r"[^A-Za-z0-9]+", "-", text.casefold()).strip("-")[:64].strip("-")
    return value or "agency"


class _RosterReader:
    def __init__(self, pack: ScenarioPack, result: RosterImport, default_area: str | None,
                 default_channels: Sequence[str] | None):
        self.pack, self.result = pack, result
        roots = [a.id for a in pack.areas if a.parent is None] or [pack.areas[0].id]
        self.default_area = default_area or roots[0]
        self.default_channels = list(default_channels or [pack.channels[0].id])
        self.areas = NameIndex("area", [(a.id, (a.name,)) for a in pack.areas])
        self.channels = NameIndex("channel", channel_names(pack))
        self.existing = {a.id: a for a in pack.agencies}
        self.names: dict[str, list[Any]] = {a.id: [a.name, a.short_name] for a in pack.agencies}
        self.link_rows: dict[tuple[str, ...], int] = {}
        self.defaults_noted: set[str] = set()
        self.reported: dict[tuple[str, str], str] | None = None
        self.missing_areas: dict[str, list[int]] = {}

    def agency(self, table: Table, number: int, values: list[CellValue]) -> RosterRow:
        cells = CellReader(table, cells_mapping(self.result.agency_mapping), number, values)
        name = cells.local_text("name")
        level_header = cells.mapping.column("level")
        emon = level_header is not None and match_key(level_header.header or "") == "sponsorship"
        if isinstance(name, str) and " " not in name and (name.count(".") >= 2 or emon and
                                                           "." in name.strip(".")):
            name = " ".join(name.replace(".", " ").split())  # EMON writes dots for spaces
        raw_id = cell_text(cells.cell("id"))
        agency_id = raw_id
        if name and (raw_id is None or (raw_id.isdigit() and raw_id not in self.existing)):
            agency_id = self._unique(slug(str(name if isinstance(name, str) else
                                              next(iter(name.values())))))
        base = self.existing.get(agency_id or "")
        data: dict[str, Any] = base.model_dump(by_alias=True) if base else {}
        data.update({"id": agency_id, **({"name": name} if name else {})})
        for key in ("short_name", "sector", "jurisdiction", "description"):
            if cells.mapping.column(key) and (text := cells.local_text(key)) is not None:
                data[key] = text
        cells.read("level", lambda v: _word(v, LEVEL_WORDS, "level"))
        area_text = cell_text(cells.cell("area")) if cells.mapping.column("area") else None
        blocked = bool(area_text) and self._unknown_area(area_text or "")
        if blocked:  # one problem per missing area, with its rows, told after the last row
            self.missing_areas.setdefault(area_text or "", []).append(number)
            data["area"] = self.default_area
        else:
            cells.read("area", lambda v: self.areas.match(_text(v, "area")))
        cells.read("channels", self._channel_list)
        data.update(cells.data)
        self._default(data, "level", "local", table, cells, "level")
        self._default(data, "sector", UNSPECIFIED_SECTOR, table, cells, "sector")
        self._default(data, "area", self.default_area, table, cells, "area")
        row = self._validate(Agency, data, table, cells)
        if isinstance(row.item, Agency):
            aliases = [raw_id] if raw_id and raw_id != row.item.id else []
            self.names[row.item.id] = [row.item.name, row.item.short_name, *aliases]
        if blocked:  # its links still find it: no cascade of "not an agency" problems
            row.item, row.blocked = None, True
        return row

    def _unknown_area(self, text: str) -> bool:
        try:
            return self.areas.find(text) is None
        except CellError:
            return False  # ambiguous: the row's own problem says so

    def missing_area_problems(self, table: Table) -> list[SheetProblem]:
        column = self.result.agency_mapping.column("area") if self.result.agency_mapping else None
        problems = []
        for text, rows in self.missing_areas.items():
            shown = Items.of("sheet.item.row", [{"row": row} for row in rows[:20]],
                             more=len(rows) > 20, more_key="sheet.more_short")
            code, values = self.areas.suggestion_words(text)
            problems.append(table.said(
                f"{'area_missing_many' if len(rows) > 1 else 'area_missing'}+areas_from_roster",
                {"text": text, "rows": shown, "suggestion": Said(code, tuple(values.items()))},
                column=column.index if column else None, header=column.header if column else ""))
        return problems

    def link(self, table: Table, number: int, values: list[CellValue]) -> RosterRow:
        cells = CellReader(table, cells_mapping(self.result.link_mapping), number, values)
        agencies = NameIndex("agency", self.names.items())
        cells.read("from", lambda v: agencies.match(_text(v, "agency")))
        cells.read("to", lambda v: agencies.match(_text(v, "agency")))
        cells.read("channels", lambda v: self._channel_list(v) or None)
        cells.read("direction", lambda v: _word(v, DIRECTION_WORDS, "direction"))
        cells.read("basis", lambda v: _word(v, BASIS_WORDS, "basis"))
        cells.read("frequency", cell_text)
        data = cells.data
        frequency = data.pop("frequency", None)
        reverse = None
        if self.reported is not None:
            ends = (cell_text(cells.cell("from")) or "", cell_text(cells.cell("to")) or "")
            reverse = self.reported.get((ends[1], ends[0]))
            # a reported contact is one-way unless the other agency reported it too
            data["direction"] = LinkDirection.one_way if reverse is None else LinkDirection.both
        if (note := cells.local_text("note")) is not None:
            data["note"] = note
        elif frequency and reverse is not None and reverse != frequency:
            data["note"] = (f"reported contact: {_frequency(frequency)} from "
                            f"{data.get('from')}, {_frequency(reverse)} from {data.get('to')}")
        elif frequency:
            data["note"] = f"reported contact: {_frequency(frequency)}"
        self._default(data, "channels", self.default_channels, table, cells, "channels")
        if data.get("from") and data.get("from") == data.get("to"):
            cells.problems.append(table.said("self_link", row=number))
        row = self._validate(Link, data, table, cells)
        if isinstance(row.item, Link) and row.ok:
            key = _link_key(row.item)
            if key in self.link_rows:
                row.item, row.merged = None, True
                if self.reported is None:  # a mirrored report is the other half of the link
                    row.problems.append(table.said(
                        "merged", {"other": self.link_rows[key]}, row=number,
                        severity=Severity.warning))
            self.link_rows.setdefault(key, number)
        return row

    def _channel_list(self, value: CellValue) -> list[str]:
        """Channels in priority order; every unknown one in the cell is named at once."""
        text = cell_text(value)
        if text is None:
            return []
        found: list[str] = []
        unknown: list[CellError] = []
        for part in filter(None, (p.strip() for p in re.split(r"[;；\n、,，>]", text))):
            try:
                found.append(self.channels.match(part))
            except CellError as error:
                unknown.append(error)
        if len(unknown) == 1:
            raise unknown[0]
        if unknown:
            said = tuple((e.code, tuple(e.values.items())) for e in unknown)
            close = tuple(pair for pair, e in zip(said, unknown, strict=True)
                          if e.hint.startswith("did you"))
            raise CellError.said(JOINED, what=Sentences(said),
                                 todo=Sentences(close or said[:1], hint=True))
        return list(dict.fromkeys(found))

    def _unique(self, candidate: str) -> str:
        taken = set(self.names) - set(self.existing)
        value, n = candidate, 2
        while value in taken:
            value = f"{candidate[:60]}-{n}"
            n += 1
        return value

    def _default(self, data: dict[str, Any], key: str, value: Any, table: Table,
                 cells: CellReader, field_name: str) -> None:
        if key in data or cells.mapping.column(field_name) and cells.problems:
            return
        data[key] = value
        if key not in self.defaults_noted:
            self.defaults_noted.add(key)
            shown = ", ".join(value) if isinstance(value, list) else value
            self.result.problems.append(table.said(
                "default", {"key": Kind(key), "shown": shown,
                            "column": key.replace("_", " ").title()}, severity=Severity.warning))

    def _validate(self, model: type[BaseModel], data: dict[str, Any], table: Table,
                  cells: CellReader) -> RosterRow:
        row = RosterRow(cells.number, None, cells.problems)
        if cells.problems:
            return row
        try:
            row.item = model.model_validate(data)  # type: ignore[assignment]
        except ValidationError as exc:
            row.problems += validation_problems(exc, table, cells.mapping, cells.number)
        return row


def _frequency(value: str) -> str:
    return EMON_FREQUENCY.get(value, value)


def cells_mapping(mapping: ColumnMapping | None) -> ColumnMapping:
    assert mapping is not None
    return mapping


def _text(value: CellValue, what: str) -> str:
    text = cell_text(value)
    if text is None:
        raise CellError.said(f"empty_{what}")
    return text


def _word(value: CellValue, words: dict[Any, tuple[str, ...]], what: str) -> Any:
    text = cell_text(value)
    if text is None:
        return None
    for part in [text, *re.split(r"[/,&、]", text)]:
        key = match_key(part)
        for member, synonyms in words.items():
            if key == match_key(member.value) or key in {match_key(w) for w in synonyms}:
                return member
    if what == "level" and key in {"l", "nl", "b"}:
        raise CellError.said("location_code", text=text)
    names = Items.of("sheet.item.id", [{"id": m.value} for m in words])
    raise CellError.said("not_a", text=text, what=Kind(what), names=names)


"""Recognising a table's header row and mapping its columns to fields, without configuration.

Header names are compared case-, spacing- and punctuation-insensitively (`Inject #`, `inject no.`
and `INJECT NUMBER` are one name); a header may carry a language, as in `Subject (zh-TW)`. The
header row is found even below merged title rows. A mapping can be changed explicitly, by
header text or column letter, which is what `--map "Recipient=to"` and the app's editor do.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from exercise.scenario.spreadsheets.msel_values import CellError
from exercise.scenario.spreadsheets.tables import CellValue, SheetProblem, Table, column_letter
from exercise.scenario.spreadsheets.words import Headers, Items

HEADER_SEARCH_ROWS = 30
IGNORE = {"", "-", "ignore", "skip", "none"}

_LANGUAGE_SUFFIX = re.compile(
    r"^(?P<base>.*?)[\s_\-]*[(\[（【]?\s*(?P<lang>en|english|英文|zh-tw|zh_tw|zh|中文|繁中|繁體中文"
    r"|chinese)\s*[)\]）】]?\s*$",
    re.I,
)
_LANGUAGES = {"en": "en", "english": "en", "英文": "en"}


@dataclass(frozen=True)
class FieldSpec:
    """A field a column can fill: its name, the header it is exported under, its synonyms."""

    name: str
    label: str
    synonyms: tuple[str, ...] = ()
    localised: bool = False

    @property
    def chinese(self) -> str:
        """The first Chinese header the importer reads for this field, or ""."""
        return next((s for s in self.synonyms if re.search(r"[\u4e00-\u9fff]", s)), "")

    def keys(self) -> set[str]:
        return {normalise_header(s) for s in (self.name, self.label, *self.synonyms)}


@dataclass(frozen=True)
class ColumnInfo:
    index: int
    header: str
    field: str | None = None
    language: str | None = None
    by_user: bool = False

    @property
    def letter(self) -> str:
        return column_letter(self.index)


class MappingError(CellError):
    """An explicit mapping names a column or a field that does not exist (a `CellError`: its
    sentence is the catalogue's `sheet.<code>`, said again in the reader's language)."""


@dataclass(frozen=True)
class ColumnMapping:
    """Which column fills which field; `header_row` is None when the table has no header."""

    header_row: int | None
    columns: tuple[ColumnInfo, ...]

    def column(self, field: str, language: str | None = None) -> ColumnInfo | None:
        return next((c for c in self.columns if c.field == field and c.language == language), None)

    def languages(self, field: str) -> list[str]:
        return [c.language for c in self.columns if c.field == field and c.language]

    @property
    def mapped_fields(self) -> set[str]:
        return {c.field for c in self.columns if c.field}

    @property
    def unused(self) -> list[ColumnInfo]:
        return [c for c in self.columns if c.field is None and c.header]

    def as_dict(self) -> dict[str, str]:
        """Header (or column letter) to field, for display and for `with_overrides`."""
        out: dict[str, str] = {}
        for column in self.columns:
            name = column.header or column.letter
            target = column.field or "-"
            if column.field and column.language:
                target += f" ({column.language})"
            out[name] = target
        return out

    def with_overrides(self, overrides: dict[str, str], fields: Sequence[FieldSpec]) -> ColumnMapping:
        columns = list(self.columns)
        for key, target in overrides.items():
            index = _column_index(key, columns)
            field, language = _field_for(target, fields)
            if field is not None:
                columns = [
                    replace(c, field=None, language=None)
                    if c.field == field and c.language == language else c
                    for c in columns
                ]
            columns[index] = replace(columns[index], field=field, language=language, by_user=True)
        return ColumnMapping(self.header_row, tuple(columns))


def normalise_header(text: object) -> str:
    value = unicodedata.normalize("NFKC", str(text or "")).casefold()
    value = value.replace("#", " no ").replace("№", " no ")
    value = re.sub(r"number\b|num\b", "no", value)
    return "".join(ch for ch in value if ch.isalnum())


def parse_map_options(values: Iterable[str]) -> dict[str, str]:
    """`["Recipient=to", "D=message"]` as a dict; raises MappingError on a malformed entry."""
    out: dict[str, str] = {}
    for value in values:
        for part in re.split(r"[;\n]", value):
            if not part.strip():
                continue
            if "=" not in part:
                raise MappingError.said("map_form", part=part)
            column, field = part.rsplit("=", 1)
            if not column.strip():
                raise MappingError.said("map_nameless", part=part)
            out[column.strip()] = field.strip()
    return out


def guess_mapping(table: Table, fields: Sequence[FieldSpec]) -> ColumnMapping:
    """The header row that names the most known fields, and what each of its columns fills."""
    index = _key_index(fields)
    best: tuple[int, int, list[CellValue]] | None = None
    for number, values in table.rows[:HEADER_SEARCH_ROWS]:
        recognised = {_recognise(v, index)[0] for v in values} - {None}
        if len(recognised) >= 2 and (best is None or len(recognised) > best[0]):
            best = (len(recognised), number, values)
    if best is None:
        width = table.width
        return ColumnMapping(None, tuple(ColumnInfo(i, "") for i in range(width)))
    _, number, values = best
    width = max(table.width, len(values))
    columns: list[ColumnInfo] = []
    taken: set[tuple[str, str | None]] = set()
    for i in range(width):
        header = _header_text(values[i] if i < len(values) else None)
        field, language = _recognise(header, index)
        if field is not None and (field, language) in taken:
            field, language = None, None
        if field is not None:
            taken.add((field, language))
        columns.append(ColumnInfo(i, header, field, language))
    return ColumnMapping(number, tuple(columns))


def data_rows(table: Table, mapping: ColumnMapping) -> list[tuple[int, list[CellValue]]]:
    if mapping.header_row is None:
        return table.rows
    return [(n, values) for n, values in table.rows if n > mapping.header_row]


def mapping_problems(table: Table, mapping: ColumnMapping, required: Sequence[Sequence[str]],
                     fields: Sequence[FieldSpec]) -> list[SheetProblem]:
    """A problem for each group of fields of which no column fills any."""
    labels = {f.name: (f.label, f.chinese) for f in fields}
    problems: list[SheetProblem] = []
    if mapping.header_row is None and not any(c.by_user for c in mapping.columns):
        known = Headers(tuple((f.label, f.chinese) for f in fields[:6]), either=False)
        return [table.said("no_header_row", {"rows": HEADER_SEARCH_ROWS, "known": known})]
    for group in required:
        if not any(mapping.column(name) for name in group):
            names = Headers(tuple(labels[n] for n in group))
            problems.append(table.said("no_column", {"names": names, "field": group[0]},
                                       row=mapping.header_row))
    return problems


def _key_index(fields: Sequence[FieldSpec]) -> dict[str, str]:
    index: dict[str, str] = {}
    for spec in fields:
        for key in spec.keys():
            index.setdefault(key, spec.name)
    return index


def _header_text(value: CellValue) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _recognise(value: CellValue, index: dict[str, str]) -> tuple[str | None, str | None]:
    if not isinstance(value, str) or not value.strip():
        return None, None
    key = normalise_header(value)
    if key in index:
        return index[key], None
    match = _LANGUAGE_SUFFIX.match(value.strip())
    if match and match["base"].strip():
        base = normalise_header(match["base"])
        if base in index:
            language = _LANGUAGES.get(match["lang"].casefold(), "zh-TW")
            return index[base], None if language == "en" else language
    return None, None


def _column_index(key: str, columns: list[ColumnInfo]) -> int:
    wanted = normalise_header(key)
    for column in columns:
        if column.header and normalise_header(column.header) == wanted:
            return column.index
    if re.fullmatch(r"[A-Za-z]{1,3}", key.strip()):
        from openpyxl.utils import column_index_from_string

        index = column_index_from_string(key.strip().upper()) - 1
        if index < len(columns):
            return index
    headers: list[dict[str, object]] = [{"text": c.header} for c in columns if c.header]
    if not headers:
        raise MappingError.said("map_no_headers", key=key)
    raise MappingError.said("map_no_column", key=key, headers=Items.of("sheet.item.quoted", headers))


def _field_for(target: str, fields: Sequence[FieldSpec]) -> tuple[str | None, str | None]:
    if normalise_header(target) in IGNORE or target.strip() in IGNORE:
        return None, None
    field, language = _recognise(target, _key_index(fields))
    if field is None:
        names = Items.of("sheet.item.id", [{"id": f.name} for f in fields])
        raise MappingError.said("map_no_field", target=target, names=names)
    return field, language

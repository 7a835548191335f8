"""A pack's agencies, links, modules and injects as rows of plain cells for table editing, and
edited rows back into pack data.

What a table cannot carry (effects, conditions, options, objectives, notes…) is taken from the
pack item the row was made from (a hidden column keeps its position, so a changed id keeps
them), or for an added row from a deleted item with the same id (links: the same two ends). Text is
one cell per language; lists of ids are comma text; lists of texts are one item per line.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict, deque
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from exercise.scenario.models import ScenarioPack
from exercise.scenario.timecode import format_time
from exercise.scenario.writer import pack_data

Row = dict[str, Any]
ORIGIN = "_origin"  # hidden column: the position of the pack item the row was made from
TABLES: tuple[str, ...] = ("agencies", "links", "modules", "injects")

# Per table: which pack field each column fills ((field, language) for text in one language).
COLUMNS: dict[str, dict[str, tuple[str, str | None]]] = {
    "agencies": {
        "id": ("id", None), "name_en": ("name", "en"), "name_zh": ("name", "zh-TW"),
        "short_name_en": ("short_name", "en"), "short_name_zh": ("short_name", "zh-TW"),
        "level": ("level", None), "sector_en": ("sector", "en"), "sector_zh": ("sector", "zh-TW"),
        "area": ("area", None),
        "channels": ("channels", None),
    },
    "links": {
        "from": ("from", None), "to": ("to", None), "channels": ("channels", None),
        "direction": ("direction", None), "basis": ("basis", None),
    },
    "modules": {
        "id": ("id", None), "title_en": ("title", "en"), "title_zh": ("title", "zh-TW"),
        "start": ("start", None), "end": ("end", None),
        "situation_en": ("situation", "en"), "situation_zh": ("situation", "zh-TW"),
        "questions_en": ("questions", "en"), "questions_zh": ("questions", "zh-TW"),
    },
    "injects": {
        "id": ("id", None), "module": ("module", None), "time": ("time", None),
        "from": ("from", None), "to": ("to", None), "channel": ("channel", None),
        "type": ("type", None), "title_en": ("title", "en"), "title_zh": ("title", "zh-TW"),
        "message_en": ("message", "en"), "message_zh": ("message", "zh-TW"),
        "expected_actions_en": ("expected_actions", "en"),
        "expected_actions_zh": ("expected_actions", "zh-TW"),
        "contingency": ("contingency", None),
    },
}
_ID_LISTS = {("agencies", "channels"), ("links", "channels"), ("injects", "to")}
_TEXT_LISTS = {"questions", "expected_actions"}
_TIMES = {"start", "end", "time"}
_FLAGS = {"contingency"}
_SPLIT = re.compile(r"[,;，；、\n]")


def carried_fields(table: str) -> set[str]:
    return {field for field, _ in COLUMNS[table].values()}


def pack_rows(pack: ScenarioPack) -> dict[str, list[Row]]:
    """Every table's rows, in pack order."""
    data = pack_data(pack)
    return {table: [{**item_row(table, item), ORIGIN: position}
                     for position, item in enumerate(data.get(table, []))] for table in TABLES}


def item_row(table: str, item: dict[str, Any]) -> Row:
    """One pack item (file form, as `writer.pack_data` gives it) as a row of plain cells."""
    row: Row = {}
    for column, (field, language) in COLUMNS[table].items():
        value = item.get(field)
        if field in _FLAGS:
            row[column] = bool(value)
        elif field in _TIMES:
            row[column] = "" if value is None else format_time(int(value)) \
                if isinstance(value, int) else str(value)
        elif (table, field) in _ID_LISTS:
            row[column] = ", ".join(value or [])
        elif field in _TEXT_LISTS:
            lines = [_in_language(v, language) for v in value or []]
            row[column] = "\n".join(lines).rstrip("\n")
        elif language is not None:
            row[column] = _in_language(value, language)
        else:
            row[column] = "" if value is None else str(value)
    return row


def rows_to_data(pack: ScenarioPack, tables: Mapping[str, Sequence[Row]]) -> dict[str, Any]:
    """The pack in file form with the given tables in place of its sections; what the tables
    do not carry is kept from the matching pack item, and every other section is untouched."""
    data = pack_data(pack)
    for table, rows in tables.items():
        data[table] = section_items(table, rows, data.get(table, []))
    return data


def section_items(table: str, rows: Sequence[Row], base: list[dict[str, Any]]
                  ) -> list[dict[str, Any]]:
    bases = _matching(table, rows, base)
    return [_row_item(table, row, match) for row, match in zip(rows, bases, strict=True)]


def row_key(table: str, row: Row) -> Hashable:
    if table == "links":
        return (cell(row.get("from")), cell(row.get("to")))
    return cell(row.get("id"))


def _item_key(table: str, item: dict[str, Any]) -> Hashable:
    if table == "links":
        return (str(item.get("from", "")), str(item.get("to", "")))
    return str(item.get("id", ""))


def origin(row: Row, size: int) -> int | None:
    """The position of the pack item a row was made from (None for an added row)."""
    value = row.get(ORIGIN)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return None
    position = int(value)
    return position if 0 <= position < size else None


def _matching(table: str, rows: Sequence[Row], base: list[dict[str, Any]]
              ) -> list[dict[str, Any] | None]:
    """Each row's pack item: the one it was made from, else an unclaimed item with its key."""
    origins = [origin(row, len(base)) for row in rows]
    claimed = {o for o in origins if o is not None}
    by_key: dict[Hashable, deque[int]] = defaultdict(deque)
    for index, item in enumerate(base):
        if index not in claimed:
            by_key[_item_key(table, item)].append(index)
    out: list[dict[str, Any] | None] = []
    for row, position in zip(rows, origins, strict=True):
        if position is None:
            queue = by_key.get(row_key(table, row))
            position = queue.popleft() if queue else None
        out.append(base[position] if position is not None else None)
    return out


def _row_item(table: str, row: Row, base: dict[str, Any] | None) -> dict[str, Any]:
    carried = carried_fields(table)
    item = {k: v for k, v in (base or {}).items() if k not in carried}
    grouped: dict[str, dict[str | None, Any]] = defaultdict(dict)
    for column, (field, language) in COLUMNS[table].items():
        grouped[field][language] = row.get(column)
    for field, cells in grouped.items():
        before = (base or {}).get(field)
        if field in _TEXT_LISTS:
            value: Any = _text_list(cells.get("en"), cells.get("zh-TW"), before)
        elif "en" in cells:
            value = local_value(cells.get("en"), cells.get("zh-TW"), before)
        elif field in _FLAGS:
            value = _flag(cells[None])
        elif (table, field) in _ID_LISTS:
            value = split_ids(cells[None]) or None
        else:
            value = cell(cells[None]) or None
        if value is not None:
            item[field] = value
    return {**{k: item[k] for k in _field_order(table, base) if k in item}, **item}


def _field_order(table: str, base: dict[str, Any] | None) -> list[str]:
    return list(base or {}) + [field for field, _ in COLUMNS[table].values()]


def cell(value: Any) -> str:
    """A cell as stripped text; an empty cell (None, NaN) is ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def split_ids(value: Any) -> list[str]:
    return [part.strip() for part in _SPLIT.split(cell(value)) if part.strip()]


def local_value(en: Any, zh: Any, before: Any = None) -> str | dict[str, str] | None:
    """Text from its two language cells: a plain string when only English is given (unless the
    pack wrote it per language), one entry per language otherwise, None when both are empty."""
    en_text, zh_text = cell(en), cell(zh)
    if not en_text and not zh_text:
        return None
    if zh_text or isinstance(before, dict):
        return {lang: text for lang, text in (("en", en_text), ("zh-TW", zh_text)) if text}
    return en_text


def _text_list(en: Any, zh: Any, before: Any) -> list[Any] | None:
    en_lines, zh_lines = _lines(en), _lines(zh)
    old = before if isinstance(before, list) else []
    out = []
    for index in range(max(len(en_lines), len(zh_lines))):
        value = local_value(en_lines[index] if index < len(en_lines) else "",
                            zh_lines[index] if index < len(zh_lines) else "",
                            old[index] if index < len(old) else None)
        if value is not None:
            out.append(value)
    return out or None


def _lines(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").rstrip()
    return text.split("\n") if text else []


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value or None
    return cell(value).casefold() in {"true", "yes", "1", "x", "是"} or None


def _in_language(value: Any, language: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get(language or "en", ""))
    return str(value) if language == "en" else ""

"""The column mapping as choices a person makes, one per column: a field, a field in one
language (`title (zh-TW)`), or `-` to leave the column out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from exercise.scenario.spreadsheets.columns import ColumnInfo, ColumnMapping, FieldSpec
from exercise.scenario.spreadsheets.tables import CellValue, Table
from exercise.scenario.text import DEFAULT_LANGUAGE, LANGUAGES

IGNORE = "-"


def field_choices(fields: Sequence[FieldSpec]) -> list[str]:
    out = [IGNORE]
    for spec in fields:
        out.append(spec.name)
        if spec.localised:
            out.extend(f"{spec.name} ({lang})" for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
    return out


def choice_of(column: ColumnInfo) -> str:
    if column.field is None:
        return IGNORE
    return f"{column.field} ({column.language})" if column.language else column.field


def parse_choice(choice: str) -> tuple[str | None, str | None]:
    if choice == IGNORE:
        return None, None
    if choice.endswith(")") and " (" in choice:
        field, language = choice[:-1].split(" (", 1)
        return field, language
    return choice, None


def apply_choices(mapping: ColumnMapping, choices: Mapping[int, str]) -> ColumnMapping:
    """The mapping with each chosen column (by index) set, in the order the choices were made;
    a field taken by a later choice is cleared from the column that had it."""
    columns = list(mapping.columns)
    for index, choice in choices.items():
        if not 0 <= index < len(columns):
            continue
        field, language = parse_choice(choice)
        if field is not None:
            columns = [replace(c, field=None, language=None)
                       if c.field == field and c.language == language else c for c in columns]
        columns[index] = replace(columns[index], field=field, language=language, by_user=True)
    return ColumnMapping(mapping.header_row, tuple(columns))


def column_label(column: ColumnInfo) -> str:
    return f"{column.letter}: {column.header}" if column.header else column.letter


def relabel(table: Table, mapping: ColumnMapping, fields: Sequence[FieldSpec]) -> Table:
    """The table with its header row rewritten to the standard header of each mapped field
    (and no header for a column left out), so a reader that recognises headers by itself
    sees exactly this mapping. A table without a header row gets one, numbered 0."""
    labels = {spec.name: spec.label for spec in fields}
    header: list[CellValue] = []
    for column in mapping.columns:
        if column.field is None:
            header.append(None)
        elif column.language:
            header.append(f"{labels[column.field]} ({column.language})")
        else:
            header.append(labels[column.field])
    if mapping.header_row is None:
        rows = [(0, header), *table.rows]
    else:
        rows = [(n, header if n == mapping.header_row else values) for n, values in table.rows]
    return replace(table, rows=rows)

"""A row that the pack's models refuse (pydantic's validation errors), in the importer's words:
each error becomes a located problem whose sentence is the catalogue's `sheet.cell.<kind>`,
naming the column (or the item of a column, or the field when the sheet has none for it). An
error of a kind the catalogue does not know gets `sheet.cell.other`, which still says where;
pydantic's own English is never shown in another language."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from exercise.i18n import catalogue
from exercise.scenario.field_problems import OWN_SENTENCES
from exercise.scenario.spreadsheets.columns import ColumnMapping
from exercise.scenario.spreadsheets.tables import SheetProblem, Table
from exercise.scenario.spreadsheets.words import Either, Place

# pydantic's kinds that say the same thing in a sheet
_SAME = {"int_type": "int_parsing", "int_from_float": "int_parsing", "float_type": "float_parsing",
         "bool_type": "bool_parsing", "literal_error": "enum", "string_type": "not_text",
         "assertion_error": "value_error"}
# a model's own messages (scenario.field_problems.OWN_SENTENCES) said about a cell
_OWN = {"own_text_empty": "text_empty", "own_text_empty_lang": "text_empty",
        "own_text_too_long": "text_too_long", "own_text_too_long_lang": "text_too_long",
        "own_not_text": "not_text", "own_not_text_lang": "not_text",
        "own_time": "time", "own_time_notation": "time", "own_time_minutes": "time",
        "own_time_sixty": "time", "own_time_year": "time"}
_TAGS = {"after", "no_ack", "decision", "no_contact", "infrastructure", "agency"}
_QUOTED = re.compile(r"'([^']*)'")


def validation_problems(exc: ValidationError, table: Table, mapping: ColumnMapping,
                        row: int) -> list[SheetProblem]:
    """One located problem per error of `exc` about sheet row `row`."""
    problems: list[SheetProblem] = []
    for error in exc.errors(include_url=False):
        path = _path(error["loc"])
        code, values, language = _words(error)
        column = _column(mapping, path, language)
        # an item of a list the sheet has no column for (conditions) is no item of a column
        shown = (path[0], *path[2:]) if path[:1] == ("conditions",) else path
        place = Place(column.index if column else None, column.header if column else "", shown)
        problem = table.said(f"cell.{code}", {"field": place, **values}, row=row,
                             column=column.index if column else None,
                             header=column.header if column else "")
        if code == "other":  # in English, pydantic's own words say more than the general sentence
            problem = replace(problem, hint=str(values["detail"]))
        if problem not in problems:
            problems.append(problem)
    return problems


def _path(loc: Iterable[Any]) -> tuple[str | int, ...]:
    """The location without pydantic's own parts (`function-after[…]`, union tags)."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and ("[" in part or part.startswith("function-")):
            continue
        if part in _TAGS and len(out) >= 2 and isinstance(out[-1], int):
            continue
        out.append(part)
    return tuple(out)


def _column(mapping: ColumnMapping, path: tuple[str | int, ...], language: str | None) -> Any:
    name = str(path[0]) if path else ""
    if name == "conditions":  # made from the After and If Not Acknowledged By columns
        name = "no_ack" if "no_ack" in path or "by" in path else "after"
    return (language and mapping.column(name, language)) or mapping.column(name)


def _words(error: ErrorDetails) -> tuple[str, dict[str, object], str | None]:
    """(the sentence's kind, its values, the language of the column it is about)."""
    kind = _SAME.get(error["type"], error["type"])
    context = error.get("ctx") or {}
    values: dict[str, object] = {"value": _text(error.get("input"))}
    values |= {name: item for name, item in context.items()
               if name in ("max_length", "min_length", "gt", "ge", "lt", "le")}
    if "expected" in context:
        values["expected"] = Either(tuple(_QUOTED.findall(str(context["expected"])))
                                    or (str(context["expected"]),))
    if kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        for own, pattern in OWN_SENTENCES:
            if (match := pattern.fullmatch(message)) and own in _OWN:
                found = match.groupdict()
                values |= {"limit": found.get("limit", "")}
                return _OWN[own], values, found.get("lang")
        return "other", values | {"detail": message}, None
    if f"sheet.cell.{kind}" not in catalogue("en"):
        return "other", values | {"detail": str(error["msg"])}, None
    return kind, values, None


def _text(value: object) -> str:
    text = value if isinstance(value, str) else "" if value is None else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"

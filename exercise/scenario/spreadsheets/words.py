"""The spreadsheet importer's words in the reader's language.

A problem or a note of the importer carries a code and its values; its English sentence is made
from the English catalogue (`sheet.<code>`, `sheet.<code>.hint` in exercise/locales/sheets.*.json)
when it is found, and the page or the command line makes it again in the reader's language.
Values are plain text or numbers, or `Either` (names joined by "or", each quoted as the
language quotes) or `Capabilities` (HSEEP core capabilities, by their names in each language).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from exercise.i18n import Translator, catalogue, translator

if TYPE_CHECKING:
    from exercise.scenario.problems import Problem
    from exercise.scenario.spreadsheets.tables import SheetProblem

ENGLISH = translator("en")
Values = Mapping[str, object]


class Words(Protocol):
    def __call__(self, key: str, /, **values: object) -> str: ...


@dataclass(frozen=True)
class Either:
    """Names one of which is meant: `'a' or 'b'`, 「a」或「b」."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class Headers:
    """Column headers as (English label, a Chinese header the importer also reads, or ""):
    `'Scenario Time' or 'Subject'` (`either`) or `Scenario Time, Subject`, and in Chinese
    「時間」或「主旨」."""

    pairs: tuple[tuple[str, str], ...]
    either: bool = True


@dataclass(frozen=True)
class Items:
    """A list of things, each made by the catalogue's `key` from its values, then ", …" when
    there are more than shown."""

    key: str
    items: tuple[tuple[tuple[str, object], ...], ...]
    more: bool = False
    more_key: str = "sheet.more"

    @classmethod
    def of(cls, key: str, items: list[dict[str, object]], more: bool = False,
           more_key: str = "sheet.more") -> Items:
        return cls(key, tuple(tuple(item.items()) for item in items), more, more_key)


@dataclass(frozen=True)
class Kind:
    """What a name was meant to name ("agency", "infrastructure system"): in English as written,
    with its article (`form` "a") or an s (`form` "s"); in Chinese the catalogue's word."""

    name: str
    form: str = ""


@dataclass(frozen=True)
class Said:
    """Another sentence's hint (`sheet.<code>.hint`) used as a value."""

    code: str
    values: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Capabilities:
    """HSEEP core capabilities as (English, Chinese): `'Mass Care Services' (大規模照護服務)`
    in English, 「大規模照護服務」 in Chinese."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Place:
    """Where in a row a value is: its column (`column G (Subject)`, 「第 G 欄（主旨）」), an item
    of it (`item 2 of column I`), or, when the sheet has no column for it, the field by name."""

    column: int | None
    header: str = ""
    path: tuple[str | int, ...] = ()


@dataclass(frozen=True)
class PackSaid:
    """What a check of the whole pack said about a row (`Problem` with its code, see
    `scenario.problem_words`): its sentence, or with `hint` what to do, in the reader's language;
    the sheet's own general sentence when the pack's words have no code."""

    problem: Problem
    hint: bool = False


@dataclass(frozen=True)
class Sentences:
    """Other sentences (`sheet.<code>` with values) said one after the other, or their hints."""

    items: tuple[tuple[str, tuple[tuple[str, object], ...]], ...]
    hint: bool = False


def _place(value: Place, t: Translator) -> str:
    from exercise.scenario.problem_words import field_words
    from exercise.scenario.spreadsheets.tables import column_letter

    if value.column is None:
        return t("sheet.place.field", field=field_words(value.path, t))
    column = t("sheet.place.column", column=column_letter(value.column)) + (
        t("cli.sheet.header", header=value.header) if value.header else "")
    item = next((part for part in value.path[1:2] if isinstance(part, int)), None)
    return column if item is None else t("sheet.place.item", n=item + 1, column=column)


def _pack_said(value: PackSaid, t: Translator) -> str:
    from exercise.scenario.problem_words import problem_sentence

    code = str(value.problem.extra.get("words", ""))
    if not code or code == "own" or f"problem.{code}" not in catalogue("en"):
        if t.lang == "en":
            return value.problem.hint if value.hint else value.problem.message
        return t("sheet.pack_other.hint" if value.hint else "sheet.pack_other")
    return problem_sentence(value.problem, t)[1 if value.hint else 0]


def shown(value: object, t: Translator) -> object:
    if isinstance(value, Place):
        return _place(value, t)
    if isinstance(value, PackSaid):
        return _pack_said(value, t)
    if isinstance(value, Sentences):
        said = (sentence(code, dict(values), t) for code, values in value.items)
        return t("sheet.semicolon").join(part for pair in said
                                         if (part := pair[1 if value.hint else 0]))
    if isinstance(value, Either):
        return t("sheet.or").join(t("sheet.quoted", text=name) for name in value.names)
    if isinstance(value, Headers):
        if t.lang == "en" and not value.either:
            return ", ".join(label for label, _ in value.pairs)
        names = [t("sheet.quoted", text=label if t.lang == "en" else (zh or label))
                 for label, zh in value.pairs]
        return t("sheet.or" if value.either else "sheet.sep").join(names)
    if isinstance(value, Items):
        return t("sheet.sep").join(t(value.key, **dict(item)) for item in value.items) + (
            t(value.more_key) if value.more else "")
    if isinstance(value, Kind):
        if t.lang != "en":
            return t(f"sheet.kind.{value.name.replace(' ', '_')}")
        if value.form == "a":
            return ("an " if value.name[:1] in "aeiou" else "a ") + value.name
        return value.name + value.form
    if isinstance(value, Said):
        return sentence(f"{value.code}+{value.code}", dict(value.values), t)[1]
    if isinstance(value, Capabilities):
        return t("sheet.or").join(f"{en!r} ({zh})" if t.lang == "en" else t("sheet.quoted", text=zh)
                                  for en, zh in value.pairs)
    return value


# Codes whose sentence is their values `what` and `todo` themselves: what a check of the whole
# pack said (`PackSaid`), or several of the importer's sentences (`Sentences`).
PACK_PROBLEM, JOINED = "pack_problem", "joined"
SAID_BY_VALUES = frozenset({PACK_PROBLEM, JOINED})


def sentence(code: str, values: Values, t: Translator = ENGLISH) -> tuple[str, str]:
    """(what, what to do) of `code` with `values` in `t`'s language."""
    words = {name: shown(value, t) for name, value in values.items()}
    if code in SAID_BY_VALUES:
        return str(words.get("what", "")), str(words.get("todo", ""))
    code, _, hint_code = code.partition("+")  # "what+hint": one sentence's hint with another's
    key, hint_key = f"sheet.{code}", f"sheet.{hint_code or code}.hint"
    hint = t(hint_key, **words) if hint_key in catalogue("en") else ""
    return t(key, **words), hint


def known(code: str) -> bool:
    return code in SAID_BY_VALUES or f"sheet.{code.partition('+')[0]}" in catalogue("en")


def where_words(problem: SheetProblem, t: Translator) -> str:
    """Where a problem is: file, sheet, row, column (header) in `t`'s language."""
    from exercise.scenario.spreadsheets.tables import column_letter

    where = [problem.file or t("cli.sheet.spreadsheet")]
    if problem.sheet:
        where.append(t("cli.sheet.sheet", sheet=problem.sheet))
    if problem.row is not None:
        where.append(t("cli.sheet.row", row=problem.row))
    if problem.column is not None:
        where.append(t("cli.sheet.column", column=column_letter(problem.column))
                     + (t("cli.sheet.header", header=problem.header) if problem.header else ""))
    return t("cli.sep").join(where)


def problem_words(problem: SheetProblem, t: Translator) -> tuple[str, str]:
    """(what is wrong, what to do) in `t`'s language; the importer's own English when the
    problem has no code."""
    if t.lang == "en" or not problem.code or not known(problem.code):
        return problem.message, problem.hint
    return sentence(problem.code, problem.values, t)


def problem_line(problem: SheetProblem, t: Translator) -> str:
    """One located line, as `str(problem)` in English."""
    if t.lang == "en":
        return str(problem)
    what, todo = problem_words(problem, t)
    severity = t(f"problem.severity.{problem.severity.value}")
    line = t("problem.line", where=where_words(problem, t), severity=severity, what=what)
    return line + (t("problem.todo", todo=todo) if todo else "")


def note_words(code: str, values: Values, t: Translator) -> str:
    """One thing the import created (`sheet.made.<code>`), in `t`'s language."""
    return t(f"sheet.made.{code}", **{name: shown(value, t) for name, value in values.items()})


def decide_lines(t: Translator, notes: list[tuple[str, dict[str, str]]],
                 systems: dict[str, str] | None = None) -> list[str]:
    """What is still to decide in the reader's language, the backup minutes on one line; the
    infrastructure systems by `systems`' names where given."""
    names = systems or {}
    backups = t("newpack.decide.separator").join(
        t("sweep.newpack.decide.backup", **{**values, "system": names.get(values["system"], values["system"]),
                                      "on": names.get(values["on"], values["on"])})
        for what, values in notes if what == "backup")
    lines = [t("newpack.decide.backups", backups=backups)] if backups else []
    return lines + [t(f"newpack.decide.{what}", **values) for what, values in notes
                    if what != "backup"]

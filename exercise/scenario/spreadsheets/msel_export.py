"""A pack's MSEL as a table with HSEEP-style headers, one column per extra language of text:
every column the importer reads (decision options, effects, the After and If Not Acknowledged
By conditions, in `msel_cells`' grammar), and when the pack's start can be read, the day and
the time of day beside the scenario time (for people; the importer reads the scenario time)."""

from __future__ import annotations

from typing import Any

from exercise.scenario.models import Inject, ScenarioPack
from exercise.scenario.spreadsheets.msel_cells import CELLS
from exercise.scenario.spreadsheets.msel_columns import MSEL_FIELDS
from exercise.scenario.spreadsheets.tables import CellValue
from exercise.scenario.text import DEFAULT_LANGUAGE, LANGUAGES
from exercise.scenario.time_of_day import ClockStart, scenario_time, start_of
from exercise.scenario.timecode import format_time

LIST_SEPARATOR = "; "
DAY_HEADER = next(spec.label for spec in MSEL_FIELDS if spec.name == "day")
CLOCK_HEADER = "Time of Day"  # not an importer's column: the importer reads the scenario time


def text_languages(texts: list[Any], declared: list[str]) -> list[str]:
    """Languages other than English that need a column of their own, in a stable order."""
    used = set(declared)
    for text in texts:
        if isinstance(text, dict):
            used.update(text)
    return [lang for lang in LANGUAGES if lang in used and lang != DEFAULT_LANGUAGE]


def base_text(text: Any) -> str:
    if text is None:
        return ""
    return text if isinstance(text, str) else text.get(DEFAULT_LANGUAGE, "")


def language_text(text: Any, language: str) -> str:
    return text.get(language, "") if isinstance(text, dict) else ""


def msel_table(pack: ScenarioPack) -> tuple[list[str], list[list[CellValue]]]:
    texts = [getattr(i, name) for i in pack.injects
             for name in ("title", "message", "facilitator_notes")]
    texts += [a for i in pack.injects for a in i.expected_actions]
    languages = text_languages(texts, list(pack.metadata.languages))
    start = start_of(pack.metadata.scenario_start)
    headers: list[str] = []
    for spec in MSEL_FIELDS:
        if spec.name == "day":
            continue
        headers.append(spec.label)
        if spec.name == "time" and start is not None:
            headers += [DAY_HEADER, CLOCK_HEADER]
        if spec.localised:
            headers.extend(f"{spec.label} ({lang})" for lang in languages)
    rows = [_row(inject, languages, start) for inject in pack.injects]
    return headers, rows


def _row(inject: Inject, languages: list[str], start: ClockStart | None) -> list[CellValue]:
    plain: dict[str, str] = {
        "id": inject.id,
        "time": format_time(inject.time),
        "module": inject.module,
        "from": inject.from_,
        "to": LIST_SEPARATOR.join(inject.to),
        "channel": inject.channel or "",
        "type": inject.type.value,
        "expected_contacts": "\n".join(f"{c.from_} -> {c.to}" for c in inject.expected_contacts),
        "objectives": LIST_SEPARATOR.join(inject.objectives),
        "critical_tasks": LIST_SEPARATOR.join(inject.critical_tasks),
        "contingency": "yes" if inject.contingency else "no",
        **{name: cell(inject) for name, cell in CELLS.items()},
    }
    row: list[CellValue] = []
    for spec in MSEL_FIELDS:
        if spec.name == "day":
            continue
        if not spec.localised:
            row.append(plain[spec.name])
            if spec.name == "time" and start is not None:
                when = scenario_time(inject.time, start)
                row += [str(when.day), when.clock]
            continue
        value = getattr(inject, spec.name)
        if spec.name == "expected_actions":
            row.append("\n".join(base_text(item) for item in value))
            row.extend("\n".join(language_text(item, lang) for item in value).rstrip("\n")
                       for lang in languages)
        else:
            row.append(base_text(value))
            row.extend(language_text(value, lang) for lang in languages)
    return row

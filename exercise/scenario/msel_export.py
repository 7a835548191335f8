"""A pack's MSEL as a table with HSEEP-style headers, one column per extra language of text."""

from __future__ import annotations

from typing import Any

from exercise.scenario.models import Inject, ScenarioPack
from exercise.scenario.msel_columns import MSEL_FIELDS
from exercise.scenario.spreadsheet import CellValue
from exercise.scenario.text import DEFAULT_LANGUAGE, LANGUAGES
from exercise.scenario.timecode import format_time

LIST_SEPARATOR = "; "
# Read from planners' sheets but not written: the pack keeps them when a sheet lacks the column.
NOT_EXPORTED = {"day", "options", "effects", "after", "no_ack"}


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
    headers: list[str] = []
    for spec in MSEL_FIELDS:
        if spec.name in NOT_EXPORTED:
            continue
        headers.append(spec.label)
        if spec.localised:
            headers.extend(f"{spec.label} ({lang})" for lang in languages)
    rows = [_row(inject, languages) for inject in pack.injects]
    return headers, rows


def _row(inject: Inject, languages: list[str]) -> list[CellValue]:
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
    }
    row: list[CellValue] = []
    for spec in MSEL_FIELDS:
        if spec.name in NOT_EXPORTED:
            continue
        if not spec.localised:
            row.append(plain[spec.name])
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

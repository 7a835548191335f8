"""A pack's roster (agencies) and contact plan (links) as tables with readable headers."""

from __future__ import annotations

from typing import Any

from exercise.scenario.models import ScenarioPack
from exercise.scenario.spreadsheets.columns import FieldSpec
from exercise.scenario.spreadsheets.msel_export import LIST_SEPARATOR, base_text, language_text, text_languages
from exercise.scenario.spreadsheets.roster_columns import AGENCY_FIELDS, LINK_FIELDS
from exercise.scenario.spreadsheets.tables import CellValue

AGENCIES_SHEET = "Agencies"
LINKS_SHEET = "Contact plan"


def roster_tables(pack: ScenarioPack) -> list[tuple[str, list[str], list[list[CellValue]]]]:
    agency_texts = [getattr(a, n) for a in pack.agencies
                    for n in ("name", "short_name", "sector", "jurisdiction", "description")]
    languages = text_languages(agency_texts + [link.note for link in pack.links],
                               list(pack.metadata.languages))
    agency_rows = [_row(AGENCY_FIELDS, languages, {
        "id": agency.id, "name": agency.name, "short_name": agency.short_name,
        "level": agency.level.value, "sector": agency.sector, "jurisdiction": agency.jurisdiction,
        "area": agency.area, "channels": LIST_SEPARATOR.join(agency.channels),
        "description": agency.description}) for agency in pack.agencies]
    link_fields = tuple(f for f in LINK_FIELDS if f.name != "frequency")
    link_rows = [_row(link_fields, languages, {
        "from": link.from_, "to": link.to, "channels": LIST_SEPARATOR.join(link.channels),
        "direction": link.direction.value, "basis": link.basis.value, "note": link.note})
        for link in pack.links]
    return [(AGENCIES_SHEET, _headers(AGENCY_FIELDS, languages), agency_rows),
            (LINKS_SHEET, _headers(link_fields, languages), link_rows)]


def _headers(fields: tuple[FieldSpec, ...], languages: list[str]) -> list[str]:
    out: list[str] = []
    for spec in fields:
        out.append(spec.label)
        if spec.localised:
            out.extend(f"{spec.label} ({lang})" for lang in languages)
    return out


def _row(fields: tuple[FieldSpec, ...], languages: list[str], values: dict[str, Any]
         ) -> list[CellValue]:
    row: list[CellValue] = []
    for spec in fields:
        value = values[spec.name]
        if spec.localised:
            row.append(base_text(value))
            row.extend(language_text(value, lang) for lang in languages)
        else:
            row.append(value)
    return row

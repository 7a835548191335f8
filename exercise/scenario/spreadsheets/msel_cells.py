"""Decision options, effects and conditions of an inject as MSEL cells, in the grammar the
importer reads (`exercise.scenario.spreadsheets.msel_effects`):

    Options:                  evacuate | wait
    Effects:                  power down in upper-valley; county-eoc degraded
    After:                    I-03 +30
    If Not Acknowledged By:   I-03 by T+01:00

A cell carries what planners edit; what it cannot carry (an option's consequence and its
other languages, an effect's reason, a condition on a decision or on a contact) stays in the
pack: importing a sheet into a pack keeps the pack's own value wherever the cell is still what
the export wrote."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from exercise.scenario.models import (
    AfterInject,
    AgencyEffect,
    InfrastructureEffect,
    Inject,
    NoAcknowledgement,
)
from exercise.scenario.spreadsheets.tables import CellValue
from exercise.scenario.text import localize
from exercise.scenario.timecode import format_time

OPTION_SEPARATOR = " | "
EFFECT_SEPARATOR = "; "


def options_cell(inject: Inject) -> str:
    return OPTION_SEPARATOR.join(localize(option.label, "en") for option in inject.options)


def effects_cell(inject: Inject) -> str:
    parts = []
    for effect in inject.effects:
        if isinstance(effect, InfrastructureEffect):
            where = f" in {effect.area}" if effect.area else ""
            parts.append(f"{effect.system} {effect.status.value}{where}")
        elif isinstance(effect, AgencyEffect):
            parts.append(f"{effect.agency} {effect.status.value}")
    return EFFECT_SEPARATOR.join(parts)


def after_cell(inject: Inject) -> str:
    """The first condition 'after inject X (+ minutes)' (the column holds one)."""
    for condition in inject.conditions:
        if isinstance(condition, AfterInject) and condition.delay >= 0:
            return condition.after + (f" +{condition.delay}" if condition.delay else "")
    return ""


def no_ack_cell(inject: Inject) -> str:
    """The first condition 'if X is not acknowledged by T+…' (the column holds one)."""
    for condition in inject.conditions:
        if isinstance(condition, NoAcknowledgement) and condition.agency is None:
            return f"{condition.no_ack} by {format_time(condition.by)}"
    return ""


CELLS: dict[str, Callable[[Inject], str]] = {
    "options": options_cell, "effects": effects_cell, "after": after_cell, "no_ack": no_ack_cell,
}


def _same(cell: CellValue, written: str) -> bool:
    text = "" if cell is None else str(cell)
    return text.split() == written.split()


def keep_unchanged(base: Inject, data: dict[str, Any], cell: Callable[[str], CellValue]) -> None:
    """Where a row's options, effects or conditions cells still say what the export of `base`
    wrote, the row keeps `base`'s own value (with the details a cell cannot carry)."""
    dumped = base.model_dump(by_alias=True)
    for name in ("options", "effects"):
        if name in data and _same(cell(name), CELLS[name](base)):
            data[name] = dumped[name]
    if "conditions" in data and all(_same(cell(name), CELLS[name](base))
                                    for name in ("after", "no_ack")):
        data["conditions"] = dumped["conditions"]

"""The two example packs together use every part of the format, so they teach all of it."""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from exercise.scenario import models
from exercise.scenario.loader import load_pack

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
EXAMPLES = sorted(SCENARIOS.glob("example-*.yaml"))
# Enums whose every value an example must show; hazards and exercise types are a catalogue.
COVERED_ENUMS = [models.AgencyLevel, models.InfrastructureKind, models.ChannelKind,
                 models.LinkDirection, models.FormalBasis, models.InjectType, models.Status]


def _walk(value: Any, used_fields: set[tuple[str, str]], used_values: set[Enum]) -> None:
    if isinstance(value, BaseModel):
        for name in value.model_fields_set:
            used_fields.add((type(value).__name__, name))
            _walk(getattr(value, name), used_fields, used_values)
    elif isinstance(value, list):
        for item in value:
            _walk(item, used_fields, used_values)
    elif isinstance(value, Enum):
        used_values.add(value)


@pytest.fixture(scope="module")
def usage() -> tuple[set[tuple[str, str]], set[Enum], str]:
    assert len(EXAMPLES) >= 2
    fields: set[tuple[str, str]] = set()
    values: set[Enum] = set()
    texts = ""
    for path in EXAMPLES:
        result = load_pack(path)
        assert result.ok, [str(p) for p in result.problems]
        _walk(result.pack, fields, values)
        texts += result.text
    return fields, values, texts


def _all_models() -> list[type[BaseModel]]:
    return [v for v in vars(models).values()
            if isinstance(v, type) and issubclass(v, models.PackModel) and v is not models.PackModel]


@pytest.mark.parametrize("model", _all_models(), ids=lambda m: m.__name__)
def test_every_field_of_every_model_is_used(model, usage):
    used_fields = usage[0]
    missing = [name for name in model.model_fields if (model.__name__, name) not in used_fields]
    assert missing == [], f"no example pack sets {model.__name__}.{missing}"


@pytest.mark.parametrize("enum", COVERED_ENUMS, ids=lambda e: e.__name__)
def test_every_value_of_the_enums_is_used(enum, usage):
    missing = [member.value for member in enum if member not in usage[1]]
    assert missing == [], f"no example pack uses {enum.__name__} {missing}"


@pytest.mark.parametrize(
    ("notation", "pattern"),
    [
        ("T+hh:mm", r"\bT\+\d{2}:\d{2}\b"),
        ("T+Nd hh:mm", r"\bT\+\d+d \d{2}:\d{2}\b"),
        ("D+ H+ M+", r"D\+\d+ H\+\d+ M\+\d+"),
        ("D+ alone", r"backup: D\+\d+\}"),
        ("hh:mm", r"(start|time|backup): \"\d{2}:\d{2}\""),
        ("plain minutes", r"\b(time|start|backup|delay): \d+\b"),
        ("expected contact as text", r"\"[\w-]+ -> [\w-]+\""),
        ("expected contact as a pair", r"- \[[\w-]+, [\w-]+\]"),
        ("plain and bilingual text", r"name: \{en: .*, zh-TW: .*\}"),
    ],
)
def test_every_notation_is_shown(notation, pattern, usage):
    assert re.search(pattern, usage[2]), f"no example shows {notation}"

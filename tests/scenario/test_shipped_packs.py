from pathlib import Path

import pytest

from exercise.scenario.loader import load_pack
from exercise.scenario.schema import pack_json_schema_text

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
PACKS = sorted(SCENARIOS.glob("*.yaml"))


def test_there_are_shipped_packs():
    assert PACKS, "no packs in scenarios/"


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_every_shipped_pack_validates_without_errors(path):
    result = load_pack(path)
    assert result.errors == [], "\n".join(str(p) for p in result.errors)
    assert result.pack is not None


def test_committed_schema_is_current():
    committed = (SCENARIOS / "scenario-pack.schema.json").read_text(encoding="utf-8")
    assert committed == pack_json_schema_text(), "run `make schema` and commit the result"

"""The synthetic pack generator others benchmark with, and the pure-Python YAML fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchmarks.synthetic import synthetic_pack, synthetic_pack_data
from exercise.scenario import yamlsource
from exercise.scenario.loader import load_pack, load_pack_text
from tests.scenario.packtext import MINIMAL, broken, position


def test_a_small_synthetic_pack_is_valid_with_the_sizes_asked_for():
    pack = synthetic_pack(agencies=20, links=40, injects=30, seed=3)
    assert (len(pack.agencies), len(pack.links), len(pack.injects)) == (20, 40, 30)
    assert {i.type.value for i in pack.injects} == {
        "information", "request", "decision", "media", "resource", "infrastructure"}


def test_synthetic_data_is_deterministic_per_seed_and_loads_as_yaml():
    assert synthetic_pack_data(10, 12, 8, seed=1) == synthetic_pack_data(10, 12, 8, seed=1)
    assert synthetic_pack_data(10, 12, 8, seed=1) != synthetic_pack_data(10, 12, 8, seed=2)
    text = yaml.safe_dump(synthetic_pack_data(30, 60, 50), allow_unicode=True, sort_keys=False)
    result = load_pack_text(text)
    assert result.ok, [str(p) for p in result.problems[:3]]


def test_impossible_sizes_are_refused():
    with pytest.raises(ValueError):
        synthetic_pack_data(agencies=3, links=10)


@pytest.fixture
def pure_python_yaml(monkeypatch):
    """Machines without libyaml read packs with PyYAML's own parser; results must agree."""
    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)


def test_the_pure_python_parser_gives_the_same_pack(pure_python_yaml):
    result = load_pack_text(MINIMAL)
    assert result.ok and result.pack.agency("port").area == "harbour"


@pytest.mark.parametrize(
    ("change", "anchor", "says"),
    [
        (("  duration: 60\n", "  duration: 60\n  duration: 90\n"), "duration: 90", "appears twice"),
        (("  setting: A harbour town\n", "  setting: !!python/object:os.system {}\n"),
         "!!python", "is not allowed"),
        (("to: port, channels: [phone]}", "to: prot, channels: [phone]}"), "prot", "unknown agency"),
    ],
)
def test_the_pure_python_parser_locates_problems_alike(pure_python_yaml, change, anchor, says):
    text = broken(change)
    (error,) = load_pack_text(text).errors
    assert says in error.message and (error.line, error.column) == position(text, anchor)


def test_the_pure_python_parser_refuses_bad_yaml_with_a_place(pure_python_yaml):
    (error,) = load_pack_text("metadata: [unclosed\n").errors
    assert error.line is not None


SHIPPED = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_pack_also_loads_without_libyaml(pure_python_yaml, path):
    """libyaml accepts a few things PyYAML's own parser refuses (a '?' ending a plain scalar
    in a flow mapping); a shipped pack must load on a machine that lacks libyaml too."""
    result = load_pack(path)
    assert result.errors == [], [str(p) for p in result.errors]

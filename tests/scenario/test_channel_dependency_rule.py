"""Issue #18 item 5: every channel declares what it depends on, or says why nothing. A channel
that does neither is a located warning of `exercise validate` and of the app's pack check, with
what to write, in the reader's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from exercise.i18n import translator
from exercise.scenario.loader import LoadResult, load_pack, load_pack_text
from exercise.scenario.problems import Severity
from exercise.scenario.writer import pack_to_yaml
from exercise.ui.problem_words import problem_line, problem_sentence
from tests.network.packs import link, make_pack
from tests.words_check import english_left

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def _load(**sat: Any) -> tuple[str, LoadResult]:
    """eoc - chief by satellite phone (no dependency as the helper writes it) or telephone."""
    pack = make_pack([("eoc", "county"), ("chief", "valley")], [link("eoc", "chief", "sat", "phone")])
    channels = [c.model_dump(mode="json", by_alias=True, exclude_none=True) for c in pack.channels]
    channels[2].update(sat)
    data = pack.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["channels"] = channels
    text = pack_to_yaml(type(pack).model_validate(data))
    return text, load_pack_text(text, file="sat.yaml")


def _unexplained(result: LoadResult) -> list[Any]:
    return [p for p in result.problems if p.extra.get("words") == "channel_no_dependency"]


def test_a_channel_that_never_fails_without_saying_why_is_a_located_warning() -> None:
    text, result = _load()
    assert result.ok  # a warning, not an error: the pack still plays
    [problem] = _unexplained(result)
    assert problem.severity is Severity.warning and problem.path == ("channels", 2)
    assert text.splitlines()[problem.line - 1].strip() == "- id: sat"
    assert str(problem).startswith(f"sat.yaml:{problem.line}:")
    assert "'sat' declares no dependency" in problem.message
    assert "grid power or a repeater" in problem.hint and "independent_because" in problem.hint


@pytest.mark.parametrize("declared", [
    {"independent_because": "own batteries; satellites outside the area"},
    {"depends_on": ["power"]},
    {"charging": {"system": "power", "backup": 480}},
    {"congestion": [{"end": 120}]},
    {"kind": "in_person"},
])
def test_a_channel_that_says_what_it_depends_on_or_why_nothing_is_not_warned(
        declared: dict[str, Any]) -> None:
    assert _unexplained(_load(**declared)[1]) == []


def test_the_warning_reads_in_the_readers_language() -> None:
    [problem] = _unexplained(_load()[1])
    english = problem_line(problem, translator("en"))
    assert english == (f"sat.yaml:{problem.line}:{problem.column} channels[2]: warning: channel sat declares "
                       "no dependency and no reason why: as written it never fails — declare what it "
                       "depends on (depends_on, e.g. grid power or a repeater; charging for handsets), "
                       "or say why nothing (independent_because)")
    chinese = problem_line(problem, translator("zh-TW"))
    assert "通道 sat 未宣告依賴任何系統" in chinese and "市電或中繼臺" in chinese
    what, todo = problem_sentence(problem, translator("zh-TW"))
    assert english_left(what + todo, allowed={"sat"}) == []  # the channel's id


def test_validate_prints_it_with_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from exercise.cli import main

    text, result = _load()
    [problem] = _unexplained(result)
    path = tmp_path / "sat.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:{problem.line}:" in out and "declares no dependency" in out
    assert "independent_because" in out


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.name)
def test_no_shipped_pack_has_a_channel_that_never_fails_unexplained(path: Path) -> None:
    assert [str(p) for p in _unexplained(load_pack(path))] == []

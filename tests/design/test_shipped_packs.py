"""The doctor on every shipped pack: it runs, every finding is located and reads in both
languages, and no shipped pack has an error or a warning, for the default check (every table
plan the pack suggests), for each suggested plan on its own and for one table per agency, in
English and in Traditional Chinese (issue 11, item 4). A pack that fails names each finding
with its file:line so the author can go straight to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.design.codes import CODES
from exercise.design.doctor import Diagnosis, diagnose_loaded
from exercise.design.findings import Severity
from exercise.design.tables import one_table_per_agency
from exercise.i18n import translator
from exercise.scenario.loader import LoadResult, load_pack
from exercise.ui.doctor_words import finding_line

PACKS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))
LANGUAGES = ("en", "zh-TW")
_LOADED: dict[Path, LoadResult] = {}


def _loaded(path: Path) -> LoadResult:
    if path not in _LOADED:
        result = load_pack(path)
        assert result.ok, [str(p) for p in result.problems]
        _LOADED[path] = result
    return _LOADED[path]


def _plans(path: Path) -> list[str | None]:
    """None (the default check: every suggested plan), each suggested plan, one per agency."""
    pack = _loaded(path).pack
    assert pack is not None
    return [None, *(plan.id for plan in pack.table_plans or []), one_table_per_agency(pack).id]


def _failures(diagnosis: Diagnosis, lang: str) -> list[str]:
    t = translator(lang)
    return [finding_line(t, f) for f in diagnosis.findings  # 'file:line:column: severity: …'
            if f.finding.severity in (Severity.error, Severity.warning)]


@pytest.mark.parametrize("path", PACKS, ids=[p.stem for p in PACKS])
def test_the_doctor_runs_on_every_shipped_pack(path: Path) -> None:
    result = _loaded(path)
    diagnosis = diagnose_loaded(result)
    assert all(f.finding.code in CODES for f in diagnosis.findings)
    assert all(f.line is not None and f.file == str(path) for f in diagnosis.findings)
    for lang in LANGUAGES:
        t = translator(lang)
        lines = [finding_line(t, f) for f in diagnosis.findings]
        assert not [line for line in lines if "{" in line or "doctor." in line]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PACKS, ids=[p.stem for p in PACKS])
def test_no_shipped_pack_has_an_error_or_a_warning_for_any_table_plan(path: Path, lang: str) -> None:
    result = _loaded(path)
    found = {}
    for plan in _plans(path):
        failures = _failures(diagnose_loaded(result, plan=plan, lang=lang), lang)
        if failures:
            found[plan or "default"] = failures
    assert found == {}, "\n".join(f"--tables {plan}:\n  " + "\n  ".join(lines)
                                  for plan, lines in found.items())

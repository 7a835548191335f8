"""The doctor runs on every shipped pack. It does not yet fail on warnings: the packs are
reworked later (issue 11, item 4); run with -s to see the counts per pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.design.codes import CODES
from exercise.design.doctor import diagnose_loaded
from exercise.design.findings import Severity
from exercise.scenario.loader import load_pack
from exercise.ui.doctor_words import finding_line
from exercise.ui.i18n import translator

PACKS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", PACKS, ids=[p.stem for p in PACKS])
def test_the_doctor_runs_on_every_shipped_pack(path):
    result = load_pack(path)
    assert result.ok
    diagnosis = diagnose_loaded(result)
    assert all(f.finding.code in CODES for f in diagnosis.findings)
    assert all(f.line is not None and f.file == str(path) for f in diagnosis.findings)
    for lang in ("en", "zh-TW"):
        t = translator(lang)
        lines = [finding_line(t, f) for f in diagnosis.findings]
        assert not [line for line in lines if "{" in line or "doctor." in line]
    print(f"\n{path.stem}: {diagnosis.count(Severity.error)} errors, "
          f"{diagnosis.count(Severity.warning)} warnings, {diagnosis.count(Severity.advice)} advice")

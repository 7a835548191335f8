"""Checks shared by the tests of single library packs: what the doctor says for each table
plan, texts missing a language, sources without an access date, and a scripted drill that must
play the pack to an after-action report."""

from __future__ import annotations

from pathlib import Path

from exercise.cli import main
from exercise.design.doctor import diagnose_loaded
from exercise.design.findings import Severity
from exercise.scenario.loader import load_pack
from exercise.scenario.models import ScenarioPack
from exercise.scenario.text import LANGUAGES
from tests.library.test_library import local_texts

LANGS = ("en", "zh-TW")


def plans_of(pack: ScenarioPack) -> list[str | None]:
    """The default check (the pack's own plans) and every suggested plan by id."""
    return [None, *(plan.id for plan in pack.table_plans)]


def doctor_problems(path: Path, plan: str | None, lang: str) -> list[str]:
    """Every error and warning the doctor finds, as 'code at path' lines."""
    diagnosis = diagnose_loaded(load_pack(path), plan=plan, lang=lang)
    return [f"{f.finding.code} at line {f.line}" for f in diagnosis.findings
            if f.finding.severity in (Severity.error, Severity.warning)]


def untranslated(pack: ScenarioPack) -> list[str]:
    return [".".join(str(part) for part in where) for where, text in local_texts(pack, ())
            if not isinstance(text, dict) or set(text) != set(LANGUAGES)
            or not all(str(text[lang]).strip() for lang in LANGUAGES)]


def sources_without_access_date(pack: ScenarioPack) -> list[str]:
    return [s.title for s in pack.metadata.sources if not s.url or not s.accessed]


def drill_report(path: Path, folder: Path, decide: str) -> list[Path]:
    """Play the pack with `exercise drill` into `folder`; the report files it wrote."""
    output = folder / "report"
    code = main(["drill", str(path), "--decide", decide, "--output", str(output),
                 "--database", f"sqlite:///{folder / 'drill.db'}"])
    assert code == 0, f"exercise drill exited with {code}"
    return sorted(output.glob("*after-action-report*"))

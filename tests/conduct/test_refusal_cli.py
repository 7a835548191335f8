"""`exercise --lang zh-TW …` says why a session command was refused in Chinese (the domain's
refusal worded by the CLI's translator), and in English exactly as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.cli import main
from exercise.cli.drill_pack import DrillLog, summary_lines
from exercise.conduct.errors import NotAllowedNow
from exercise.i18n import translator
from tests.words_check import english_left

COMMAND = {"exercise"}


@pytest.fixture(autouse=True)
def english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("EXERCISE_LANG", "LC_ALL", "LANG"):
        monkeypatch.delenv(name, raising=False)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().err


def test_replaying_a_file_that_is_no_export_is_refused_in_chinese(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    file = tmp_path / "old.jsonl"
    file.write_text('{"format": "other"}\n', encoding="utf-8")
    code, err = _run(capsys, "--lang", "zh-TW", "session", "replay", file)
    assert code != 0 and "第一行必須是版本 1 的" in err
    assert english_left(err, COMMAND) == [], err
    _, english = _run(capsys, "session", "replay", file)
    assert "the first line must be an" in english and "header of version 1" in english


def test_exporting_a_session_that_does_not_exist_is_refused_in_chinese(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, err = _run(capsys, "--lang", "zh-TW", "session", "export", "no-such",
                     "--data-dir", tmp_path)
    assert code != 0 and "沒有演練場次「no-such」" in err
    assert english_left(err, COMMAND) == [], err
    _, english = _run(capsys, "session", "export", "no-such", "--data-dir", tmp_path)
    assert "there is no exercise session 'no-such'" in english


def test_a_drills_refusals_are_listed_in_the_chosen_language() -> None:
    refused = NotAllowedNow("refusal.clock.not_started")
    log = DrillLog("drill-abc", refused=[refused])
    assert summary_lines(log, translator("zh-TW"))[-1].endswith("時鐘尚未開始；請先開始演練。")
    assert summary_lines(log)[-1] == ("  refused: the clock has not been started; start the "
                                      "exercise first")

"""A pack merged from the sheets that breaks a rule no single row shows (issue: one catalogue of
words): a planner types the year into the Day column, so the module the import makes for that
day would start more than a year after T+00:00. `exercise import` says where in the merged pack
(the module's start), what is wrong and what to do, in the reader's language, never in
pydantic's English, and writes nothing. The page's side: tests/ui/test_import_refused_pack_page.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from exercise.cli import main
from exercise.i18n import translator
from exercise.scenario.models import Module
from exercise.scenario.spreadsheets.refused_pack import refused_lines, refused_problems
from tests.authoring.test_planner_sheets import CONTACTS, ROSTER, _book
from tests.words_check import english_left

# Clock times with a Day column: one module per scenario day, each starting at its midnight.
MSEL_DAYS = [["Inject #", "Day", "Time", "Originator", "Recipient", "Delivery Method", "Event",
              "Inject Description"],
             ["EQ-01", "1", "08:10", "Hualien County EOC", "County Fire Bureau", "Phone",
              "M7.2", "Intensity 6 upper in Hualien City."],
             ["EQ-02", "2", "09:00", "County Fire Bureau", "Xiulin Township EOC", "radio",
              "Aftershock", "Strong aftershock; check the slopes again."],
             ["EQ-03", "2026", "10:00", "Xiulin Township EOC", "Hualien County EOC", "Phone",
              "Road", "The road to the villages is open again."]]  # the year, not the day

PYDANTIC = ("validation error", "Value error,", "For further information visit",
            "errors.pydantic.dev", "input_value")
WHERE_EN = "In the pack made from the sheets, modules[2].start:"
WHAT_EN = "is more than a year from scenario start"
TODO_EN = "check the rows of the sheets that make this part of the pack"
WHERE_ZH = "由試算表合併成的想定包中，第 3 個單元的開始時間："
WHAT_ZH = "距離想定開始超過一年"
TODO_ZH = "請檢查試算表中產生這部分的列（時間、日、單元欄），再重新匯入"


def planner_files(folder: Path) -> list[Path]:
    return [_book(folder / "roster.xlsx", {"Agencies": ROSTER, "Contacts": CONTACTS}),
            _book(folder / "msel.xlsx", {"MSEL": MSEL_DAYS})]


def _import(tmp_path: Path, capsys: pytest.CaptureFixture[str], *lang: str) -> tuple[int, str]:
    target = tmp_path / "quake.yaml"
    code = main([*lang, "import", *map(str, planner_files(tmp_path)), "--start", "07:58",
                 "-o", str(target), "--title", "Hualien earthquake", "--place", "Hualien"])
    captured = capsys.readouterr()
    assert not target.exists()  # nothing is written
    return code, captured.out + captured.err


def test_the_command_names_the_place_in_the_merged_pack(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _import(tmp_path, capsys)
    assert code == 2, out
    assert WHERE_EN in out and WHAT_EN in out and TODO_EN in out, out
    assert "1 problem(s) above; nothing was written" in out
    assert not any(words in out for words in PYDANTIC), out
    assert "Traceback" not in out


def test_the_command_says_it_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _import(tmp_path, capsys, "--lang", "zh-TW")
    assert code == 2, out
    assert WHERE_ZH in out and WHAT_ZH in out and TODO_ZH in out, out
    assert "上面有 1 個問題；沒有寫入任何檔案" in out
    assert not any(words in out for words in PYDANTIC), out
    said = [line for line in out.splitlines() if WHERE_ZH in line]
    assert said and english_left(said[0]) == [], said


def _error(**module: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        Module.model_validate({"id": "m1", "title": "Day 1", "situation": "Day 1", **module})
    return caught.value


def test_a_rule_without_words_of_its_own_gets_the_general_sentence() -> None:
    english, chinese = translator("en"), translator("zh-TW")
    # not a ValidationError at all: nothing to locate, the whole pack is named
    assert refused_lines(refused_problems(ValueError("boom <b>x</b>")), chinese) == [
        "由試算表合併成的想定包：這裡有內容不符合想定包的規則——"
        "請檢查試算表中產生這部分的列（時間、日、單元欄），再重新匯入"]
    assert "boom" not in refused_lines(refused_problems(ValueError("boom")), english)[0]
    # a field pydantic knows the words for: a start that is not a time
    [line] = refused_lines(refused_problems(_error(start="soon")), chinese)
    assert line.startswith("由試算表合併成的想定包中，開始時間：") and "Value error" not in line


def test_many_problems_are_cut_to_the_first_twenty() -> None:
    from exercise.scenario.models import ScenarioPack

    with pytest.raises(ValidationError) as caught:
        ScenarioPack.model_validate({"metadata": {}, "areas": [{}] * 30})
    lines = refused_lines(refused_problems(caught.value), translator("en"))
    assert len(lines) == 21 and lines[-1].startswith("…and ") and lines[-1].endswith("problem(s)")

"""`exercise --lang zh-TW import` of a planner's sheets with mistakes: what is wrong, where and
what to do read as Chinese (the importer's sentences come from the catalogue by code), and the
English output is word for word what it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.cli import main
from tests.authoring.test_planner_sheets import CONTACTS, MSEL_ZH, ROSTER, _book
from tests.words_check import english_left

# the command's own name, as typed; sheet and file names are quoted or id-like
NAMES = {"exercise"}


@pytest.fixture(autouse=True)
def english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("EXERCISE_LANG", "LC_ALL", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def sheets(tmp_path: Path) -> list[Path]:
    """A roster and contact list, a Chinese MSEL with a typo in a core capability ('Mass Care
    Service') and a recipient the roster lacks, and a second MSEL whose text column is missing
    (so it is no MSEL at all)."""
    no_text = [[cell for i, cell in enumerate(row) if i != 5] for row in MSEL_ZH]
    msel = [*MSEL_ZH, ["ZH-04", "09:40", "花蓮縣消防局", "秀林鄉公所", "手機", "請回報。", "", ""]]
    return [_book(tmp_path / "roster.xlsx", {"Agencies": ROSTER, "Contacts": CONTACTS}),
            _book(tmp_path / "msel.xlsx", {"MSEL": msel}),
            _book(tmp_path / "notes.xlsx", {"MSEL": no_text})]


def _import(capsys: pytest.CaptureFixture[str], lang: str, files: list[Path], *extra: str) -> str:
    out = files[0].parent / "out.yaml"
    code = main(["--lang", lang, "import", *map(str, files), "-o", str(out), "--force", *extra])
    captured = capsys.readouterr()
    assert code == 2 and not out.exists()
    return captured.out + captured.err


def test_the_import_problems_read_as_chinese(sheets: list[Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    text = _import(capsys, "zh-TW", sheets, "--start", "07:58")
    assert "「Mass Care Service」不是 HSEEP 核心能力" in text
    assert "您是不是要寫「大規模照護服務」？" in text
    assert "第 4 列、第 G 欄（核心能力）" in text
    assert "已略過：這張表既沒有單位名稱欄" in text
    assert "「秀林鄉公所」不是本想定包中的單位——請填入下列其中之一的代號、名稱或簡稱：" \
           "「county-eoc」、「fire」" in text
    assert english_left(text, NAMES) == []


def test_clock_times_without_a_start_read_as_chinese(sheets: list[Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    text = _import(capsys, "zh-TW", sheets)
    assert "（第 2 列的 08:10、第 3 列的 08:45、第 4 列的 09:30⋯⋯）" in text
    assert english_left(text, NAMES) == []


def test_english_is_unchanged(sheets: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    text = _import(capsys, "en", sheets, "--start", "07:58")
    assert "notes.xlsx, sheet 'MSEL': warning: skipped: this table has neither agency names nor " \
           "from/to columns (an agency list needs a Name column; a contact plan needs From and " \
           "To)\n" in text
    assert "msel.xlsx, sheet 'MSEL', row 4, column G (核心能力): error: 'Mass Care Service' is " \
           "not an HSEEP core capability (did you mean 'Mass Care Services' (大規模照護服務)?)\n" \
           in text
    assert "row 5, column D (接收單位): error: '秀林鄉公所' is not an agency of this pack (use the " \
           "id, name or short name of one of: county-eoc, fire, relief-zone, telecom, " \
           "xiulin-eoc; or add it to the pack)\n" in text
    text = _import(capsys, "en", sheets)
    assert "error: the times look like clock times (08:10 in row 2, 08:45 in row 3, 09:30 in " \
           "row 4, …), and no start was given, so they could be read two ways (give the clock " \
           "time T+00:00 stands for (--start HH:MM, e.g. --start 07:58), or --elapsed to read " \
           "07:58 as 7 hours 58 minutes after the start)\n" in text


def test_a_file_that_is_no_spreadsheet_is_refused_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An old Excel 97-2003 workbook: what it is and how to save it, in the reader's language."""
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))
    main(["--lang", "zh-TW", "import", str(old), "-o", str(tmp_path / "out.yaml")])
    text = "".join(capsys.readouterr())
    assert "這是舊版 Excel 97-2003（.xls）活頁簿" in text
    assert english_left(text, NAMES) == []
    main(["import", str(old), "-o", str(tmp_path / "out.yaml")])
    assert "old.xls: error: this is an old Excel 97-2003 (.xls) workbook (in Excel choose File > " \
           "Save As > Excel Workbook (.xlsx) or CSV UTF-8)\n" in "".join(capsys.readouterr())

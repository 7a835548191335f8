"""Import page, whole pack (AppTest): sheets whose merged pack breaks a rule no single row shows
(the year typed into the Day column, so a module would start more than a year after T+00:00)
are refused with the place in the merged pack, what is wrong and what to do, in the page's
language and as plain text; pydantic's English never reaches the page and nothing can be
saved. The command line's side: tests/authoring/test_import_refused_pack.py."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.authoring.test_import_refused_pack import (
    PYDANTIC,
    TODO_EN,
    TODO_ZH,
    WHAT_EN,
    WHAT_ZH,
    WHERE_EN,
    WHERE_ZH,
    planner_files,
)
from tests.ui.test_import_whole_pack_page import PAGE, SAVE, _text, _upload
from tests.ui.test_widgets import rendered
from tests.words_check import english_left


def _refused_page(tmp_path: Path, lang: str, title: str, place: str) -> AppTest:
    at = AppTest.from_string(PAGE, default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    at.radio(key="import.kind").set_value("pack").run()
    at.text_input(key="import.pack.title").input(title)
    at.text_input(key="import.pack.place").input(place)
    at.text_input(key="import.pack.start").input("07:58").run()
    _upload(at, {path.name: path.read_bytes() for path in planner_files(tmp_path)})
    assert not [b for b in at.button if b.label in (SAVE, "存入想定庫")]  # nothing to save
    return at


def test_the_refusal_names_the_place_in_the_merged_pack(data_dir: Path, tmp_path: Path) -> None:
    at = _refused_page(tmp_path, "en", "Hualien earthquake", "Hualien")
    [error] = [rendered(e.value) for e in at.error]
    assert error.startswith("Nothing was imported: the pack made from the sheets has 1 problem(s) "
                            "that no single row shows."), error
    assert WHERE_EN in error and WHAT_EN in error and TODO_EN in error, error
    assert not any(words in _text(at) for words in PYDANTIC), _text(at)


def test_the_refusal_reads_in_chinese(data_dir: Path, tmp_path: Path) -> None:
    at = _refused_page(tmp_path, "zh-TW", "花蓮地震", "花蓮縣")
    [error] = [rendered(e.value) for e in at.error]
    assert error.startswith("未匯入任何內容：由試算表合併成的想定包有 1 個問題，是逐列檢查時看不出來的。")
    assert WHERE_ZH in error and WHAT_ZH in error and TODO_ZH in error, error
    text = _text(at)
    assert not any(words in text for words in PYDANTIC), text
    assert english_left(error) == [], error

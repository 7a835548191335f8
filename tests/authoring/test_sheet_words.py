"""The spreadsheet importer's sentences come from the catalogue by code: every code the importer
names has its sentence (a typo would show the reader `sheet.<code>`), and a problem made in
Chinese is the same problem as the English one, only in other words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exercise.i18n import catalogue, translator
from exercise.scenario.spreadsheets import words
from exercise.scenario.spreadsheets.msel_values import CellError, NameIndex
from tests.words_check import english_left

SOURCES = sorted((Path(words.__file__).parent).glob("*.py"))
NAMED = re.compile(r'(?:said|_said|coded)\(\s*(?:\w+,\s*)?"([a-z_+]+)"')
SUGGESTIONS = ("close_written", "close_id", "none_yet", "one_of")


def _codes() -> set[str]:
    found = {code for path in SOURCES for code in NAMED.findall(path.read_text(encoding="utf-8"))}
    # codes made at run time: what is empty, what an unknown name suggests, how many rows
    found |= {"empty_sender", "empty_recipient", "empty_agency", "empty_area",
              "area_missing+areas_from_roster", "area_missing_many+areas_from_roster"}
    found |= {f"{what}+{hint}" for what in ("not_in_pack", "neither_system_nor_agency")
              for hint in SUGGESTIONS}
    return found


def test_every_code_the_importer_names_has_its_sentence() -> None:
    codes = _codes()
    assert len(codes) > 40  # the pattern still finds the importer's codes
    english = catalogue("en")
    for code in codes:
        what, _, hint = code.partition("+")
        assert f"sheet.{what}" in english, code
        if hint:
            assert f"sheet.{hint}.hint" in english, code


@pytest.mark.parametrize("text", ["Phon", "smoke signal"])
def test_an_unknown_name_reads_as_chinese(text: str) -> None:
    index = NameIndex("channel", [("phone", ("Phone",)), ("radio-net", ("Radio",))])
    with pytest.raises(CellError) as caught:
        index.match(text)
    error = caught.value
    assert error.message == f"{text!r} is not a channel of this pack"
    what, todo = words.sentence(error.code, error.values, translator("zh-TW"))
    assert what == f"「{text}」不是本想定包中的通訊管道"
    assert english_left(what + todo) == []

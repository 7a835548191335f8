"""A new pack's answers that cannot make a pack are refused in the reader's language: the
command line (`exercise import --lang zh-TW`) and the pages take the catalogue's sentence."""

from __future__ import annotations

import pytest

from exercise.i18n import translator
from exercise.scenario.models import Hazard
from exercise.scenario.newpack import NewPack, NewPackError, new_pack, read_start
from tests.words_check import english_left


@pytest.mark.parametrize("answers, english", [
    (NewPack(title="Drill", hazard="hurricane", place="Hualien"), "'hurricane' is not a hazard"),
    (NewPack(title="Drill", hazard="flood", place="Hualien", languages=["fr"]),
     "'fr' is not a language of the app"),
    (NewPack(title="Drill", hazard="flood", place=" "), "the title and the place cannot be empty"),
])
def test_a_refused_answer_reads_in_each_language(answers: NewPack, english: str) -> None:
    with pytest.raises(NewPackError) as refused:
        new_pack(answers)
    assert str(refused.value).startswith(english)
    assert refused.value.words(translator("en")).startswith(english)
    chinese = refused.value.words(translator("zh-TW"))
    assert chinese != str(refused.value)
    codes = {hazard.value for hazard in Hazard}  # what to type, listed as they are typed
    assert english_left(chinese, allowed=codes | {"hurricane", "fr", "en", "zh-TW"}) == []


def test_a_start_that_is_not_a_time_says_how_to_write_it_in_chinese() -> None:
    with pytest.raises(NewPackError) as refused:
        read_start("yesterday")
    chinese = refused.value.words(translator("zh-TW"))
    assert "「yesterday」" in chinese and "06:00" in chinese

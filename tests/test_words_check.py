"""The English-left finder used by the zh-TW output tests must itself catch English."""

from hypothesis import given
from hypothesis import strategies as st

from tests.words_check import english_left


def test_a_translated_sentence_with_ids_times_and_acronyms_passes() -> None:
    assert english_left("EQ-01 已於第 1 天 09:00（T+03:00）發布給 EOC，「Bridge closed」") == []


def test_an_english_sentence_is_reported_word_by_word() -> None:
    assert english_left("花蓮縣 Mobile network down since 09:00") == ["Mobile", "network", "down", "since"]


def test_names_given_as_allowed_are_kept() -> None:
    assert english_left("Xiulin Grid 停電", allowed={"Xiulin", "Grid"}) == []


@given(st.text(alphabet="一二三四五六七八九十，。（）：0123456789 ", max_size=60))
def test_chinese_digits_and_punctuation_never_count_as_english(text: str) -> None:
    assert english_left(text) == []

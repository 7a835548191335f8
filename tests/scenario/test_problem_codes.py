"""Problems the reader meets before any field is checked (the file, its YAML, a missing or
empty section, an id a channel names) have a sentence code too (issue #15 item 3): the
catalogue makes the very English the domain wrote, and Chinese with no English left."""

from __future__ import annotations

import pytest

from exercise.i18n import translator
from exercise.scenario.loader import load_pack_text
from exercise.scenario.problem_words import problem_line, problem_sentence
from exercise.scenario.problems import Problem
from exercise.scenario.yamlbuilder import SourceError
from exercise.scenario.yamlsource import decode
from tests.cli.test_cli_zh import BROKEN
from tests.words_check import english_left

NAMES = {"broken", "pack", "Broken", "town", "Town", "eoc", "phone", "locall", "yaml", "EOC"}
BROKEN_OK = BROKEN.replace("level: locall", "level: county")


def _problems(text: str) -> list[Problem]:
    result = load_pack_text(text, file="p.yaml")
    return [*result.problems, *result.warnings]


def _refused(raw: bytes, limit: int = 10_000) -> list[Problem]:
    with pytest.raises(SourceError) as caught:
        decode(raw, "p.yaml", limit=limit)
    return caught.value.problems


CASES = {
    "not a mapping": (lambda: _problems("- a\n- b\n"), "not_a_mapping", "劇本包應為一組具名的值"),
    "a missing section": (lambda: _problems(BROKEN_OK.replace("channels:\n  - {id: phone, kind: landline}\n", "")),
                          "missing_section", "缺少「channels」區段"),
    "an empty section": (lambda: _problems(BROKEN_OK.replace("areas:\n  - {id: town, name: Town}", "areas: []")),
                         "section_too_short", "「areas」區段至少需要 1 筆"),
    "an unknown resource type, none declared": (
        lambda: _problems(BROKEN_OK.replace("kind: landline}", "kind: landline, terminals: radios}")),
        "ref_unknown_none", "不認得的資源類型代號「radios」——劇本包中還沒有任何項目"),
    "a key twice": (lambda: _problems(BROKEN_OK.replace("  id: broken-pack\n", "  id: broken-pack\n  id: again\n")),
                    "yaml_key_twice", "欄位名稱「id」在此處出現兩次——請只保留其中一個"),
    "an alias without anchor": (lambda: _problems(BROKEN_OK.replace("setting: somewhere", "setting: *nowhere")),
                                "yaml_alias", "別名 *nowhere 之前沒有對應的錨點 &nowhere"),
    "a tag": (lambda: _problems(BROKEN_OK.replace("setting: somewhere", "setting: !custom x")),
              "yaml_tag", "不允許使用標記 !custom——請移除這個標記"),
    "an empty text": (lambda: _problems(BROKEN_OK.replace("setting: somewhere", "setting: {en: '  '}")),
                      "own_text_empty_lang", "en 的文字是空的"),
    "an unknown language": (lambda: _problems(BROKEN_OK.replace("setting: somewhere", "setting: {fr: lieu}")),
                            "own_unknown_language", "不認得的語言「fr」；請使用 en、zh-TW 其中之一"),
    "a time that is not one": (lambda: _problems(BROKEN_OK.replace("start: T+00:00", "start: soon")),
                               "own_time_notation", "「soon」不是時間；請寫成 T+02:30"),
    "minutes past 59": (lambda: _problems(BROKEN_OK.replace("start: T+00:00", "start: T+00:75")),
                        "own_time_sixty", "「T+00:75」的分鐘數是 75"),
    "a control character": (lambda: _problems(BROKEN_OK.replace("somewhere", "some\x07where")),
                            "control_character", "檔案中含有控制字元 U+0007"),
    "a NUL character": (lambda: _problems(BROKEN_OK.replace("somewhere", "some\x00where")),
                        "nul_character", "檔案中含有 NUL 字元"),
    "a merge of a plain value": (lambda: _problems(BROKEN_OK.replace("  setting: somewhere\n", "  <<: plain\n")),
                                 "yaml_merge", "合併（<<）需要一組具名的值"),
    "a file too big": (lambda: _refused(b"x" * 20, limit=10), "too_big", "檔案大小為 20 位元組，上限為 10 位元組"),
    "not UTF-8": (lambda: _refused(b"metadata: \xff\n"), "not_utf8", "位元組 0xff 不是有效的 UTF-8"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_problem_has_a_sentence_in_both_languages(case: str) -> None:
    make, code, chinese_words = CASES[case]
    [problem] = [p for p in make() if p.extra.get("words") == code]
    assert problem_sentence(problem, translator("en")) == (problem.message, problem.hint)
    chinese = problem_line(problem, translator("zh-TW"))
    assert chinese_words in chinese, chinese
    allowed = NAMES | {"radios", "nowhere", "custom", "xff", "en", "zh", "TW"}
    assert english_left(chinese, allowed) == [], chinese

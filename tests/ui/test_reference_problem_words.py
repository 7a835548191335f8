"""Problems between parts of a pack (unknown ids, duplicates, circles: `scenario.references`)
in the reader's language (issue #16 item 14): a zh-TW page shows them in Chinese, and the
English sentence is the domain's own."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.i18n import catalogue, placeholders, translator
from exercise.scenario.loader import load_pack_text
from exercise.ui.problem_words import problem_line, problem_sentence
from tests.ui.conftest import EXAMPLE
from tests.ui.play_support import rendered

TEXT = EXAMPLE.read_text(encoding="utf-8")
BROKEN = {
    "unknown, close": ("{from: county-eoc, to: township-eoc,", "{from: county-eocc, to: township-eoc,"),
    "unknown": ("{from: county-eoc, to: fire-bureau,", "{from: nowhere-hq, to: fire-bureau,"),
    "to itself": ("{from: county-eoc, to: red-cross,", "{from: red-cross, to: red-cross,"),
    "channel twice": ("channels: [phone, radio], basis: sop", "channels: [phone, phone], basis: sop"),
    "sender channel": ("    from: upper-village\n    to: [township-eoc]\n    channel: sat-phone",
                       "    from: upper-village\n    to: [township-eoc]\n    channel: liaison"),
    "outside module": ("    module: M2\n    time: T+06:30", "    module: M1\n    time: T+06:30"),
    "inject circle": ("      - {after: I-07, delay: 30}", "      - {after: I-08, delay: 30}"),
}


def _problems(text: str):  # type: ignore[no-untyped-def]
    return [p for p in load_pack_text(text, file="pack.yaml").problems
            if p.extra.get("words", "").startswith("ref_")]


def test_every_reference_problem_has_both_languages_with_the_same_values() -> None:
    keys = [k for k in catalogue("en") if k.startswith(("problem.ref_", "problem.kind."))]
    assert len(keys) > 20
    for key in keys:
        assert key in catalogue("zh-TW"), key
        assert placeholders(catalogue("en")[key]) == placeholders(catalogue("zh-TW")[key]), key


def test_broken_references_read_in_chinese_and_english_is_the_domains_sentence() -> None:
    for name, (good, bad) in BROKEN.items():
        assert good in TEXT, name
        problems = _problems(TEXT.replace(good, bad, 1))
        assert problems, name
        for problem in problems:
            assert problem_sentence(problem, translator("en")) == (problem.message, problem.hint)
            chinese = " ".join(problem_sentence(problem, translator("zh-TW")))
            # what is left once the pack's own ids (the values the sentence quotes) are taken out
            ids = {word for value in problem.extra.values()
                   for word in re.findall(r"[\w-]+", str(value))}
            words = [w for w in re.findall(r"[A-Za-z][\w-]*", chinese) if w not in ids]
            assert not [w for w in words if re.fullmatch(r"[A-Za-z]{3,}", w)], chinese
            assert re.search(r"[\u4e00-\u9fff]", chinese), chinese
            assert problem_line(problem, translator("zh-TW")).count("錯誤") == 1


def test_an_upload_with_a_broken_reference_on_a_zh_tw_page_shows_chinese(
        app: AppTest, data_dir: Path) -> None:
    good, bad = BROKEN["unknown, close"]
    app.query_params["lang"] = "zh-TW"
    app.run()
    app.file_uploader(key="library.upload").upload(
        "broken.yaml", TEXT.replace(good, bad, 1).encode("utf-8"), "application/yaml")
    app.run()
    assert not app.exception, app.exception
    listed = rendered("\n".join(m.value for m in app.markdown))
    assert "broken.yaml:" in listed
    assert "不認得的機關代號「county-eocc」" in listed and "您是否要寫「county-eoc」" in listed
    assert "第 1 個聯繫的發送端：錯誤：" in listed  # the field in words, not links[0].from
    assert "unknown agency" not in listed and "did you mean" not in listed


def test_seats_in_the_room_read_in_chinese_too() -> None:
    lake = (EXAMPLE.parent / "barrier-lake-outburst.yaml").read_text(encoding="utf-8")
    for bad in ("seated_in: county-eocc", "seated_in: nowhere"):
        problems = [p for p in load_pack_text(lake.replace("seated_in: county-eoc", bad, 1),
                                              file="lake.yaml").problems
                    if p.path[-1:] == ("seated_in",)]
        assert problems, bad
        for problem in problems:
            assert problem_sentence(problem, translator("en")) == (problem.message, problem.hint)
            chinese = " ".join(problem_sentence(problem, translator("zh-TW")))
            assert "進駐" in chinese and "not an agency" not in chinese, chinese

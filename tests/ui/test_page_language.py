"""The page's language (issue #16): the printable handout and the facilitator's card say which
language they are in, and the script that sets `<html lang>` only ever writes a known code."""

from __future__ import annotations

from exercise.conduct.sessions import JoinCodes
from exercise.ui.page_language import lang_script
from exercise.ui.views.facilitator.links import (
    facilitator_card_html,
    facilitator_links,
    handout_html,
    join_links,
)


def _codes() -> JoinCodes:
    return JoinCodes(session_id="s1", facilitator="F-1", observer="O-1", debrief="D-1",
                     tables={"Township EOC": "T-1"}, evaluators={"Eva": "E-1"})


def test_the_handout_and_the_card_carry_the_readers_language() -> None:
    links = join_links(_codes(), "http://127.0.0.1:8501", "zh-TW")
    zh = handout_html("演練", links, {"agency": "桌"}, "加入", "掃描", lang="zh-TW")
    assert zh.startswith('<!doctype html><html lang="zh-TW">')
    en = handout_html("Run", links, {"agency": "Table"}, "Join", "Scan")
    assert en.startswith('<!doctype html><html lang="en">')
    card = facilitator_card_html("演練", facilitator_links("F-1", "http://h", "zh-TW"), {},
                                 "卡", "保存", lang="zh-TW")
    assert card.startswith('<!doctype html><html lang="zh-TW">')


def test_the_language_script_writes_only_a_known_code() -> None:
    assert lang_script("zh-TW").startswith('<script>document.documentElement.lang = "zh-TW";')
    assert '"en"' in lang_script('"; alert(1); "')
    assert "alert" not in lang_script('"; alert(1); "')

"""The timeline of play (the evaluator's page and the report) names decision options, channels
and resources as the pack names them in the reader's language, never by their ids; an id is
shown only when the pack no longer names it."""

from __future__ import annotations

import pytest

from exercise.report.timeline import channel_name, option_name, resource_name, timeline
from tests.report.conftest import Played
from tests.words_check import english_left, pack_names

SAID = {
    "en": ("I-02: Order evacuation now (slope is moving)", "→ Township EOC [Telephone]: Level 1 now",
           "→ Upper Village chief [Township radio]: "),
    "zh-TW": ("I-02：立即勸告撤離（slope is moving）", "→ 鄉應變中心［市話］：Level 1 now",
              "→ 上村村長［鄉無線電］："),
}


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_options_and_channels_by_their_names(played: Played, lang: str) -> None:
    texts = [entry.text for entry in timeline(played.source.state, lang)]
    decision, phoned, radioed = SAID[lang]
    assert decision in texts
    assert phoned in texts
    assert any(text.startswith(radioed) for text in texts)
    shown = "\n".join(texts)
    for raw in ("evacuate", "[phone]", "[radio]", "[mobile-phone]", "［phone］", "［radio］",
                "［mobile-phone］"):
        assert raw not in shown.replace("Order evacuation", ""), raw


def test_the_chinese_timeline_reads_as_chinese(played: Played) -> None:
    """What players typed stays as typed (the scripted session typed English); the rest is
    Chinese."""
    state = played.source.state
    typed = {m.text for m in state.messages.values()} | {"slope is moving"}
    text = "\n".join(entry.text for entry in timeline(state, "zh-TW"))
    for words in typed:
        text = text.replace(words, "")
    assert english_left(text, pack_names(state.pack)) == []


def test_an_id_the_pack_no_longer_names_is_shown_as_written(played: Played) -> None:
    pack = played.source.state.pack
    assert option_name(pack, "I-02", "evacuate", "zh-TW") == "立即勸告撤離"
    assert option_name(pack, "I-02", "gone", "zh-TW") == "gone"
    assert option_name(pack, "no-such-inject", "evacuate", "en") == "evacuate"
    assert channel_name(pack, "radio", "en") == "Township radio"
    assert channel_name(pack, "carrier-pigeon", "zh-TW") == "carrier-pigeon"
    assert resource_name(pack, "no-such-resource", "zh-TW") == "no-such-resource"
    named = next(r for r in pack.resource_types)
    assert resource_name(pack, named.id, "en") != named.id or not named.name

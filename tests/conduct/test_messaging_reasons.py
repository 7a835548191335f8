"""Why a message failed is made where it is read, in the reader's language, from what the
message keeps (channel, agencies, minute); the sentence kept in the log is only the fallback."""

from __future__ import annotations

from dataclasses import replace

from exercise.conduct import facilitation, play
from exercise.conduct.messaging import failure_reason
from exercise.conduct.scheduler import tick
from exercise.scenario.loader import load_pack
from tests.words_check import english_left, pack_names

from .conftest import EXAMPLE, Run, wall


def _failed_in_chinese(r: Run) -> Run:
    township = r.table("Township")
    facilitation.release_now(r.store, r.fac, "I-06", now=wall(5))  # power lost in the valley
    tick(r.store, r.sid, wall(200))  # the mobile sites' batteries run out 3 h later
    play.send_message(r.store, township, "township-eoc", "upper-village", "mobile-phone",
                      "還有人在嗎？", lang="zh-TW", now=wall(200))
    return r


def test_a_reason_kept_in_chinese_reads_in_english_for_an_english_reader(started: Run) -> None:
    state = _failed_in_chinese(started).state()
    [message] = [m for m in state.messages.values() if m.status == "failed"]
    assert message.failure.startswith("上游溪谷行動網路")  # what the log keeps
    english = failure_reason(state.world, message, "en")
    assert english.startswith("Mobile network down in Upper valley since Day 1 09:05 (T+03:05)")
    assert english.endswith("try Township radio or Satellite phone")
    chinese = failure_reason(state.world, message, "zh-TW")
    assert chinese.startswith("上游溪谷行動網路自第 1 天 09:05（T+03:05）起中斷")
    assert chinese.endswith("請改用鄉無線電或衛星電話")
    pack = load_pack(EXAMPLE).valid_pack
    assert english_left(chinese, pack_names(pack)) == []


def test_an_old_sentence_stays_readable_when_the_pack_no_longer_names_the_channel(started: Run) -> None:
    state = _failed_in_chinese(started).state()
    [message] = [m for m in state.messages.values() if m.status == "failed"]
    old = replace(message, channel="carrier-pigeon", failure="Carrier pigeon lost in the storm")
    assert failure_reason(state.world, old, "zh-TW") == "Carrier pigeon lost in the storm"
    assert failure_reason(state.world, replace(message, status="delivered"), "en") == ""

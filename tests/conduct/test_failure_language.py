"""A failed message explains itself in the sender's language, reasons and advice alike."""

from __future__ import annotations

from exercise.conduct import facilitation, play
from exercise.conduct.scheduler import tick

from .conftest import Run, wall


def test_a_failed_message_reads_in_traditional_chinese_for_a_chinese_desk(started: Run) -> None:
    r = started
    township = r.table("Township")
    facilitation.release_now(r.store, r.fac, "I-06", now=wall(5))  # power lost in the valley
    tick(r.store, r.sid, wall(200))  # batteries of the mobile sites run out 3 h later
    play.send_message(r.store, township, "township-eoc", "upper-village", "mobile-phone",
                      "還有人在嗎？", lang="zh-TW", now=wall(200))
    play.send_message(r.store, township, "township-eoc", "upper-village", "mobile-phone",
                      "Anyone there?", lang="en", now=wall(201))
    zh, en = [m for m in r.state().messages.values() if m.status == "failed"]
    assert zh.failure.startswith("上游溪谷行動網路自第 1 天 09:05（T+03:05）起中斷")
    assert zh.failure.endswith("請改用鄉無線電或衛星電話")
    assert en.failure.startswith("Mobile network down in Upper valley since Day 1 09:05 (T+03:05)")
    assert en.failure.endswith("try Township radio or Satellite phone")

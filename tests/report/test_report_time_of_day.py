"""The after-action report says scenario times as the day and the time of day, with T+ beside
them, in every format; a pack whose start cannot be read keeps T+ alone."""

from __future__ import annotations

import re

from exercise.conduct import facilitation
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import session_state
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import create_session
from exercise.report.build import build_report
from exercise.report.to_html import render_html
from exercise.report.to_markdown import render_markdown
from tests.conduct.conftest import EXAMPLE, T0, TABLES, wall

_START = re.compile(r"  scenario_start:\n    en: .*\n    zh-TW: .*\n")


def _played(start: str | None):  # type: ignore[no-untyped-def]
    text = EXAMPLE.read_text(encoding="utf-8")
    assert _START.search(text)
    text = _START.sub(f"  scenario_start: {start!r}\n" if start else "", text, count=1)
    store = MemoryEventStore(clock=lambda: T0)
    codes = create_session(store, text, tables=TABLES, now=T0)
    facilitation.start_clock(store, codes.facilitator, speed=10, now=wall(0))
    tick(store, codes.session_id, wall(12))  # I-01 falls due at T+00:10
    return session_state(store, codes.session_id)


def test_the_timeline_gives_day_and_time_of_day_in_both_languages_and_formats() -> None:
    state = _played("2026-09-14 18:00")
    en = build_report(state, "en", graphs=False)
    zh = build_report(state, "zh-TW", graphs=False)
    assert en.timeline[0].time == "Day 1 18:10 (T+00:10)"
    assert zh.timeline[0].time == "第 1 天 18:10（T+00:10）"
    assert "Day 1 18:10 (T+00:10)" in render_markdown(en)
    assert "第 1 天 18:10（T+00:10）" in render_html(zh)


def test_the_day_rolls_over_at_midnight_in_the_report() -> None:
    state = _played("Day 3 23:55")
    assert build_report(state, "en", graphs=False).timeline[0].time == "Day 4 00:05 (T+00:10)"


def test_a_pack_without_a_readable_start_keeps_t_plus_alone() -> None:
    for start in (None, "when the warning comes"):
        state = _played(start)
        assert build_report(state, "en", graphs=False).timeline[0].time == "T+00:10"

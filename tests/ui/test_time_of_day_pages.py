"""The time of day on the pages (AppTest): the console's clock, queue and feed, a desk's clock
and inbox, in both languages; and T+ alone for a pack whose start cannot be read."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.conduct import facilitation
from tests.ui.conftest import EXAMPLE
from tests.ui.play_support import new_session, open_page, poll_until, texts

CONSOLE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.facilitator.page import facilitator_page
facilitator_page()
"""
_START = re.compile(r"^  scenario_start:.*\n(?:    .*\n)*", re.M)


def _console(code: str, lang: str | None = None) -> AppTest:
    at = AppTest.from_string(CONSOLE, default_timeout=60)
    at.query_params["k"] = code
    if lang:
        at.query_params["lang"] = lang
    return at.run()


def _shown(at: AppTest) -> str:
    frames = "\n".join(df.value.to_string() for df in at.dataframe)
    return texts(at) + "\n" + frames


def test_the_console_gives_day_and_time_of_day_and_the_day_rolls_over(data_dir: Path) -> None:
    played = new_session(data_dir)  # the example starts at 06:00
    facilitation.jump_to_time(played.store, played.codes.facilitator, "T+18:30")
    at = _console(played.codes.facilitator)
    assert not at.exception, at.exception
    shown = _shown(at)
    assert "# Day 2 00:30 (T+18:30)" in shown  # the clock, past midnight
    assert "Day 1 06:10 (T+00:10)" in shown  # I-01 in the queue
    at = _console(played.codes.facilitator, "zh-TW")
    assert "# 第 2 天 00:30（T+18:30）" in _shown(at)


def test_a_desk_gives_day_and_time_of_day_on_its_clock_and_inbox(app: AppTest,
                                                                 data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.jump_to_time(played.store, played.codes.facilitator, "T+00:40")  # I-02 released
    open_page(app, "desk", played.table("Township EOC"), lang="zh-TW")
    assert not app.exception
    shown = texts(app)
    assert "第 1 天 06:40（T+00:40）" in shown  # the desk's clock
    assert "第 1 天 06:30（T+00:30）" in shown  # when I-02 arrived


def test_a_pack_without_a_readable_start_shows_t_plus_alone(data_dir: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert _START.search(text)
    played = new_session(data_dir, _START.sub("", text, count=1))
    at = _console(played.codes.facilitator)
    assert not at.exception, at.exception
    shown = _shown(at)
    assert "# T+00:00" in shown and "Day 1" not in shown


def test_the_facilitator_chooses_what_players_see_of_the_clock(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.jump_to_time(played.store, played.codes.facilitator, "T+00:40")
    console = _console(played.codes.facilitator)
    console.session_state["facilitator.panel"] = "clock"
    console.run()
    [players] = [r for r in console.radio if r.label == "Players see the time as"]
    assert players.value == "both"
    players.set_value("elapsed").run()
    assert not console.exception, console.exception
    assert "# Day 1 06:40 (T+00:40)" in _shown(console)  # the console always shows both
    open_page(app, "desk", played.table("Township EOC"))
    shown = texts(app)
    assert "T+00:40" in shown and "Day 1" not in shown  # the desk: T+ alone
    facilitation.set_player_clock(played.store, played.codes.facilitator, "time_of_day")
    poll_until(app, lambda page: "Day 1 06:40" in texts(page))  # the desk's next polls
    shown = texts(app)
    assert "Day 1 06:40" in shown and "T+00:40" not in shown  # the time of day alone

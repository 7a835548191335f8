"""A scenario minute in the words people use: `Day 2 20:30 (T+12:00)`, the day rolling over at
midnight, T+ alone when the start is unknown; and `scenario_start` as the format reads it."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from exercise.cli import main
from exercise.scenario.loader import load_pack_text
from exercise.scenario.time_of_day import (
    ClockStart,
    read_start,
    say_scenario_time,
    scenario_time,
    start_of,
)
from exercise.scenario.timecode import format_time, parse_time
from tests.scenario.packtext import MINIMAL

EN = "Day {day} {clock} ({elapsed})"
ZH = "第 {day} 天 {clock}（{elapsed}）"
SHOWN = re.compile(r"^Day (-?\d+) (\d\d):(\d\d) \((T[+-]\d+:\d\d)\)$")

starts = st.builds(ClockStart, day=st.integers(1, 5), minute=st.integers(0, 1439))
scenario_minutes = st.integers(-2 * 1440, 30 * 1440)


def test_the_words_people_use() -> None:
    start = ClockStart(1, 8 * 60 + 30)
    assert say_scenario_time(12 * 60, start, EN) == "Day 1 20:30 (T+12:00)"
    assert say_scenario_time(16 * 60, start, EN) == "Day 2 00:30 (T+16:00)"
    assert say_scenario_time(16 * 60, start, ZH) == "第 2 天 00:30（T+16:00）"
    assert say_scenario_time(16 * 60, None, EN) == "T+16:00"


@given(start=starts, minute=scenario_minutes)
def test_day_and_clock_add_up_to_the_start_plus_the_scenario_minute(start, minute) -> None:
    match = SHOWN.match(say_scenario_time(minute, start, EN))
    assert match, say_scenario_time(minute, start, EN)
    day, hour, of_hour, elapsed = int(match[1]), int(match[2]), int(match[3]), match[4]
    assert 0 <= hour < 24 and 0 <= of_hour < 60
    assert (day - 1) * 1440 + hour * 60 + of_hour == (start.day - 1) * 1440 + start.minute + minute
    assert parse_time(elapsed) == minute


@given(start=starts, minute=st.integers(0, 30 * 1440))
def test_a_day_of_scenario_time_later_is_the_next_day_at_the_same_clock(start, minute) -> None:
    now, later = scenario_time(minute, start), scenario_time(minute + 1440, start)
    assert later.day == (now.day or 0) + 1 and later.clock == now.clock


@given(start=starts, minute=st.integers(24 * 60, 30 * 1440))
def test_a_scenario_minute_past_24_hours_is_never_the_first_day(start, minute) -> None:
    assert (scenario_time(minute, start).day or 0) > start.day


@given(minute=scenario_minutes, known=st.sampled_from([EN, ZH]))
def test_an_unknown_start_shows_t_plus_alone(minute, known) -> None:
    assert say_scenario_time(minute, None, known) == format_time(minute)


def test_a_start_with_a_date_gives_the_date_of_each_day() -> None:
    start = read_start(["2026-09-14 06:00"])
    assert start == ClockStart(1, 360, date(2026, 9, 14))
    assert scenario_time(20 * 60, start).date == date(2026, 9, 15)
    assert say_scenario_time(20 * 60, start, "{date} {clock}") == "2026-09-15 02:00"


def test_the_documented_forms_and_old_free_text_are_read() -> None:
    assert start_of("2026-09-14 06:00") == ClockStart(1, 360, date(2026, 9, 14))
    assert start_of("Day 1 06:00") == ClockStart(1, 360)
    assert start_of({"en": "Day 2, 15:00 local time: warning", "zh-TW": "第2天15:00"}) == \
        ClockStart(2, 900)
    assert start_of({"zh-TW": "第1天（平日）下午1:30，地震發生"}) == ClockStart(1, 13 * 60 + 30)
    assert start_of("when the warning comes") is None and start_of(None) is None


def _with_start(value: str) -> str:
    return MINIMAL.replace("  duration: 60\n", f"  duration: 60\n  scenario_start: {value}\n", 1)


def test_validate_warns_where_the_start_cannot_be_read_and_says_how_to_write_it(tmp_path,
                                                                               capsys) -> None:
    assert "  duration: 60\n" in MINIMAL
    result = load_pack_text(_with_start('"when the warning comes"'))
    assert result.pack is not None and not result.errors
    (warning,) = [p for p in result.warnings if p.path == ("metadata", "scenario_start")]
    assert "T+ only" in warning.message and "2026-09-14 06:00" in warning.hint
    assert warning.line == _with_start("x").splitlines().index("  scenario_start: x") + 1
    path = tmp_path / "pack.yaml"
    path.write_text(_with_start('"when the warning comes"'), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert "scenario_start" in capsys.readouterr().out


def test_a_readable_start_gives_no_warning() -> None:
    for value in ('"2026-09-14 06:00"', '"Day 1 06:00"', "{en: 'Day 1, 06:00 local time', zh-TW: 第1天06:00}"):
        result = load_pack_text(_with_start(value))
        assert result.pack is not None
        assert not [p for p in result.warnings if "scenario_start" in p.path], value


def test_the_app_says_the_start_warning_in_chinese() -> None:
    from exercise.i18n import translator
    from exercise.ui.problem_words import problem_sentence

    result = load_pack_text(_with_start('"when the warning comes"'))
    (warning,) = [p for p in result.warnings if p.path == ("metadata", "scenario_start")]
    what, todo = problem_sentence(warning, translator("zh-TW"))
    assert "T+" in what and "時刻" in what and "2026-09-14 06:00" in todo
    assert problem_sentence(warning, translator("en")) == (warning.message, warning.hint)

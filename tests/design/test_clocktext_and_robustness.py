"""Reading clock times in free text (property-based), and the doctor on packs of any shape:
it never fails, and every finding it returns has words and a place."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_pack_data
from exercise.design.clocktext import (
    clock_times,
    daylight_phrases,
    future_times,
    read_start,
)
from exercise.design.codes import CODES
from exercise.design.doctor import diagnose, diagnose_loaded
from exercise.scenario.loader import load_pack_text, pack_from_data
from tests.scenario.packtext import MINIMAL

hours = st.integers(0, 23)
minutes = st.integers(0, 59)


@given(hours, minutes, st.sampled_from(["The briefing is at {}.", "會議於{}召開。", "({})", "{} 起"]))
def test_a_written_clock_time_is_read_as_its_minute_of_day(hour, minute, frame):
    text = frame.format(f"{hour:02d}:{minute:02d}")
    assert [m.minute for m in clock_times(text)] == [hour * 60 + minute]


@given(hours, minutes)
def test_scenario_times_are_not_clock_times(hour, minute):
    assert clock_times(f"from T+{hour:02d}:{minute:02d} on") == []
    assert clock_times(f"until T-{hour:02d}:{minute:02d}") == []


@given(st.integers(1, 12), minutes, st.sampled_from(["am", "pm", "a.m.", "p.m."]))
def test_am_and_pm_times_are_read(hour, minute, suffix):
    [found] = clock_times(f"Crest expected at {hour}:{minute:02d} {suffix} today")
    expected = hour % 12 + (12 if suffix.startswith("p") else 0)
    assert found.minute == expected * 60 + minute


@given(st.integers(1, 30), hours, minutes)
def test_a_start_with_a_day_and_a_time_of_day_is_read_in_either_language(day, hour, minute):
    clock = f"{hour:02d}:{minute:02d}"
    for text in (f"Day {day}, {clock} local time: the main shock", f"第{day}天（平日）{clock}，主震發生"):
        start = read_start([text])
        assert start is not None and (start.day, start.minute) == (day, hour * 60 + minute)
        assert start.at(24 * 60 + 30) == (day + 1 + (hour * 60 + minute + 30) // 1440,
                                          (hour * 60 + minute + 30) % 1440)


def test_a_calendar_start_keeps_its_date():
    start = read_start(["2026-08-14 06:00 local time"])
    assert start is not None and start.date == date(2026, 8, 14) and start.minute == 360
    assert read_start(["the morning after the storm"]) is None


def test_future_and_past_cues():
    assert [m.text for m in future_times("Helicopters can fly from 09:00.")] == ["09:00"]
    assert future_times("The generator arrived at 19:00 and runs now.") == []
    assert future_times("We sent the alert at 09:00.") == []
    assert future_times("Crest at 03:00 tomorrow.") == []
    assert [m.text for m in future_times("記者會預計14:00召開。")] == ["14:00"]
    assert future_times("本分署09:00已通報紅色警戒。") == []
    assert daylight_phrases("Leave before dark, please.") == ["before dark"]


def test_the_doctor_runs_on_the_smallest_pack():
    result = load_pack_text(MINIMAL)
    assert result.ok
    diagnosis = diagnose_loaded(result)
    assert all(f.finding.code in CODES and f.line for f in diagnosis.findings)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agencies=st.integers(3, 12), links=st.integers(0, 20), injects=st.integers(0, 40),
       seed=st.integers(0, 1000))
def test_the_doctor_never_fails_on_a_valid_pack(agencies, links, injects, seed):
    links = min(links, agencies * (agencies - 1) // 2)
    pack = pack_from_data(synthetic_pack_data(agencies, links, injects, seed))
    for lang in ("en", "zh-TW"):
        diagnosis = diagnose(pack, lang=lang)
        assert all(f.finding.code in CODES for f in diagnosis.findings)
        assert len(diagnosis.clocks) == len(pack.injects)
        assert sum(t.received for t in diagnosis.loads[0].tables) == sum(
            len(set(i.to) & {a.id for a in pack.agencies}) for i in pack.injects)

"""Scenario time notation: every accepted way of writing a time, and clear refusals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercise.scenario.timecode import MAX_MINUTES, TimeNotationError, format_time, parse_time


@pytest.mark.parametrize(
    ("written", "minutes"),
    [
        ("T+02:30", 150),
        ("T-48:00", -2880),
        ("T+00:00", 0),
        ("t+01:05", 65),
        ("T + 02:30", 150),
        ("T+1d 02:00", 1560),
        ("T-2d 00:30", -2910),
        ("D+1 H+3 M+45", 1665),
        ("D+1", 1440),
        ("H+3", 180),
        ("M+45", 45),
        ("H+3 M-15", 165),
        ("D-1 H+2", -1320),
        ("90", 90),
        ("-30", -30),
        ("+15", 15),
        (" 45 ", 45),
        ("02:30", 150),
        ("-01:00", -60),
        (90, 90),
        (-30, -30),
        (120.0, 120),
    ],
)
def test_accepted_notations(written, minutes):
    assert parse_time(written) == minutes


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("T+02:60", "minutes go from 00 to 59"),
        ("T+2:5", "write T+02:30, T-48:00, D+1 H+3 M+45 or plain minutes"),
        ("soon", "'soon' is not a time"),
        ("", "is not a time"),
        ("M+45 H+3", "is not a time"),
        ("1.5", "is not a time"),
        (1.5, "not a whole number of minutes"),
        (True, "True is not a time"),
        (None, "None is not a time"),
        ([1], "is not a time"),
        (MAX_MINUTES + 1, "more than a year from scenario start"),
        ("D+400", "more than a year from scenario start"),
        ("T+9999:00", "more than a year from scenario start"),
        ("9" * 5000, "more than a year from scenario start"),
        ("D+" + "9" * 5000, "more than a year from scenario start"),
    ],
)
def test_refused_notations_say_why(written, says):
    with pytest.raises(TimeNotationError, match=None) as caught:
        parse_time(written)
    assert says in str(caught.value)


@pytest.mark.parametrize(("minutes", "written"), [(150, "T+02:30"), (-2880, "T-48:00"),
                                                  (0, "T+00:00"), (-5, "T-00:05")])
def test_format_time(minutes, written):
    assert format_time(minutes) == written


@given(st.integers(min_value=-MAX_MINUTES, max_value=MAX_MINUTES))
def test_format_then_parse_is_identity(minutes):
    assert parse_time(format_time(minutes)) == minutes


@given(st.integers(min_value=0, max_value=365), st.integers(0, 23), st.integers(0, 59),
       st.sampled_from(["+", "-"]))
def test_every_notation_of_a_time_agrees(days, hours, minutes, sign):
    total = days * 1440 + hours * 60 + minutes
    expected = -total if sign == "-" else total
    if abs(expected) > MAX_MINUTES:
        return
    assert parse_time(f"T{sign}{days}d {hours:02d}:{minutes:02d}") == expected
    assert parse_time(f"D{sign}{days} H{sign}{hours} M{sign}{minutes}") == expected
    assert parse_time(f"{sign}{total}") == expected
    assert parse_time(format_time(expected)) == expected


@given(st.text(max_size=30))
def test_any_text_is_a_time_or_a_clear_refusal(text):
    try:
        minutes = parse_time(text)
    except TimeNotationError as exc:
        assert str(exc)
    else:
        assert isinstance(minutes, int) and abs(minutes) <= MAX_MINUTES

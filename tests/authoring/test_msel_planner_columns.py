"""MSEL columns planners add (Options, Effects, After, If not acknowledged by, Day) and times
that cannot be misread (issue 12, items 2-5)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exercise.scenario.loader import load_pack
from exercise.scenario.spreadsheets.msel import merge_msel, msel_changes, read_msel
from exercise.scenario.spreadsheets.tables import read_table

from .conftest import EXAMPLE, csv_bytes

HEAD = ["No.", "Time", "From", "To", "Message"]
_EXAMPLE_PACK = load_pack(EXAMPLE).pack


def _read(rows, pack, **options):
    return read_msel(read_table(csv_bytes(rows), "msel.csv"), pack, **options)


def test_clock_times_without_a_start_are_refused_once_with_what_to_do(pack) -> None:
    rows = [HEAD] + [[f"X{i}", f"0{7 + i % 2}:{10 + i}", "cwa", "county-eoc", "m"]
                     for i in range(6)]
    result = _read(rows, pack)
    assert len(result.errors) == 1 and not result.rows
    text = str(result.errors[0])
    assert "column B (Time)" in text and "07:10 in row 2" in text
    assert "--start HH:MM" in text and "--elapsed" in text
    elapsed = _read(rows, pack, elapsed=True)
    assert elapsed.injects[0].time == 7 * 60 + 10


def test_in_clock_mode_24_00_and_later_are_errors(pack) -> None:
    rows = [HEAD, ["X1", "08:10", "cwa", "county-eoc", "m"],
            ["X2", "31:58", "cwa", "county-eoc", "m"]]
    result = _read(rows, pack, start="07:58")
    [error] = result.errors
    assert error.row == 3 and "'31:58' is not a clock time" in error.message


def test_a_clock_going_back_names_its_rows_unless_a_day_column_says_so(pack) -> None:
    rows = [HEAD, ["X1", "23:10", "cwa", "county-eoc", "m"],
            ["X2", "23:40", "cwa", "county-eoc", "m"],
            ["X3", "00:10", "cwa", "county-eoc", "m"]]
    result = _read(rows, pack, start="23:00")
    [error] = [p for p in result.errors if "goes back" in p.message]
    assert "row 4 (00:10 after 23:40)" in error.message and "Day column" in error.hint
    with_days = [HEAD + ["Day"]] + [r + [d] for r, d in zip(rows[1:], [1, 1, 2], strict=True)]
    result = _read(with_days, pack, start="23:00")
    assert not result.errors
    assert [i.time for i in result.injects] == [10, 40, 70]


@settings(deadline=None, max_examples=40)
@given(st.lists(st.tuples(st.integers(0, 23), st.integers(0, 59)), min_size=1, max_size=8))
def test_clock_times_in_order_read_as_minutes_from_the_start(times) -> None:
    pack = _EXAMPLE_PACK
    times = sorted(times)
    rows = [HEAD] + [[f"X{i}", f"{h:02d}:{m:02d}", "cwa", "county-eoc", "m"]
                     for i, (h, m) in enumerate(times)]
    result = _read(rows, pack, start="00:00")
    assert not [p for p in result.problems if "goes back" in p.message]
    read = [r.inject.time for r in result.rows if r.inject is not None]
    assert read == [h * 60 + m for h, m in times][:len(read)]


def test_options_effects_and_conditions_come_from_their_columns(pack) -> None:
    rows = [HEAD + ["Options", "Effects", "After", "If not acknowledged by"],
            ["D1", "T+01:00", "cwa", "county-eoc", "Evacuate the valley?", "evacuate | wait",
             "", "", ""],
            ["P1", "T+01:30", "telecom", "county-eoc", "Grid down", "",
             "power down in nanhe; mobile degraded", "", ""],
            ["C1", "T+02:00", "cwa", "county-eoc", "Reminder", "", "", "D1 +30", "T+01:45"]]
    result = _read(rows, pack)
    assert not result.errors, [str(p) for p in result.errors]
    decision, outage, reminder = result.injects
    assert decision.type.value == "decision"
    assert [o.label for o in decision.options] == ["evacuate", "wait"]
    assert [(e.system, e.status.value) for e in outage.effects] == [
        ("power", "down"), ("mobile", "degraded")]
    assert [c.model_dump() for c in reminder.conditions] == [
        {"after": "D1", "delay": 30}, {"no_ack": "D1", "by": 105, "agency": None}]


def test_a_wrong_effect_and_an_unknown_capability_say_did_you_mean(pack) -> None:
    rows = [HEAD + ["Effects", "Core Capability"],
            ["P1", "T+01:30", "telecom", "county-eoc", "m", "powr down", ""]]
    [error] = _read(rows, pack).errors
    assert error.header == "Effects" and "did you mean 'power'" in error.hint


def test_merging_keeps_and_lists_injects_the_sheet_lacks(pack) -> None:
    rows = [HEAD, ["I-06", "T+03:05", "telecom", "county-eoc", "Power lost upstream."],
            ["NEW", "T+00:05", "cwa", "county-eoc", "New"]]
    result = _read(rows, pack)
    changes = msel_changes(pack, result)
    assert changes.added == ["NEW"] and changes.changed == ["I-06"]
    assert "I-01" in changes.kept and len(changes.kept) == len(pack.injects) - 1
    merged = merge_msel(pack, result)
    assert len(merged.injects) == len(pack.injects) + 1
    replaced = merge_msel(pack, result, replace=True)
    assert [i.id for i in replaced.injects] == ["I-06", "NEW"]
    assert msel_changes(pack, result, replace=True).removed == changes.kept


def test_a_capability_no_objective_covers_says_so_and_what_to_do(pack) -> None:
    rows = [HEAD + ["Core Capability"],
            ["X1", "T+00:10", "cwa", "county-eoc", "m", "罹難者處理服務"]]
    [error] = _read(rows, pack).errors
    assert "covers the core capability 'Fatality Management Services'" in \
        error.message and "exercise import" in error.hint
    bare = pack.model_copy(update={"objectives": []})
    rows[1][5] = "Objective 9"
    [error] = _read(rows, bare).errors
    assert "the pack has no objectives yet" in error.hint


_SYSTEMS = {"power": ("power", "電力"), "mobile": ("mobile network", "行動通訊")}
_AREAS = {"xiulin": ("Xiulin", "秀林"), "hualien-city": ("hualien-city", "花蓮市")}
_STATUS = {"down": ("down", "中斷"), "up": ("up", "恢復"), "degraded": ("degraded", "降級")}


@settings(deadline=None, max_examples=60)
@given(st.lists(st.tuples(st.sampled_from(sorted(_SYSTEMS)), st.sampled_from(sorted(_STATUS)),
                          st.one_of(st.none(), st.sampled_from(sorted(_AREAS))),
                          st.booleans()), min_size=1, max_size=5))
def test_effects_read_the_same_written_in_english_or_chinese(effects) -> None:
    from exercise.scenario.spreadsheets.msel_effects import read_effects
    from exercise.scenario.spreadsheets.msel_values import NameIndex

    systems = NameIndex("system", [(k, v) for k, v in _SYSTEMS.items()])
    areas = NameIndex("area", [(k, v) for k, v in _AREAS.items()])
    agencies = NameIndex("agency", [("county-eoc", ("County EOC",))])
    parts = []
    for system, status, area, chinese in effects:
        if chinese:
            words = ([_AREAS[area][1]] if area else []) + [_SYSTEMS[system][1],
                                                           _STATUS[status][1]]
            parts.append(" ".join(words))
        else:
            where = f" in {_AREAS[area][0]}" if area else ""
            parts.append(f"{_SYSTEMS[system][0]} {_STATUS[status][0]}{where}")
    read = read_effects("; ".join(parts), systems, areas, agencies)
    expected = [{"system": s, "status": st_, **({"area": a} if a else {})}
                for s, st_, a, _ in effects]
    assert read == expected


@given(st.lists(st.text("abcxyz 撤離等待", min_size=1, max_size=12).map(str.strip).filter(bool),
                min_size=2, max_size=5, unique=True))
def test_options_keep_their_labels_in_order_with_distinct_ids(labels) -> None:
    from exercise.scenario.spreadsheets.msel_effects import read_options

    options = read_options(" | ".join(labels))
    assert [o["label"] for o in options] == labels
    assert len({o["id"] for o in options}) == len(labels)

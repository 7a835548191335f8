"""MSEL spreadsheets in real-world shapes become the injects a planner meant."""

from __future__ import annotations

import datetime as dt

import pytest

from exercise.scenario.spreadsheets.columns import MappingError
from exercise.scenario.spreadsheets.msel import ImportRefused, merge_msel, read_msel
from exercise.scenario.spreadsheets.tables import read_table

from .conftest import csv_bytes, with_cached_value, xlsx

HSEEP = ["Inject #", "Date/Time Delivered", "Originator (From)", "Recipient (To)",
         "Delivery Method", "Inject Type", "Subject", "Event Description",
         "Expected Player Action", "Responsible Controller"]


def hseep_workbook(method: str = "Verbal") -> bytes:
    return xlsx([
        ["Typhoon TTX 2026 — Master Scenario Events List"],
        ["Exercise date: 14 August 2026", None, None, "Version 3"],
        HSEEP,
        [1, dt.time(8, 15), "CWA", "County EOC", method, "Informational",
         "Land typhoon warning", "Warning covers the county.", "Raise EOC level\nBrief the mayor",
         "Chen"],
        [None, None, None, None, None, None, None, None, None, None],
        [2, dt.time(8, 40), "county eoc", "Township EOC; Fire Bureau、red-cross",
         "Telephone", "Request", "Shelter report", "Report open shelter places.", None, "Lin"],
        [3, dt.time(11, 5), "Shanlin Township Emergency Operations Centre",
         "縣應變中心\nRelief support unit", "Township radio", "Media report",
         "Airlift?", "Ask for the helicopter?", None, None],
    ], merge=["A1:J1"])


def test_english_hseep_sheet_with_title_rows_blank_rows_and_time_cells(pack) -> None:
    table = read_table(hseep_workbook(), "msel.xlsx")
    result = read_msel(table, pack, start="07:58")
    assert result.mapping.header_row == 3
    assert [c.header for c in result.mapping.unused] == ["Responsible Controller"]
    assert not result.errors, [str(p) for p in result.errors]
    first, second, third = result.injects
    assert (first.id, first.time, first.from_, first.to) == ("1", 17, "cwa", ["county-eoc"])
    assert first.module == "M1" and first.type.value == "information"
    assert first.expected_actions == ["Raise EOC level", "Brief the mayor"]
    assert first.channel is None
    assert second.to == ["township-eoc", "fire-bureau", "red-cross"]
    assert (second.channel, second.type.value) == ("phone", "request")
    assert third.to == ["county-eoc", "relief-zone"]
    assert (third.module, third.time, third.channel) == ("M2", 187, "radio")
    assert third.type.value == "media"


def test_unknown_email_channel_is_a_located_error_with_guidance(pack) -> None:
    result = read_msel(read_table(hseep_workbook("Email"), "msel.xlsx"), pack, start="07:58")
    # the example pack has no e-mail channel: the row must say so, not silently drop it
    problems = [p for p in result.all_problems if p.row == 4]
    assert problems and "'Email' is not a channel" in str(problems[0])
    assert "row 4, column E (Delivery Method)" in str(problems[0])
    assert "verbal" in problems[0].hint


def test_chinese_headers_in_a_utf8_bom_csv(pack) -> None:
    rows = [["編號", "時間", "發送單位", "接收單位", "方式", "狀況內容", "預期行動", "備考"],
            ["A1", "T+00:20", "中央氣象署（模擬）", "縣應變中心、鄉應變中心", "市話",
             "陸上颱風警報發布", "提升開設層級", "無"],
            ["A2", "D+0 H+3 M+30", "鄉應變中心", "上村村長", "衛星電話", "請回報村內人數", "", ""]]
    result = read_msel(read_table(b"\xef\xbb\xbf" + csv_bytes(rows), "msel.csv"), pack)
    assert not result.errors, [str(p) for p in result.errors]
    a1, a2 = result.injects
    assert (a1.from_, a1.to, a1.channel) == ("cwa", ["county-eoc", "township-eoc"], "phone")
    assert a1.title == "陸上颱風警報發布" and a1.expected_actions == ["提升開設層級"]
    assert (a2.time, a2.module, a2.to, a2.channel) == (210, "M2", ["upper-village"], "sat-phone")


def test_big5_csv_from_chinese_excel_is_read_with_a_warning(pack) -> None:
    rows = [["編號", "時間", "發送單位", "接收單位", "狀況內容"],
            ["1", "00:30", "縣應變中心", "鄉應變中心", "請回報收容量能"]]
    table = read_table(csv_bytes(rows, "cp950"), "msel.csv")
    assert "Big5" in str(table.notes[0])
    result = read_msel(table, pack, elapsed=True)
    assert [i.message for i in result.injects] == ["請回報收容量能"]
    assert result.injects[0].time == 30


def test_a_file_in_another_encoding_is_refused_with_what_to_do() -> None:
    from exercise.scenario.spreadsheets.tables import SpreadsheetError

    with pytest.raises(SpreadsheetError) as caught:
        read_table("Time,From,To,Message\n10,Café,Bar,Crème brûlée\n".encode("latin-1"), "m.csv")
    assert "not UTF-8" in str(caught.value) and "CSV UTF-8" in str(caught.value)


def test_near_miss_agency_blocks_the_import_and_says_did_you_mean(pack) -> None:
    rows = [["No.", "Time", "From", "To", "Message"],
            ["1", "T+00:10", "cwa", "County EOCC", "Warning"],
            ["2", "T+00:20", "cwa", "Township EOC", "Warning"]]
    result = read_msel(read_table(csv_bytes(rows), "plan.csv"), pack)
    [error] = result.errors
    assert str(error).startswith("plan.csv, row 2, column D (To): error: 'County EOCC'")
    assert "did you mean 'County EOC' (county-eoc)?" in str(error)
    with pytest.raises(ImportRefused, match="nothing was imported"):
        merge_msel(pack, result)
    partial = merge_msel(pack, result, good_rows_only=True, replace=True)
    assert [i.id for i in partial.injects] == ["2"]
    kept = merge_msel(pack, result, good_rows_only=True)
    assert [i.id for i in kept.injects] == [i.id for i in pack.injects] + ["2"]
    assert [row.row for row in result.bad_rows] == [2]


def test_explicit_mapping_for_a_header_nobody_guessed(pack) -> None:
    rows = [["Seq", "Clock", "Sender", "Addressed to", "Text"],
            ["1", "08:15", "cwa", "county-eoc", "Warning"]]
    table = read_table(csv_bytes(rows), "m.csv")
    guessed = read_msel(table, pack, start="07:58")
    assert "no column for 'Scenario Time'" in str(guessed.problems[0])
    result = read_msel(table, pack, start="07:58",
                       overrides={"Clock": "time", "Addressed to": "to", "E": "message"})
    assert not result.errors, [str(p) for p in result.errors]
    assert (result.injects[0].time, result.injects[0].to) == (17, ["county-eoc"])
    with pytest.raises(MappingError, match="no column 'Recipient'"):
        read_msel(table, pack, overrides={"Recipient": "to"})
    with pytest.raises(MappingError, match="not a field"):
        read_msel(table, pack, overrides={"Clock": "when"})


def test_formula_cells_are_read_as_saved_values_never_evaluated(pack) -> None:
    data = xlsx([["No.", "Time", "From", "To", "Subject", "Message"],
                 ["1", "T+00:10", "cwa", "county-eoc", '=CONCATENATE("Land ","warning")',
                  "Warning issued"],
                 ["2", "T+00:20", "cwa", "county-eoc", "Second", '=WEBSERVICE("http://x")']])
    data = with_cached_value(data, 'CONCATENATE("Land ","warning")', "Land warning")
    result = read_msel(read_table(data, "m.xlsx"), pack)
    assert result.rows[0].inject.title == "Land warning"
    [error] = result.errors
    assert error.row == 3 and "formula =WEBSERVICE" in error.message
    assert "save it again" in error.hint


def test_section_title_rows_between_injects_are_skipped_with_a_note(pack) -> None:
    rows = [["No.", "Time", "From", "To", "Message"],
            ["Module 1: the approach", None, None, None, None],
            ["1", "T+00:10", "cwa", "county-eoc", "Warning"]]
    result = read_msel(read_table(xlsx(rows), "m.xlsx"), pack)
    assert [i.id for i in result.injects] == ["1"]
    assert "section title" in str(result.problems[0])


def test_rows_without_number_or_title_get_them_from_row_and_message(pack) -> None:
    rows = [["Time", "From", "To", "Message"],
            ["T+00:10", "cwa", "county-eoc", "The land typhoon warning now covers the county. "
             "Extremely heavy rain is expected in the mountains tonight."]]
    [inject] = read_msel(read_table(csv_bytes(rows), "m.csv"), pack).injects
    assert inject.id == "row-2"
    assert inject.title.startswith("The land typhoon warning") and len(inject.title) <= 81


def test_clock_times_need_a_start_and_datetimes_count_days(pack) -> None:
    rows = [["Time", "From", "To", "Message"],
            [dt.datetime(2026, 8, 14, 8, 15), "cwa", "county-eoc", "a"],
            [dt.datetime(2026, 8, 14, 13, 58), "cwa", "county-eoc", "b"]]
    table = read_table(xlsx(rows), "m.xlsx")
    without = read_msel(table, pack)
    assert "--start" in without.errors[0].hint
    with_start = read_msel(table, pack, start="2026-08-14 07:58")
    assert [i.time for i in with_start.injects] == [17, 360]


def test_duplicate_numbers_and_a_time_outside_every_module(pack) -> None:
    rows = [["No.", "Time", "From", "To", "Message"],
            ["7", "T+00:10", "cwa", "county-eoc", "a"],
            ["7", "T+00:20", "cwa", "county-eoc", "b"],
            ["8", "T+09:00", "cwa", "county-eoc", "c"]]
    result = read_msel(read_table(csv_bytes(rows), "m.csv"), pack)
    messages = {p.row: p.message for p in result.errors}
    assert "also used in row 2" in messages[3]
    assert "no module of the pack covers this time" in messages[4]


def test_pack_rules_are_reported_on_the_row(pack) -> None:
    rows = [["No.", "Time", "From", "To", "Method", "Message"],
            ["1", "T+00:10", "red-cross", "county-eoc", "Township radio", "a"]]
    result = read_msel(read_table(csv_bytes(rows), "m.csv"), pack)
    [error] = result.errors
    assert (error.row, error.header) == (2, "Method")
    assert "'red-cross' has no 'radio' channel" in error.message


def test_updating_an_existing_inject_keeps_what_the_sheet_cannot_carry(pack) -> None:
    rows = [["No.", "Time", "From", "To", "Message"],
            ["I-06", "T+03:05", "telecom", "county-eoc", "Power lost upstream."]]
    result = read_msel(read_table(csv_bytes(rows), "m.csv"), pack)
    new_pack = merge_msel(pack, result)
    assert [i.id for i in new_pack.injects] == [i.id for i in pack.injects]
    inject = new_pack.inject("I-06")
    assert inject.time == 185 and inject.message == "Power lost upstream."
    assert inject.effects == pack.inject("I-06").effects
    assert inject.title == pack.inject("I-06").title

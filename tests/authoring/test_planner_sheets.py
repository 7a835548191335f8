"""Acceptance (issue 12): sheets written the way planners write them become a pack that
validates and that `exercise drill` plays to a report, with no YAML written by hand.

The sheets are generated here with openpyxl (no binaries in the repository). Their content is
written for these tests from the shared domain notes on Taiwanese disaster management: a
Hualien earthquake morning, county and township EOCs, the fire bureau's cell broadcast, the
telecom operator's base stations on battery, and a liaison to the relief-zone unit."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from exercise.cli import main
from exercise.scenario.loader import load_pack


def _book(path: Path, sheets: dict[str, list[list[object]]], title: str | None = None) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        if title:  # a merged title row above the table, as planners add
            sheet.append([title])
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


ROSTER = [["ID", "Agency", "name_zh", "Level", "Sector", "Area", "Channels"],
          ["county-eoc", "Hualien County EOC", "花蓮縣災害應變中心", "county",
           "emergency management", "Hualien City", "EMIC"],
          ["fire", "County Fire Bureau", "花蓮縣消防局", "county", "fire", "Hualien City",
           "細胞廣播、警報器"],
          ["xiulin-eoc", "Xiulin Township EOC", "秀林鄉災害應變中心", "township",
           "emergency management", "Xiulin", "in person"],
          ["telecom", "Telecom operator", "電信業者", "company", "telecommunications",
           "Hualien City", ""],
          ["relief-zone", "Relief-zone unit", "災害防救區域支援單位", "military", "support",
           "Hualien City", ""]]
CONTACTS = [["From", "To", "Channels (priority order)"],
            ["county-eoc", "xiulin-eoc", "phone; 手機"],
            ["county-eoc", "fire", "電話; 無線電"],
            ["county-eoc", "telecom", "Phone; email"],
            ["county-eoc", "relief-zone", "liaison"],
            ["fire", "xiulin-eoc", "radio; 傳真; sat phone"],
            ["telecom", "relief-zone", "phone"]]
MSEL_EN = [["Inject #", "Scenario Time", "Originator", "Recipient", "Delivery Method", "Event",
            "Inject Description", "Expected Player Action", "Core Capability", "Expected Contacts",
            "Options", "Effects"],
           ["EQ-01", "T+00:05", "CWA forecaster", "Hualien County EOC", "email", "M7.2 report",
            "Intensity 6 upper in Hualien City.", "Open the EOC at level 1",
            "Situational Assessment", "county-eoc -> xiulin-eoc", "", ""],
           ["EQ-02", "T+00:15", "CWA forecaster", "County Fire Bureau", "email", "Aftershock risk",
            "Strong aftershocks likely for days.", "Warn the public by cell broadcast",
            "Public Information and Warning", "fire -> county-eoc", "", ""],
           ["EQ-03", "T+00:20", "Telecom operator", "Hualien County EOC", "Phone", "Xiulin cut off",
            "Mobile sites and phone lines in Xiulin are down.", "Reach Xiulin another way",
            "Operational Communications", "county-eoc -> xiulin-eoc", "",
            "mobile down in Xiulin; landline down in Xiulin"],
           ["EQ-04", "T+00:30", "Hualien County EOC", "Telecom operator", "Phone", "Restore sites",
            "Send a base-station truck to Xiulin.", "Dispatch the truck and report an ETA",
            "Infrastructure Systems", "telecom -> county-eoc", "", ""],
           ["EQ-05", "T+00:40", "County Fire Bureau", "Xiulin Township EOC", "radio", "Evacuate?",
            "Rockfall above a village: evacuate now or wait for the survey?",
            "Decide and tell the county", "Operational Coordination", "xiulin-eoc -> county-eoc",
            "evacuate | wait", ""],
           ["EQ-06", "T+00:50", "Hualien County EOC", "Relief-zone unit", "liaison", "Airlift",
            "Request a helicopter for the cut-off village.", "Confirm the airlift window",
            "Critical Transportation", "relief-zone -> county-eoc", "", ""],
           ["EQ-07", "T+01:00", "Xiulin Township EOC", "County Fire Bureau", "radio", "Trapped",
            "Two people trapped in a collapsed house.", "Send a rescue team",
            "Mass Search and Rescue Operations", "fire -> xiulin-eoc", "", ""],
           ["EQ-08", "T+01:10", "Telecom operator", "Relief-zone unit", "Phone", "Backhaul",
            "The microwave backhaul needs the relief zone's generator.", "Agree on fuel",
            "Infrastructure Systems", "relief-zone -> telecom", "", ""]]
MSEL_ZH = [["編號", "時間", "發送單位", "接收單位", "通訊方式", "狀況內容", "核心能力", "預期聯繫"],
           ["ZH-01", "08:10", "秀林鄉災害應變中心", "花蓮縣災害應變中心、花蓮縣消防局", "手機",
            "太魯閣聯外道路坍方，兩個村落對外中斷。", "作業協調", "xiulin-eoc -> county-eoc"],
           ["ZH-02", "08:45", "花蓮縣消防局", "秀林鄉災害應變中心", "細胞廣播",
            "發布疏散警訊。", "公共資訊與警報", ""],
           ["ZH-03", "09:30", "居民", "秀林鄉災害應變中心", "當面", "村民自行前往收容所。",
            "Mass Care Service", ""]]


def test_three_planner_files_become_a_pack_that_validates_and_drills(tmp_path: Path,
                                                                      capsys) -> None:
    roster = _book(tmp_path / "roster.xlsx", {"Agencies": ROSTER, "Contacts": CONTACTS},
                   title="Hualien earthquake TTX - participating agencies")
    msel_en = _book(tmp_path / "msel-en.xlsx", {"MSEL": MSEL_EN}, title="MSEL v3 (draft)")
    target = tmp_path / "quake.yaml"
    code = main(["import", str(roster), str(msel_en), "-o", str(target),
                 "--title", "Hualien earthquake", "--hazard", "earthquake", "--place", "Hualien"])
    out = capsys.readouterr().out
    assert code == 0, out
    pack = load_pack(target).pack
    assert pack is not None
    assert {a.id for a in pack.agencies} == {r[0] for r in ROSTER[1:]}  # no placeholder left
    assert {a.name for a in pack.areas} >= {"Hualien City", "Xiulin"}
    assert "created 1 actors: cwa-forecaster (CWA forecaster)" in out
    assert "Operational Communications" in out and "still to decide:" in out
    link = next(k for k in pack.links if k.to == "xiulin-eoc" and k.from_ == "fire")
    assert link.channels == ["radio", "fax", "satellite-phone"]
    assert "design check:" in out and "0 error(s), 0 warning(s)" in out  # advice only
    decision = pack.inject("EQ-05")
    assert [o.label for o in decision.options] == ["evacuate", "wait"]
    assert [(e.system, e.area) for e in pack.inject("EQ-03").effects] == [
        ("mobile", "xiulin"), ("landline", "xiulin")]
    report = tmp_path / "report"
    assert main(["drill", str(target), "--data-dir", str(tmp_path / "data"), "-o", str(report),
                 "--decide", "last"]) == 0
    out = capsys.readouterr().out
    assert "xiulin-eoc chose 'wait' for EQ-05" in out
    [markdown] = report.glob("*-after-action-report-en.md")
    text = markdown.read_text(encoding="utf-8")
    assert "Communications Annex" in text and "Operational Communications" in text


def test_a_chinese_msel_with_clock_times_needs_a_start_then_imports(tmp_path: Path,
                                                                     capsys) -> None:
    roster = _book(tmp_path / "roster.xlsx", {"Agencies": ROSTER, "Contacts": CONTACTS})
    msel = _book(tmp_path / "msel-zh.xlsx", {"狀況清單": MSEL_ZH})
    target = tmp_path / "zh.yaml"
    assert main(["import", str(roster), str(msel), "-o", str(target)]) == 2
    out = capsys.readouterr().out
    assert "look like clock times (08:10 in row 2" in out and "--start HH:MM" in out
    assert not target.exists()
    assert main(["import", str(roster), str(msel), "-o", str(target), "--start", "08:00"]) == 2
    out = capsys.readouterr().out
    # the planner's typo: one problem, with the capability it most likely means
    assert "'Mass Care Service'" in out and "Mass Care Services" in out
    fixed = [row[:] for row in MSEL_ZH]
    fixed[3][6] = "大規模照護服務"
    msel = _book(tmp_path / "msel-zh.xlsx", {"狀況清單": fixed})
    assert main(["import", str(roster), str(msel), "-o", str(target), "--start", "08:00"]) == 0
    pack = load_pack(target).pack
    assert [(i.id, i.time) for i in pack.injects] == [("ZH-01", 10), ("ZH-02", 45), ("ZH-03", 90)]
    assert pack.inject("ZH-01").to == ["county-eoc", "fire"]
    assert pack.inject("ZH-02").channel == "cell-broadcast"
    assert [a.id for a in pack.actors] == ["actor"] and pack.actors[0].name == "居民"
    assert main(["drill", str(target), "--data-dir", str(tmp_path / "data"), "-o",
                 str(tmp_path / "report"), "--lang", "zh-TW"]) == 0
    assert list((tmp_path / "report").glob("*-after-action-report-zh-TW.html"))


def test_every_unknown_channel_in_a_contact_cell_is_named(tmp_path: Path, capsys) -> None:
    contacts = [CONTACTS[0], ["county-eoc", "xiulin-eoc", "phone; pigeon; smoke signal"]]
    roster = _book(tmp_path / "roster.xlsx", {"Agencies": ROSTER, "Contacts": contacts})
    msel = _book(tmp_path / "m.xlsx", {"MSEL": MSEL_EN[:2]})  # noqa: F841
    assert main(["import", str(roster), str(msel), "-o", str(tmp_path / "x.yaml")]) == 2
    out = capsys.readouterr().out
    assert "'pigeon' is not a channel" in out and "'smoke signal' is not a channel" in out


def _assembled(msel_rows: list[list[object]], **options):  # noqa: ANN202
    from exercise.scenario.newpack import NewPack, new_pack
    from exercise.scenario.spreadsheets.assemble import assemble
    from exercise.scenario.spreadsheets.tables import read_table

    from .conftest import csv_bytes

    tables = [read_table(csv_bytes(ROSTER), "roster.csv"),
              read_table(csv_bytes(CONTACTS), "contacts.csv"),
              read_table(csv_bytes(msel_rows), "msel.csv")]
    base = new_pack(NewPack(title="Two days", hazard="typhoon", place="Hualien"))
    return assemble(tables, base, fresh=True, **options)


def test_modules_come_from_a_phase_column_or_from_the_days() -> None:
    head = ["No.", "Time", "From", "To", "Message"]
    days = [head, ["1", "T+02:00", "county-eoc", "fire", "a"],
            ["2", "D+1 H+3", "county-eoc", "fire", "b"], ["3", "T+30:00", "fire", "county-eoc", "c"]]
    built = _assembled(days)
    assert built.pack is not None, [str(p) for p in built.problems]
    assert [(m.title, m.start) for m in built.pack.modules] == [("Day 1", 0), ("Day 2", 1440)]
    assert [i.module for i in built.pack.injects] == ["day-1", "day-2", "day-2"]
    phases = [head + ["Phase"], ["1", "T+00:10", "county-eoc", "fire", "a", "Warning"],
              ["2", "T+01:00", "county-eoc", "fire", "b", "Impact"],
              ["3", "T+01:30", "fire", "county-eoc", "c", "Impact"]]
    built = _assembled(phases)
    assert [(m.title, m.start) for m in built.pack.modules] == [("Warning", 0), ("Impact", 60)]
    assert "modules" in built.created and built.pack.inject("3").module == "impact"


def test_importing_into_an_older_pack_adds_the_standard_channels_the_sheets_name() -> None:
    from exercise.scenario.loader import load_pack as load
    from exercise.scenario.spreadsheets.assemble import assemble
    from exercise.scenario.spreadsheets.tables import read_table

    from .conftest import EXAMPLE, csv_bytes

    older = load(EXAMPLE).pack
    assert "fax" not in {c.kind.value for c in older.channels}
    rows = [["No.", "Time", "From", "To", "Method", "Message"],
            ["N-1", "T+00:10", "cwa", "county-eoc", "傳真", "Forecast by fax"]]
    built = assemble([read_table(csv_bytes(rows), "msel.csv")], older, fresh=False)
    assert built.created["channels"] == ["fax"] and built.pack is not None
    assert built.pack.inject("N-1").channel == "fax"
    assert built.pack.channel("fax").depends_on == ["landline"]


def test_import_roster_without_a_pack_makes_one_from_the_roster(tmp_path: Path, capsys) -> None:
    roster = _book(tmp_path / "roster.xlsx", {"Agencies": ROSTER, "Contacts": CONTACTS})
    target = tmp_path / "from-roster.yaml"
    assert main(["import-roster", str(roster), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "created 2 areas: hualien-city (Hualien City), xiulin (Xiulin)" in out
    pack = load_pack(target).pack
    assert len(pack.agencies) == len(ROSTER) - 1 and len(pack.links) == len(CONTACTS) - 1

"""Agency lists and contact plans from spreadsheets, including the EMON node/edge files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercise.scenario.models import ScenarioPack
from exercise.scenario.spreadsheets.msel import ImportRefused
from exercise.scenario.spreadsheets.roster import merge_roster, read_roster
from exercise.scenario.spreadsheets.roster_export import roster_tables
from exercise.scenario.spreadsheets.tables import read_table, read_tables
from exercise.scenario.spreadsheets.write import write_csv, write_xlsx

from .conftest import csv_bytes, xlsx

EMON = Path("/work/shared/data/emon")


def test_chinese_contact_list_with_names_and_priority_channels(pack) -> None:
    agencies = [["單位名稱", "簡稱", "層級", "領域", "地區"],
                ["山林鄉消防分隊", "消防分隊", "鄉", "消防", "山林鄉"],
                ["下村村長", None, "村", "村里", "上游溪谷"]]
    links = [["發送單位", "接收單位", "通訊方式", "依據"],
             ["鄉應變中心", "消防分隊", "鄉無線電; 市話", "作業程序"],
             ["下村村長", "鄉應變中心", "衛星電話", "非正式"]]
    tables = [read_table(csv_bytes(agencies), "單位.csv"), read_table(csv_bytes(links), "聯絡.csv")]
    result = read_roster(tables, pack)
    assert not result.errors, [str(p) for p in result.errors]
    new = merge_roster(pack, result)
    added = new.agencies[len(pack.agencies):]
    assert [(a.level.value, a.area) for a in added] == [("local", "shanlin"),
                                                        ("community", "upper-valley")]
    first, second = new.links[len(pack.links):]
    assert (first.from_, first.channels, first.basis.value) == (
        "township-eoc", ["radio", "phone"], "sop")
    assert second.from_ == added[1].id and second.basis.value == "informal"


def test_unknown_agency_in_a_link_names_sheet_row_and_column(pack) -> None:
    data = xlsx([["From", "To", "Channels"], ["County EOC", "Fire Bureu", "phone"]],
                sheet="Contact plan")
    result = read_roster(read_tables(data, "plan.xlsx"), pack)
    [error] = result.errors
    assert str(error).startswith("plan.xlsx, sheet 'Contact plan', row 2, column B (To)")
    assert "did you mean 'Fire Bureau' (fire-bureau)?" in error.hint
    with pytest.raises(ImportRefused):
        merge_roster(pack, result)


@pytest.mark.skipif(not EMON.exists(), reason="the shared EMON data is not on this machine")
def test_emon_node_and_edge_files_become_agencies_and_links(pack) -> None:
    tables = [read_table((EMON / name).read_bytes(), name)
              for name in ("Wichita.nodes.csv", "Wichita.edges.csv")]
    result = read_roster(tables, pack, default_channels=["radio", "phone"])
    assert not result.errors, [str(p) for p in result.errors]
    new = merge_roster(pack, result)
    police = new.agency("wichita-falls-police-department")
    assert police.name == "Wichita Falls Police Department" and police.level.value == "local"
    fire = "wichita-falls-fire-department"
    link = next(x for x in new.links if {x.from_, x.to} == {fire, police.id})
    assert link.channels == ["radio", "phone"] and link.note.startswith("reported contact:")
    edges = (EMON / "Wichita.edges.csv").read_text().splitlines()[1:]
    pairs = {frozenset(line.split(",")[:2]) for line in edges}
    assert len(new.links) - len(pack.links) == len(pairs)
    directed = {tuple(line.split(",")[:2]) for line in edges}
    one_way = {p for p in directed if (p[1], p[0]) not in directed}
    added = new.links[len(pack.links):]
    assert one_way and sum(x.direction.value == "one_way" for x in added) == len(one_way)


BASE_ALPHABET = st.sampled_from(list("abcXYZ09 ,;、-'颱風()"))
TEXT = st.text(BASE_ALPHABET, min_size=1, max_size=20).map(str.strip).filter(bool)
LOCAL = st.one_of(TEXT, st.fixed_dictionaries({"en": TEXT, "zh-TW": TEXT}))


@settings(max_examples=20, deadline=None)
@given(data=st.data(), fmt=st.sampled_from(["csv", "xlsx"]))
def test_roster_round_trip(pack, data, fmt) -> None:
    dumped = pack.model_dump(by_alias=True)
    channel_ids = [c.id for c in pack.channels]
    for agency in dumped["agencies"]:
        agency["name"] = data.draw(LOCAL)
        agency["short_name"] = data.draw(st.none() | LOCAL)
        agency["sector"] = data.draw(LOCAL)  # old packs: one string; now also one per language
        agency["description"] = data.draw(st.none() | LOCAL)
        agency["channels"] = data.draw(st.lists(st.sampled_from(channel_ids), unique=True,
                                                max_size=2))
    for link in dumped["links"]:
        link["channels"] = data.draw(st.lists(st.sampled_from(channel_ids), unique=True,
                                              min_size=1, max_size=3))
        link["note"] = data.draw(st.none() | LOCAL)
    mutated = ScenarioPack.model_validate(dumped)
    sheets = roster_tables(mutated)
    if fmt == "xlsx":
        tables = read_tables(write_xlsx(sheets), "roster.xlsx")
    else:
        tables = [read_table(write_csv(h, rows), f"{name}.csv") for name, h, rows in sheets]
    result = read_roster(tables, mutated)
    assert not result.errors, [str(p) for p in result.errors]
    back = merge_roster(mutated, result)
    assert (back.agencies, back.links) == (mutated.agencies, mutated.links)


def test_reported_contacts_keep_their_direction_and_both_frequencies(pack) -> None:
    """EMON-style edges: a contact only one agency reported stays one-way; a pair both
    reported is one two-way link whose note keeps each direction's frequency; R's dots in
    names become spaces (issue 12, item 6)."""
    nodes = [["id", "name", "sponsorship"], ["1", "County.Sheriff", "County"],
             ["2", "Red.Cross", "Private"], ["3", "City.Fire.Department", "City"]]
    edges = [["source", "target", "frequency"], ["1", "2", "1"], ["2", "1", "3"],
             ["3", "1", "2"]]
    tables = [read_table(csv_bytes(nodes), "n.csv"), read_table(csv_bytes(edges), "e.csv")]
    result = read_roster(tables, pack, default_channels=["radio"])
    assert not result.errors and not [p for p in result.problems if "merged" in p.message]
    new = merge_roster(pack, result)
    assert new.agency("red-cross").name == "Red Cross"
    added = {(link.from_, link.to): link for link in new.links[len(pack.links):]}
    both = added[("county-sheriff", "red-cross")]
    assert both.direction.value == "both"
    assert both.note == ("reported contact: continuously from county-sheriff, every few hours "
                         "from red-cross")
    one = added[("city-fire-department", "county-sheriff")]
    assert one.direction.value == "one_way" and len(added) == 2


def test_a_missing_area_is_one_problem_with_its_rows_and_no_cascade(pack) -> None:
    agencies = [["ID", "Agency", "Level", "Sector", "Area"]] + [
        [f"a{i}", f"Agency {i}", "township", "fire", "Xiulin"] for i in range(4)] + [
        ["b1", "Other", "township", "fire", "Wanrong"]]
    links = [["From", "To", "Channels"], ["a0", "a1", "radio"], ["a2", "a3", "radio"],
             ["a0", "b1", "radio"]]
    tables = [read_table(csv_bytes(agencies), "agencies.csv"),
              read_table(csv_bytes(links), "links.csv")]
    result = read_roster(tables, pack)
    messages = [p.message for p in result.errors]
    assert messages == ["the area 'Xiulin' is not in this pack; rows 2, 3, 4, 5 use it",
                        "the area 'Wanrong' is not in this pack; row 6 uses it"]
    assert "creates areas from the roster" in result.errors[0].hint
    with pytest.raises(ImportRefused):
        merge_roster(pack, result)

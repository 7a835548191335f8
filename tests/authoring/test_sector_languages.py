"""An agency's sector is text in each language, like its jurisdiction: older packs with one plain
sector still load; roster sheets and the pack editor carry one sector column per language;
relay-time rules and graph exports keep reading the English."""

from __future__ import annotations

import pytest

from exercise.network.graph import planned_graph
from exercise.network.relay import relay_times
from exercise.scenario.models import ScenarioPack
from exercise.scenario.newpack import NewPack, new_pack
from exercise.scenario.spreadsheets.roster import merge_roster, read_roster
from exercise.scenario.spreadsheets.roster_export import roster_tables
from exercise.scenario.spreadsheets.tables import read_table, read_tables
from exercise.scenario.spreadsheets.write import write_xlsx
from exercise.scenario.text import localize
from exercise.ui.authoring.rows import pack_rows, rows_to_data
from tests.scenario.packtext import MINIMAL, load

from .conftest import csv_bytes

TWO = {"en": "fire and rescue", "zh-TW": "消防與救災"}


def test_an_older_pack_with_plain_sectors_loads_and_shows_them_as_written() -> None:
    result = load(MINIMAL)
    assert result.ok, [str(p) for p in result.problems]
    fire = result.pack.agency("fire")
    assert fire.sector == "fire"
    assert (localize(fire.sector, "en"), localize(fire.sector, "zh-TW")) == ("fire", "fire")


def test_a_sector_in_an_unknown_language_is_refused_with_its_place() -> None:
    text = MINIMAL.replace("sector: fire, area: town}", "sector: {en: fire, fr: feu}, area: town}")
    assert text != MINIMAL
    result = load(text)
    assert not result.ok
    [error] = result.errors
    assert "sector" in str(error) and "unknown language 'fr'" in str(error)


def test_the_roster_round_trips_a_sector_in_two_languages(pack: ScenarioPack) -> None:
    first = pack.agencies[0]
    assert isinstance(first.sector, dict) and set(first.sector) == {"en", "zh-TW"}
    dumped = pack.model_dump(by_alias=True)
    dumped["agencies"][1]["sector"] = "older plain sector"
    mixed = ScenarioPack.model_validate(dumped)
    sheets = roster_tables(mixed)
    headers = sheets[0][1]
    assert {"Sector", "Sector (zh-TW)"} <= set(headers)
    row = sheets[0][2][0]
    assert row[headers.index("Sector")] == first.sector["en"]
    assert row[headers.index("Sector (zh-TW)")] == first.sector["zh-TW"]
    result = read_roster(read_tables(write_xlsx(sheets), "roster.xlsx"), mixed)
    assert not result.errors, [str(p) for p in result.errors]
    back = merge_roster(mixed, result)
    assert back.agencies[0].sector == first.sector
    assert back.agencies[1].sector == "older plain sector"
    assert back.agencies == mixed.agencies


def test_a_roster_sheet_with_a_chinese_sector_column_gives_both_languages(pack: ScenarioPack) -> None:
    rows = [["Agency", "Level", "Sector", "Sector (zh-TW)", "Area"],
            ["Harbour Pilots", "private", "port operations", "港務", pack.areas[0].id]]
    result = read_roster([read_table(csv_bytes(rows), "roster.csv")], pack)
    assert not result.errors, [str(p) for p in result.errors]
    added = merge_roster(pack, result).agencies[-1]
    assert added.sector == {"en": "port operations", "zh-TW": "港務"}


def test_the_pack_editor_has_a_sector_column_per_language(pack: ScenarioPack) -> None:
    rows = pack_rows(pack)
    first = rows["agencies"][0]
    assert (first["sector_en"], first["sector_zh"]) == (pack.agencies[0].sector["en"],
                                                       pack.agencies[0].sector["zh-TW"])
    assert "sector" not in first
    first["sector_zh"] = "災害防救"
    edited = ScenarioPack.model_validate(rows_to_data(pack, rows))
    assert edited.agencies[0].sector == {"en": pack.agencies[0].sector["en"], "zh-TW": "災害防救"}
    assert edited.agencies[1:] == pack.agencies[1:]


def test_the_pack_editor_keeps_a_plain_sector_plain() -> None:
    old = load(MINIMAL).pack
    rows = pack_rows(old)
    assert (rows["agencies"][1]["sector_en"], rows["agencies"][1]["sector_zh"]) == ("fire", "")
    assert ScenarioPack.model_validate(rows_to_data(old, rows)).agencies == old.agencies


def test_relay_rules_and_graph_exports_read_the_english_sector(pack: ScenarioPack) -> None:
    fire = next(a for a in pack.agencies if isinstance(a.sector, dict) and a.sector.get("en") == TWO["en"])
    assert fire.sector == TWO
    assert relay_times(pack)[fire.id].key == "dispatch"
    graph = planned_graph(pack, "zh-TW")
    assert graph.nodes[fire.id]["sector"] == "fire and rescue"
    assert graph.nodes[fire.id]["name"] == localize(fire.name, "zh-TW")


@pytest.mark.parametrize(("languages", "sector"), [
    (["en", "zh-TW"], {"en": "emergency management", "zh-TW": "災害應變"}),
    (["zh-TW"], "災害應變"),
    (["en"], "emergency management"),
])
def test_a_new_pack_names_its_eoc_sector_in_its_languages(languages: list[str], sector: object) -> None:
    pack = new_pack(NewPack(title="Drill", hazard="typhoon", place="Shanlin", languages=languages))
    assert pack.agencies[0].sector == sector

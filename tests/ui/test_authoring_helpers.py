"""Column choices for an imported sheet, and saving a new pack without overwriting any other."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.scenario.loader import load_pack
from exercise.scenario.spreadsheets.columns import guess_mapping
from exercise.scenario.spreadsheets.msel import read_msel
from exercise.scenario.spreadsheets.msel_columns import MSEL_FIELDS
from exercise.scenario.spreadsheets.roster import read_roster
from exercise.scenario.spreadsheets.roster_columns import AGENCY_FIELDS
from exercise.scenario.spreadsheets.tables import Table
from exercise.ui.authoring.columns import apply_choices, choice_of, field_choices, relabel
from exercise.ui.authoring.saving import Outcome, save_new_pack
from exercise.ui.library.catalogue import Origin, list_packs

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
EXAMPLE = SCENARIOS / "example-typhoon-township.yaml"


@pytest.fixture(scope="module")
def pack():
    return load_pack(EXAMPLE).pack


def _msel(pack) -> Table:
    inject = pack.injects[0]
    return Table("msel.csv", None, [
        (1, ["No.", "Time", "Originator", "Sent to", "Inject"]),
        (2, ["X-1", "T+00:10", inject.from_, inject.to[0], "The river is rising"]),
    ])


def test_choices_include_each_field_and_its_chinese_column() -> None:
    choices = field_choices(MSEL_FIELDS)
    assert choices[0] == "-" and "to" in choices and "title (zh-TW)" in choices
    assert "time (zh-TW)" not in choices


def test_an_unrecognised_header_is_mapped_by_choice_and_takes_the_field(pack) -> None:
    table = _msel(pack)
    guess = guess_mapping(table, MSEL_FIELDS)
    assert choice_of(guess.columns[3]) == "-"
    assert not read_msel(table, pack).mapping_ok
    mapping = apply_choices(guess, {3: "to"})
    result = read_msel(table, pack, mapping=mapping)
    assert result.mapping_ok and [i.id for i in result.injects] == ["X-1"]
    moved = apply_choices(mapping, {4: "to"})
    assert choice_of(moved.columns[3]) == "-" and choice_of(moved.columns[4]) == "to"


def test_relabel_makes_a_header_reader_see_the_chosen_mapping(pack) -> None:
    table = Table("roster.csv", None, [
        (1, ["Code", "Outfit", "Level", "Sector", "Area"]),
        (2, ["river-ngo", "River NGO", "ngo", "relief", pack.areas[0].id]),
    ])
    guess = guess_mapping(table, AGENCY_FIELDS)
    assert guess.column("name") is None
    chosen = apply_choices(guess, {1: "name"})
    result = read_roster([relabel(table, chosen, AGENCY_FIELDS)], pack)
    assert [r.item.id for r in result.agency_rows if r.ok] == ["river-ngo"]
    assert result.agency_rows[0].row == 2


def test_relabel_adds_a_header_to_a_table_without_one(pack) -> None:
    table = Table("roster.csv", None, [(1, ["river-ngo", "River NGO"])])
    guess = guess_mapping(table, AGENCY_FIELDS)
    assert guess.header_row is None
    chosen = apply_choices(guess, {0: "id", 1: "name"})
    result = read_roster([relabel(table, chosen, AGENCY_FIELDS)], pack)
    assert [r.item.id for r in result.agency_rows if r.ok] == ["river-ngo"]


def test_saving_never_writes_over_a_shipped_pack(pack, tmp_path: Path) -> None:
    shipped_before = EXAMPLE.read_bytes()
    refused = save_new_pack(pack, pack.metadata.id, SCENARIOS, tmp_path)
    assert refused.outcome is Outcome.taken and refused.taken_by is Origin.shipped
    renamed = save_new_pack(pack, pack.metadata.id, SCENARIOS, tmp_path, rename_shipped=True)
    assert renamed.outcome is Outcome.saved and renamed.renamed_from == pack.metadata.id
    assert renamed.pack_id == f"{pack.metadata.id}-edited"
    assert EXAMPLE.read_bytes() == shipped_before
    entries = {e.key: e for e in list_packs(SCENARIOS, tmp_path)}
    saved = entries[f"uploaded/{renamed.pack_id}.yaml"]
    assert saved.ok and saved.result.pack.metadata.id == renamed.pack_id
    again = save_new_pack(pack, pack.metadata.id, SCENARIOS, tmp_path, rename_shipped=True)
    assert again.pack_id == f"{pack.metadata.id}-edited-2"


def test_a_name_in_use_is_refused_unless_it_is_the_pack_being_edited(pack, tmp_path: Path) -> None:
    first = save_new_pack(pack, "my-pack", SCENARIOS, tmp_path)
    assert first.outcome is Outcome.saved
    clash = save_new_pack(pack, "my-pack", SCENARIOS, tmp_path)
    assert clash.outcome is Outcome.taken and clash.taken_by is Origin.uploaded
    assert save_new_pack(pack, "my-pack", SCENARIOS, tmp_path,
                         may_replace="my-pack").outcome is Outcome.saved


@pytest.mark.parametrize("name", ["../evil", "a/b", "", ".hidden", "x" * 80, "名字"])
def test_a_pack_id_that_is_not_an_identifier_writes_nothing(pack, tmp_path: Path,
                                                            name: str) -> None:
    assert save_new_pack(pack, name, SCENARIOS, tmp_path).outcome is Outcome.bad_id
    assert not (tmp_path / "packs").exists()

"""`exercise import` with two MSEL sheets into a pack that has injects: the injects of every sheet
count as 'in the sheet' (kept, updated or added), only the pack's injects that no sheet has are
kept and listed, or removed with --replace; and the problems of every sheet are listed, not only
those of the first sheet that has some."""

from __future__ import annotations

from pathlib import Path

from exercise.scenario.newpack import NewPack, new_pack
from exercise.scenario.spreadsheets.assemble import assemble
from exercise.scenario.spreadsheets.tables import Table, read_tables
from tests.authoring.test_planner_sheets import CONTACTS, MSEL_EN, MSEL_ZH, ROSTER, _book

ZH_FIXED = [[("Mass Care Services" if cell == "Mass Care Service" else cell) for cell in row]
            for row in MSEL_ZH]


def _tables(path: Path) -> list[Table]:
    return read_tables(path.read_bytes(), path.name)


def _pack_with_extra_inject(tmp_path: Path):  # noqa: ANN202 - a ScenarioPack
    """The roster and English MSEL's pack, plus an inject EQ-99 that neither sheet has."""
    roster = _book(tmp_path / "roster.xlsx", {"Agencies": ROSTER, "Contacts": CONTACTS})
    extra = [*MSEL_EN, ["EQ-99", "T+02:00", *MSEL_EN[1][2:]]]
    english = _book(tmp_path / "first.xlsx", {"MSEL": extra})
    base = new_pack(NewPack(title="Quake", hazard="earthquake", place="Hualien"))
    made = assemble([*_tables(roster), *_tables(english)], base, fresh=True)
    assert made.pack is not None, made.problems
    return made.pack


def test_two_msel_sheets_keep_each_others_injects_and_only_what_no_sheet_has(
        tmp_path: Path) -> None:
    pack = _pack_with_extra_inject(tmp_path)
    english = _book(tmp_path / "en.xlsx", {"MSEL": MSEL_EN})
    chinese = _book(tmp_path / "zh.xlsx", {"MSEL": ZH_FIXED})
    sheets = [*_tables(english), *_tables(chinese)]
    kept = assemble(sheets, pack, fresh=False, start="07:58")
    assert kept.pack is not None and kept.changes is not None, kept.problems
    assert kept.changes.kept == ["EQ-99"] and kept.changes.added == ["ZH-01", "ZH-02", "ZH-03"]
    assert len(kept.pack.injects) == 12
    replaced = assemble(sheets, pack, fresh=False, start="07:58", replace=True)
    assert replaced.pack is not None and replaced.changes is not None
    assert replaced.changes.removed == ["EQ-99"]
    ids = {inject.id for inject in replaced.pack.injects}
    assert "EQ-99" not in ids and {"EQ-01", "EQ-08", "ZH-01", "ZH-03"} <= ids


def test_the_problems_of_every_msel_sheet_are_listed(tmp_path: Path) -> None:
    pack = _pack_with_extra_inject(tmp_path)
    typo_en = [*MSEL_EN[:2], [*MSEL_EN[2][:8], "Situational Awareness", *MSEL_EN[2][9:]]]
    english = _book(tmp_path / "en.xlsx", {"MSEL": typo_en})
    chinese = _book(tmp_path / "zh.xlsx", {"MSEL": MSEL_ZH})  # 'Mass Care Service'
    made = assemble([*_tables(english), *_tables(chinese)], pack, fresh=False, start="07:58")
    assert made.pack is None
    files = {problem.file for problem in made.problems}
    assert files >= {"en.xlsx", "zh.xlsx"}


def test_importing_into_a_pack_just_made_by_new_drops_its_placeholders(tmp_path: Path) -> None:
    """`exercise new` then `exercise import --pack` (or New exercise then Import in the app):
    the placeholder EOC and module give way to the roster's agencies and the sheet's days."""
    base = new_pack(NewPack(title="Quake", hazard="earthquake", place="Hualien"))
    roster = _book(tmp_path / "roster.xlsx", {"Agencies": ROSTER, "Contacts": CONTACTS})
    english = _book(tmp_path / "en.xlsx", {"MSEL": MSEL_EN})
    made = assemble([*_tables(roster), *_tables(english)], base, fresh=False)
    assert made.pack is not None, made.problems
    assert "lead-eoc" not in {agency.id for agency in made.pack.agencies}
    assert {agency.id for agency in made.pack.agencies} == {row[0] for row in ROSTER[1:]}

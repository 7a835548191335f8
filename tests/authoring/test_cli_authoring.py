"""The authoring commands as a planner runs them: export, edit, import into a new pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.cli import main
from exercise.scenario.loader import load_pack, load_pack_text
from exercise.scenario.writer import pack_to_yaml

from .conftest import EXAMPLE, csv_bytes


def test_pack_to_yaml_reads_back_to_an_equal_pack(pack) -> None:
    text = pack_to_yaml(pack)
    again = load_pack_text(text)
    assert again.ok and again.pack == pack
    assert "time: T+00:10" in text and "expected_contacts: [county-eoc -> township-eoc]" in text


def test_export_then_import_msel_writes_a_valid_new_pack(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "msel.xlsx"
    assert main(["export-msel", str(EXAMPLE), "--format", "xlsx", "-o", str(sheet)]) == 0
    target = tmp_path / "new.yaml"
    assert main(["import-msel", str(sheet), "--pack", str(EXAMPLE), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "B Scenario Time" in out and "-> time" in out and "16 injects" in out
    assert load_pack(target).pack == load_pack(EXAMPLE).pack
    assert main(["import-msel", str(sheet), "--pack", str(EXAMPLE), "-o", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_bad_rows_block_the_import_unless_good_rows_only(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "msel.csv"
    sheet.write_bytes(csv_bytes([["No.", "Time", "From", "Recipient", "Message"],
                                 ["1", "08:15", "cwa", "County EOC", "Warning"],
                                 ["2", "08:20", "cwa", "Countyy EOC", "Warning again"]]))
    target = tmp_path / "new.yaml"
    args = ["import-msel", str(sheet), "--pack", str(EXAMPLE), "--start", "07:58",
            "-o", str(target)]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert "msel.csv, row 3, column D (Recipient)" in captured.out
    assert "did you mean 'County EOC' (county-eoc)?" in captured.out
    assert "nothing was imported" in captured.err and not target.exists()
    assert main(args + ["--good-rows-only", "--replace"]) == 0
    out = capsys.readouterr().out
    assert "left out 1 row(s):\n  row 3: 'Countyy EOC'" in out
    assert "removed 16 inject(s) the sheet does not have: I-01" in out
    assert [(i.id, i.time) for i in load_pack(target).pack.injects] == [("1", 17)]


def test_map_option_and_its_mistakes(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "msel.csv"
    sheet.write_bytes(csv_bytes([["No.", "Time", "From", "Addressee list", "Message"],
                                 ["1", "T+00:10", "cwa", "county-eoc", "Warning"]]))
    base = ["import-msel", str(sheet), "--pack", str(EXAMPLE), "-o", str(tmp_path / "n.yaml")]
    assert main(base + ["--map", "Recipient=to"]) == 2
    assert "no column 'Recipient'" in capsys.readouterr().err
    assert main(base + ["--map", "Addressee list=to"]) == 0


def test_unreadable_file_is_one_line_not_a_traceback(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "msel.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not really")
    assert main(["import-msel", str(sheet), "--pack", str(EXAMPLE)]) == 2
    captured = capsys.readouterr()
    assert "not a valid .xlsx workbook" in captured.out and "Traceback" not in captured.err


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_roster_export_and_import(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "roster"
    assert main(["export-roster", str(EXAMPLE), "--format", fmt, "-o", str(out)]) == 0
    files = sorted(tmp_path.glob("roster*"))
    target = tmp_path / "new.yaml"
    assert main(["import-roster", *map(str, files), "--pack", str(EXAMPLE), "-o",
                 str(target)]) == 0
    new, old = load_pack(target).pack, load_pack(EXAMPLE).pack
    assert (new.agencies, new.links) == (old.agencies, old.links)

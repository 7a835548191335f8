"""`exercise validate`, `info`, `schema` and `--help`, as a facilitator would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from exercise.cli import build_parser, main
from tests.scenario.packtext import MINIMAL, broken, position

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
BROKEN = broken(("to: port, channels: [phone]}", "to: prot, channels: [phone]}"),
                ("time: T+00:05", "time: T+01:30"),
                ("level: private", "level: privat"))


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    (tmp_path / "good.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "bad.yml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a pack", encoding="utf-8")
    return tmp_path


def test_validate_a_good_pack_prints_ok_and_a_summary(packs, capsys):
    assert main(["validate", str(packs / "good.yaml")]) == 0
    out = capsys.readouterr().out
    assert f"{packs / 'good.yaml'}: OK" in out
    assert "Mini [mini]" in out and "agencies: 3" in out and "injects: 3" in out


def test_validate_prints_every_error_as_file_line_column(packs, capsys):
    assert main(["validate", str(packs / "bad.yml")]) == 1
    captured = capsys.readouterr()
    advice = [line for line in captured.out.splitlines() if ": advice: " in line]
    assert all("write 'county'" in line for line in advice)  # its `level: local` agencies
    lines = [line for line in captured.out.splitlines() if ": advice: " not in line]
    expected = [
        (position(BROKEN, "privat,"), "'privat' is not one of"),
        (position(BROKEN, "prot,"), "unknown agency 'prot' (did you mean 'port'?)"),
        (position(BROKEN, "T+01:30"), "outside its module 'M1'"),
    ]
    assert len(lines) == len(expected)
    for line, ((row, column), words) in zip(lines, expected, strict=True):
        assert line.startswith(f"{packs / 'bad.yml'}:{row}:{column}: error: ")
        assert words in line
    assert "3 error(s)" in captured.err
    assert "Traceback" not in captured.out + captured.err


def test_validate_a_folder_checks_every_pack_in_it(packs, capsys):
    assert main(["validate", "--quiet", str(packs)]) == 1
    captured = capsys.readouterr()
    assert "bad.yml:" in captured.out and "good.yaml: OK" not in captured.out
    assert "notes.txt" not in captured.out + captured.err


def test_validate_the_shipped_folder_passes(capsys):
    assert main(["validate", str(SCENARIOS)]) == 0
    out = capsys.readouterr().out
    for pack in SCENARIOS.glob("*.yaml"):
        assert f"{pack}: OK" in out


def test_validate_a_missing_file_says_so_without_a_traceback(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    captured = capsys.readouterr()
    assert "nope.yaml: error: cannot read the file: No such file or directory" in captured.out
    assert "Traceback" not in captured.out + captured.err


def test_validate_an_empty_folder(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 1
    assert "no pack files" in capsys.readouterr().err


def test_info_summarises_a_pack_in_either_language(capsys):
    pack = SCENARIOS / "example-typhoon-township.yaml"
    assert main(["info", str(pack)]) == 0
    assert "example-typhoon-township" in capsys.readouterr().out
    assert main(["info", str(pack), "--lang", "zh-TW"]) == 0
    assert "範例" in capsys.readouterr().out


def test_info_on_a_broken_pack_lists_problems_and_fails(packs, capsys):
    assert main(["info", str(packs / "bad.yml")]) == 2
    captured = capsys.readouterr()
    assert "unknown agency 'prot'" in captured.out
    assert "run `exercise validate" in captured.err


def test_info_on_a_missing_file(tmp_path, capsys):
    assert main(["info", str(tmp_path / "nope.yaml")]) == 2
    assert "no such pack file" in capsys.readouterr().err


def test_schema_prints_the_committed_json_schema(capsys, tmp_path):
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed)["title"].startswith("Scenario pack")
    assert printed == (SCENARIOS / "scenario-pack.schema.json").read_text(encoding="utf-8")
    assert main(["schema", "--output", str(tmp_path / "s.json")]) == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == printed


def test_schema_to_an_unwritable_place_is_a_clear_error(tmp_path, capsys):
    assert main(["schema", "-o", str(tmp_path / "no" / "such" / "dir.json")]) == 2
    assert "cannot write" in capsys.readouterr().err


def _sub_commands() -> list[str]:
    parser = build_parser()
    return sorted(parser._subparsers._group_actions[0].choices)


@pytest.mark.parametrize("command", [[]] + [[name] for name in _sub_commands()])
def test_help_works_everywhere(command, capsys):
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    assert "usage: exercise" in capsys.readouterr().out


def test_pack_commands_are_registered():
    assert {"validate", "info", "schema"} <= set(_sub_commands())


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "usage: exercise" in capsys.readouterr().out


def test_the_installed_console_script(packs):
    script = Path(sys.executable).with_name("exercise")
    if not script.exists():
        pytest.skip("the console script is not installed in this environment")
    done = subprocess.run([str(script), "validate", str(packs / "bad.yml")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    row, column = position(BROKEN, "prot,")
    assert f"bad.yml:{row}:{column}: error: links[1].to: unknown agency 'prot'" in done.stdout
    assert "Traceback" not in done.stderr
    done = subprocess.run([str(script), "validate", str(packs / "good.yaml")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "OK" in done.stdout

"""`exercise doctor` as a pack author runs it, and the words of every finding in both
languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from exercise.cli import main
from exercise.design.codes import CODES
from exercise.i18n import catalogue, placeholders
from tests.design.packs import GOOD, pack_text


@pytest.fixture
def busy(tmp_path: Path) -> Path:
    path = tmp_path / "busy.yaml"
    path.write_text(pack_text(("to: [fire]\n    title: Rain", "to: [eoc]\n    title: Rain"),
                              ("to: [village]\n    title: River", "to: [eoc]\n    title: River"),
                              ("    expected_actions: [Report numbers]\n", "")), encoding="utf-8")
    return path


def test_text_output_gives_file_line_column_severity_and_what_to_do(busy, capsys):
    assert main(["doctor", str(busy)]) == 0
    out = capsys.readouterr().out.splitlines()
    busiest = next(line for line in out if "receives 4 of 6 injects" in line)
    assert re.match(rf"{re.escape(str(busy))}:\d+:\d+: warning: \[Load\] Table County EOC", busiest)
    assert "(Address some of its injects" in busiest
    no_actions = next(line for line in out if "I-06 has no expected actions" in line)
    line = int(no_actions.split(":")[1])
    assert "id: I-06" in busy.read_text(encoding="utf-8").splitlines()[line - 1]
    assert out[-1] == f"{busy}: 0 error(s), 2 warning(s), 7 advice"


def test_json_output_is_data_with_sentences_in_the_chosen_language(busy, capsys):
    assert main(["doctor", str(busy), "--format", "json", "--lang", "zh-TW"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["counts"] == {"error": 0, "warning": 2, "advice": 7}
    busiest = next(f for f in record["findings"] if f["code"] == "load.busiest")
    assert busiest["params"]["received"] == 4 and busiest["line"] > 0
    assert "收到 6 則狀況中的 4 則" in busiest["message"]
    assert record["pacing"][0]["fitting"] == 10
    assert record["clock"]["start"] == {"day": 1, "minute": 480, "date": None}
    assert record["bite"]["outages"][0]["inject"] == "I-04"
    assert {m["measure"] for m in record["shape"]} == {"density", "centralization",
                                                        "reciprocity", "transitivity"}


def test_an_unknown_table_plan_is_a_clear_message(busy, capsys):
    assert main(["doctor", str(busy), "--tables", "five"]) == 2
    err = capsys.readouterr().err
    assert "no table plan 'five'" in err and "agencies" in err and "Traceback" not in err


def test_the_built_in_plan_of_one_table_per_agency_can_be_named(busy, capsys):
    assert main(["doctor", str(busy), "--tables", "agencies"]) == 0


def test_an_invalid_pack_is_sent_to_validate(tmp_path, capsys):
    path = tmp_path / "broken.yaml"
    path.write_text(GOOD.replace("level: community", "level: village"), encoding="utf-8")
    assert main(["doctor", str(path)]) == 2
    err = capsys.readouterr().err
    assert "exercise validate" in err and "level" in err and "Traceback" not in err


def test_a_missing_file_is_a_clear_message(tmp_path, capsys):
    assert main(["doctor", str(tmp_path / "nope.yaml")]) == 2
    assert "no such pack file" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_every_finding_code_has_words_and_what_to_do_in_both_languages(lang):
    words = catalogue(lang)
    english = catalogue("en")
    for code in CODES:
        assert f"doctor.{code}" in words, code
        if not code.startswith("shape."):
            assert f"doctor.{code}.todo" in words, code
        assert placeholders(words[f"doctor.{code}"]) == placeholders(english[f"doctor.{code}"]), code
    doctor_keys = {k for k in english if k.startswith("doctor.")}
    assert doctor_keys == {k for k in words if k.startswith("doctor.")}

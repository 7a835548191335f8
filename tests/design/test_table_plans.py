"""Table plans: a pack may suggest groupings of agencies into tables; they are validated with
located problems, old packs stay valid, and the doctor checks load per plan."""

from __future__ import annotations

import pytest

from exercise.cli import main
from exercise.scenario.loader import load_pack_text
from tests.design.packs import GOOD, codes, found, run

PLANS = """
table_plans:
  - id: two
    name: {en: Two tables for a small class, zh-TW: 小班兩桌}
    tables:
      - {id: county, name: County, agencies: [eoc, fire]}
      - {id: village, agencies: [village]}
  - id: one
    name: One table
    tables:
      - {id: all, agencies: [eoc, fire, village]}
"""


def test_a_pack_without_table_plans_is_still_valid():
    result = load_pack_text(GOOD)
    assert result.ok and result.pack.table_plans == []


def test_table_plans_load_with_their_tables():
    result = load_pack_text(GOOD + PLANS)
    assert result.ok, [str(p) for p in result.problems]
    plan = result.pack.table_plans[0]
    assert [t.agencies for t in plan.tables] == [["eoc", "fire"], ["village"]]


@pytest.mark.parametrize("bad, message, where", [
    ("agencies: [eoc, fire]}", "unknown agency 'fyre'", "agencies: [eoc, fyre]}"),
    ("{id: village, agencies: [village]}", "already played at table 'county'",
     "{id: village, agencies: [village, fire]}"),
    ("{id: village, agencies: [village]}", "table id 'county' is used twice",
     "{id: county, agencies: [village]}"),
    ("  - id: one\n", "table plan id 'two' is used twice", "  - id: two\n"),
])
def test_a_wrong_table_plan_is_an_error_at_its_line(bad, message, where):
    text = GOOD + PLANS.replace(bad, where, 1)
    result = load_pack_text(text, file="pack.yaml")
    [problem] = [p for p in result.errors if message in str(p)]
    assert problem.line is not None and problem.line > GOOD.count("\n")
    line = text.splitlines()[problem.line - 1]
    assert ("fyre" in line) or ("village" in line) or ("two" in line) or ("county" in line)
    if "did you mean" in str(problem):
        assert "'fire'" in problem.hint


def test_the_doctor_checks_load_per_declared_plan():
    diagnosis = run(GOOD + PLANS)
    assert [report.plan for report in diagnosis.loads] == ["two", "one"]
    two = {t.table: t.received for t in diagnosis.loads[0].tables}
    assert two == {"county": 4, "village": 2}
    busiest = [f for f in found(diagnosis, "load.busiest")]
    assert [f.finding.params["table"] for f in busiest] == ["County"]
    assert busiest[0].finding.path == ("table_plans", 0, "tables", 0)
    text = GOOD + PLANS
    assert "id: county" in text.splitlines()[busiest[0].line - 1]
    assert "load.idle" not in codes(diagnosis)


def test_choosing_one_plan_checks_only_that_plan():
    diagnosis = run(GOOD + PLANS, plan="one")
    assert [report.plan for report in diagnosis.loads] == ["one"]
    assert "load.busiest" not in codes(diagnosis)  # one table only: nobody else waits
    assert [r.plan for r in run(GOOD + PLANS, plan="agencies").loads] == ["agencies"]


def test_injects_to_agencies_no_table_plays_are_a_warning():
    text = GOOD + PLANS.replace("{id: village, agencies: [village]}", "{id: fire, agencies: [fire]}")
    text = text.replace("agencies: [eoc, fire]}", "agencies: [eoc]}")
    [unplayed] = found(run(text, plan="two"), "load.unplayed")
    assert unplayed.finding.params["count"] == 2
    assert unplayed.finding.params["injects"] == "I-03, I-06"


def test_the_cli_takes_a_plan_id(tmp_path, capsys):
    path = tmp_path / "plans.yaml"
    path.write_text(GOOD + PLANS, encoding="utf-8")
    assert main(["doctor", str(path), "--tables", "two"]) == 0
    out = capsys.readouterr().out
    assert "Table County receives 4 of 6 injects" in out
    assert main(["doctor", str(path), "--tables", "three"]) == 2
    assert "choose one of: two, one, agencies" in capsys.readouterr().err

"""The four packs reworked for the design check (issue 11): their counts, a real start date and
time, table plans, expected actions and evaluator notes on every inject, and an outage that cuts
off a contact some inject expects. Zero doctor warnings for every plan in both languages is
checked for every shipped pack in tests/design/test_shipped_packs.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from exercise.design.bite import failure_bite, timeline_world
from exercise.scenario.models import ScenarioPack
from exercise.scenario.time_of_day import start_of
from tests.library.test_library import contingencies, decisions_that_branch, pack_at

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

# pack: (agencies, modules, injects, branching decisions, contingencies, start date, start time)
REWORKED = {
    "heatwave-rolling-blackouts": (24, 4, 39, 2, 4, date(2026, 7, 22), 10 * 60),
    "us-county-riverine-flood": (28, 4, 42, 3, 4, date(2027, 4, 19), 6 * 60),
    "example-earthquake-coast": (9, 2, 16, 1, 2, date(2027, 4, 7), 7 * 60 + 58),
    "example-typhoon-township": (7, 2, 16, 1, 2, date(2026, 9, 14), 6 * 60),
}


def _pack(name: str) -> ScenarioPack:
    return pack_at(SCENARIOS / f"{name}.yaml")


@pytest.mark.parametrize("name", REWORKED)
def test_counts_and_a_real_start(name: str) -> None:
    agencies, modules, injects, decisions, chasers, day, minute = REWORKED[name]
    pack = _pack(name)
    assert (len(pack.agencies), len(pack.modules), len(pack.injects)) == (agencies, modules, injects)
    assert len(decisions_that_branch(pack)) == decisions
    assert len(contingencies(pack)) == chasers
    start = start_of(pack.metadata.scenario_start)
    assert start is not None and (start.date, start.day, start.minute) == (day, 1, minute)


@pytest.mark.parametrize("name", REWORKED)
def test_every_inject_tells_the_evaluator_what_good_looks_like(name: str) -> None:
    pack = _pack(name)
    assert [i.id for i in pack.injects if not i.expected_actions] == []
    assert [i.id for i in pack.injects if not i.facilitator_notes] == []


@pytest.mark.parametrize("name", REWORKED)
def test_table_plans_seat_every_agency(name: str) -> None:
    pack = _pack(name)
    assert pack.table_plans
    for plan in pack.table_plans:
        seated = [a for table in plan.tables for a in table.agencies]
        assert sorted(seated) == sorted(a.id for a in pack.agencies), plan.id


@pytest.mark.parametrize("name", REWORKED)
def test_an_outage_cuts_off_a_contact_an_inject_expects(name: str) -> None:
    pack = _pack(name)
    report = failure_bite(pack, timeline_world(pack, "en"))
    assert report.contact_losses, "no outage ever breaks a link an expected contact needs"


def test_the_decisions_are_put_by_someone_else() -> None:
    for name in REWORKED:
        pack = _pack(name)
        assert [i.id for i in pack.injects if i.options and i.from_ in i.to] == [], name

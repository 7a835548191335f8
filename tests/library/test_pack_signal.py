"""'Three weeks without signal' (issue 17, item 2): after Typhoon Danas (2025) on the
Chiayi-Tainan coast, where power, backhaul, batteries, diesel and a 72-hour hardened site decide
who can be reached each day, and a second storm knocks the temporary repairs over."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.design.doctor import diagnose_loaded
from exercise.scenario.loader import load_pack
from exercise.scenario.models import AgencyLevel, InjectType, NoContact
from tests.library.pack_checks import (
    LANGS,
    doctor_problems,
    drill_report,
    plans_of,
    sources_without_access_date,
    untranslated,
)
from tests.library.test_library import (
    SCENARIOS,
    contingencies,
    decisions_that_branch,
    failing_injects,
    pack_at,
)

PATH = SCENARIOS / "three-weeks-without-signal.yaml"
PACK = pack_at(PATH)
DAY = 24 * 60


def test_the_pack_has_the_size_of_a_three_hour_exercise() -> None:
    assert PACK.metadata.duration == 175
    assert len(PACK.agencies) == 25
    assert len(PACK.modules) == 4
    assert len(PACK.injects) == 43
    assert len([i for i in PACK.injects if i.type is InjectType.decision]) == 6
    assert len(decisions_that_branch(PACK)) == 5
    assert len(contingencies(PACK)) == 3
    assert len(failing_injects(PACK)) >= 4


def test_the_exercise_spans_three_weeks_with_a_second_storm() -> None:
    last = max(inject.time for inject in PACK.injects)
    assert last >= 21 * DAY
    second_storm = PACK.inject("SD-05")
    assert second_storm.time >= 20 * DAY and failing_injects(PACK)[-1].id == "SD-05"


def test_backup_minutes_decide_who_is_reached() -> None:
    """The hardened site lasts three days, the trucks and kits live on diesel, and the outages
    of both storms cut a village chief off from the county EOC."""
    backups = {
        system.id: {d.system: d.backup for d in system.depends_on} for system in PACK.infrastructure
    }
    assert backups["hardened"]["power"] == 3 * DAY
    assert backups["mobile"]["power"] == 180
    assert "fuel" in backups["truck-cell"] and "fuel" in backups["leo"]
    diagnosis = diagnose_loaded(load_pack(PATH))
    cut_off = {agency for outage in diagnosis.bite.outages for agency, _ in outage.cut_off}
    assert {"aogu-chief", "shifen-chief"} <= cut_off


def test_silence_releases_injects() -> None:
    silent_pairs = [
        tuple(condition.no_contact) for inject in contingencies(PACK)
        for condition in inject.conditions if isinstance(condition, NoContact)
    ]
    assert ("dongshi", "aogu-chief") in silent_pairs
    assert len(silent_pairs) >= 2


def test_the_registry_and_fuel_are_decisions() -> None:
    assert PACK.inject("SB-07").type is InjectType.decision  # requisition or hire
    assert PACK.inject("SB-10").type is InjectType.decision  # three tanker loads
    assert "cy-logistics" in {a.id for a in PACK.agencies}


def test_armed_forces_only_support() -> None:
    levels = {a.id: a.level for a in PACK.agencies}
    assert levels["relief-unit"] is AgencyLevel.support
    assert all(i.from_ != "relief-unit" for i in PACK.injects if i.type is InjectType.decision)


def test_every_option_of_every_decision_has_a_consequence() -> None:
    for inject in PACK.injects:
        if inject.type is InjectType.decision:
            assert len(inject.options) >= 2, inject.id
            assert all(o.consequence for o in inject.options), inject.id


def test_every_inject_tells_evaluators_what_good_looks_like() -> None:
    missing = [i.id for i in PACK.injects if not i.expected_actions or not i.facilitator_notes]
    assert missing == []


def test_every_agency_receives_at_least_two_injects() -> None:
    received = [agency for inject in PACK.injects for agency in inject.to]
    few = sorted(a.id for a in PACK.agencies if received.count(a.id) < 2)
    assert few == []


def test_every_text_is_in_both_languages() -> None:
    assert untranslated(PACK) == []


def test_sources_have_links_and_access_dates() -> None:
    assert len(PACK.metadata.sources) >= 10
    assert sources_without_access_date(PACK) == []


def test_the_clock_starts_on_a_real_date() -> None:
    assert "2027-07-04 20:00" in str(PACK.metadata.scenario_start)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("plan", [*plans_of(PACK), "agencies"])
def test_the_doctor_finds_no_error_or_warning(plan: str | None, lang: str) -> None:
    assert doctor_problems(PATH, plan, lang) == []


def test_the_table_plans_seat_every_agency_once() -> None:
    assert [len(p.tables) for p in PACK.table_plans] == [8, 12]
    for plan in PACK.table_plans:
        seated = [a for table in plan.tables for a in table.agencies]
        assert sorted(seated) == sorted(a.id for a in PACK.agencies), plan.id


def test_the_drill_plays_the_pack_to_a_report(tmp_path: Path) -> None:
    written = drill_report(PATH, tmp_path, decide="last")
    assert {p.suffix for p in written} == {".html", ".md"}
    markdown = next(p for p in written if p.suffix == ".md").read_text(encoding="utf-8")
    assert "Three weeks without signal" in markdown

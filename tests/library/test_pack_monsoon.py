"""'The typhoon that left, the rain that didn't' (issue 17, item 1): monsoon rain after the
warning is lifted, a rain observer nobody answers, a landslide dam that breaches within the hour
and a borough whose silence is the inject, after Typhoon Morakot (2009)."""

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

PATH = SCENARIOS / "monsoon-after-typhoon.yaml"
PACK = pack_at(PATH)


def test_the_pack_has_the_size_of_a_three_hour_exercise() -> None:
    assert PACK.metadata.duration == 175
    assert len(PACK.agencies) == 22
    assert len(PACK.modules) == 4
    assert len(PACK.injects) == 45
    assert len([i for i in PACK.injects if i.type is InjectType.decision]) == 6
    assert len(decisions_that_branch(PACK)) == 6
    assert len(contingencies(PACK)) == 4
    assert len(failing_injects(PACK)) == 4


def test_silence_itself_releases_injects() -> None:
    """At least two contingencies wait on a pair that has not talked, one of them the district
    and the borough that goes silent."""
    silent_pairs = [
        tuple(condition.no_contact) for inject in contingencies(PACK)
        for condition in inject.conditions if isinstance(condition, NoContact)
    ]
    assert len(silent_pairs) >= 2
    assert ("namasia", "nanshalu-chief") in silent_pairs


def test_the_silent_borough_is_cut_off_by_the_timeline_and_found_through_the_ridge() -> None:
    diagnosis = diagnose_loaded(load_pack(PATH))
    cut_off = {agency for outage in diagnosis.bite.outages for agency, _ in outage.cut_off}
    assert "nanshalu-chief" in cut_off
    found = PACK.inject("MC-08")
    assert found.from_ == "nanshalu-chief" and found.channel == "ridge-cell"


def test_armed_forces_only_support_and_are_tasked_through_liaison() -> None:
    levels = {a.id: a.level for a in PACK.agencies}
    assert levels["relief-unit"] is AgencyLevel.support
    for inject in PACK.injects:
        if inject.type is InjectType.decision:
            assert inject.from_ != "relief-unit"


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
    assert len(PACK.metadata.sources) >= 8
    assert sources_without_access_date(PACK) == []


def test_the_clock_starts_on_a_real_date() -> None:
    assert "2027-08-08 12:00" in str(PACK.metadata.scenario_start)


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
    written = drill_report(PATH, tmp_path, decide="first")
    assert {p.suffix for p in written} == {".html", ".md"}
    markdown = next(p for p in written if p.suffix == ".md").read_text(encoding="utf-8")
    assert "The typhoon that left" in markdown

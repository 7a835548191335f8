"""'Two cities, one river' (issue 17, item 3): a Taipei-basin earthquake in which Taipei and New
Taipei compete for the same hospitals, bridges and engineers under one CEOC."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.scenario.models import AgencyLevel, InjectType
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

PATH = SCENARIOS / "two-cities-one-river.yaml"
PACK = pack_at(PATH)


def test_the_pack_has_the_size_of_a_three_hour_exercise() -> None:
    assert PACK.metadata.duration == 180
    assert len(PACK.agencies) == 27
    assert len(PACK.modules) == 4
    assert len(PACK.injects) == 45
    assert len([i for i in PACK.injects if i.type is InjectType.decision]) == 6
    assert len(decisions_that_branch(PACK)) >= 5
    assert len(contingencies(PACK)) == 3
    assert len(failing_injects(PACK)) >= 3


def test_two_city_governments_share_one_ceoc_and_support_stays_support() -> None:
    ids = {a.id for a in PACK.agencies}
    assert {"ceoc", "tpe-eoc", "ntpc-eoc", "remoc"} <= ids
    levels = {a.id: a.level for a in PACK.agencies}
    assert levels["relief-unit"] is AgencyLevel.support
    assert levels["reservists"] is AgencyLevel.support
    # the relief unit is never sent a decision from a city EOC directly: it is tasked through
    # the CEOC or its own command
    for inject in PACK.injects:
        if "relief-unit" in inject.to and inject.type is InjectType.decision:
            assert inject.from_ in {a.id for a in PACK.actors}


def test_every_option_of_every_decision_has_a_consequence() -> None:
    for inject in PACK.injects:
        if inject.type is InjectType.decision:
            assert len(inject.options) >= 2, inject.id
            assert all(o.consequence for o in inject.options), inject.id


def test_every_inject_tells_evaluators_what_good_looks_like() -> None:
    missing = [i.id for i in PACK.injects if not i.expected_actions or not i.facilitator_notes]
    assert missing == []


def test_every_agency_receives_an_inject() -> None:
    received = {agency for inject in PACK.injects for agency in inject.to}
    assert sorted({a.id for a in PACK.agencies} - received) == []


def test_every_text_is_in_both_languages() -> None:
    assert untranslated(PACK) == []


def test_sources_have_links_and_access_dates() -> None:
    assert len(PACK.metadata.sources) >= 10
    assert sources_without_access_date(PACK) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("plan", plans_of(PACK) + ["agencies"])
def test_the_doctor_finds_no_error_or_warning(plan: str | None, lang: str) -> None:
    assert doctor_problems(PATH, plan, lang) == []


def test_the_table_plans_suit_rooms_of_12_to_45() -> None:
    assert [len(p.tables) for p in PACK.table_plans] == [6, 10]
    for plan in PACK.table_plans:
        seated = [a for table in plan.tables for a in table.agencies]
        assert sorted(seated) == sorted(a.id for a in PACK.agencies), plan.id


def test_the_drill_plays_the_pack_to_a_report(tmp_path: Path) -> None:
    written = drill_report(PATH, tmp_path, decide="last")
    assert {p.suffix for p in written} == {".html", ".md"}
    markdown = next(p for p in written if p.suffix == ".md").read_text(encoding="utf-8")
    assert "Two cities, one river" in markdown

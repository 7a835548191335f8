"""'The alert that went wrong' (issue 17, item 4): a 55-minute classroom pack on public alerts in
which every table of every suggested plan has work: at least two injects and a decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.scenario.models import ChannelKind, InjectType, ScenarioPack, TablePlan
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

PATH = SCENARIOS / "classroom-alert-gone-wrong.yaml"
PACK = pack_at(PATH)


def test_the_pack_fits_one_lesson() -> None:
    assert 45 <= PACK.metadata.duration <= 60
    assert len(PACK.agencies) == 10
    assert len(PACK.modules) == 1
    assert len(PACK.injects) == 15
    assert len([i for i in PACK.injects if i.type is InjectType.decision]) == 7
    assert len(decisions_that_branch(PACK)) == 2
    assert len(contingencies(PACK)) == 2
    assert failing_injects(PACK)


def test_the_alert_channels_are_in_play() -> None:
    kinds = {c.kind for c in PACK.channels}
    assert {ChannelKind.cell_broadcast, ChannelKind.siren} <= kinds
    cell_broadcast = {c.id for c in PACK.channels if c.kind is ChannelKind.cell_broadcast}
    # the cell broadcast dies with the base stations: it depends on the mobile network
    for channel in PACK.channels:
        if channel.id in cell_broadcast:
            assert channel.depends_on == ["mobile"]


def test_there_are_plans_for_four_five_and_six_tables() -> None:
    assert sorted(len(plan.tables) for plan in PACK.table_plans) == [4, 5, 6]
    for plan in PACK.table_plans:
        seated = sorted(a for table in plan.tables for a in table.agencies)
        assert seated == sorted(a.id for a in PACK.agencies), plan.id


def _work_of_each_table(pack: ScenarioPack, plan: TablePlan) -> dict[str, tuple[int, int]]:
    """Per table: injects released on every path, and decisions among them."""
    work = {}
    unconditional = [i for i in pack.injects if not i.conditions]
    for table in plan.tables:
        mine = [i for i in unconditional if set(i.to) & set(table.agencies)]
        work[table.id] = (len(mine), len([i for i in mine if i.type is InjectType.decision]))
    return work


@pytest.mark.parametrize("plan", PACK.table_plans, ids=lambda p: p.id)
def test_every_table_gets_two_injects_and_a_decision_whatever_is_decided(
        plan: TablePlan) -> None:
    work = _work_of_each_table(PACK, plan)
    idle = {table: counts for table, counts in work.items() if counts[0] < 2 or counts[1] < 1}
    assert idle == {}


def test_every_option_of_every_decision_has_a_consequence() -> None:
    for inject in PACK.injects:
        if inject.type is InjectType.decision:
            assert len(inject.options) >= 2, inject.id
            assert all(o.consequence for o in inject.options), inject.id


def test_every_inject_tells_evaluators_what_good_looks_like() -> None:
    missing = [i.id for i in PACK.injects if not i.expected_actions or not i.facilitator_notes]
    assert missing == []


def test_every_text_is_in_both_languages() -> None:
    assert untranslated(PACK) == []


def test_sources_have_links_and_access_dates() -> None:
    assert len(PACK.metadata.sources) >= 8
    assert sources_without_access_date(PACK) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("plan", plans_of(PACK) + ["agencies"])
def test_the_doctor_finds_no_error_or_warning(plan: str | None, lang: str) -> None:
    assert doctor_problems(PATH, plan, lang) == []


@pytest.mark.parametrize("decide", ["first", "last"])
def test_the_drill_plays_the_pack_to_a_report(tmp_path: Path, decide: str) -> None:
    written = drill_report(PATH, tmp_path, decide=decide)
    assert {p.suffix for p in written} == {".html", ".md"}
    markdown = next(p for p in written if p.suffix == ".md").read_text(encoding="utf-8")
    assert "the alert that went wrong" in markdown

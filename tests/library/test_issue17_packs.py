"""The four packs of issue 17, checked alike where they promise alike and one by one where they
differ:
- 'The typhoon that left, the rain that didn't' (item 1, monsoon-after-typhoon): monsoon rain
  after the warning is lifted, a rain observer nobody answers, a landslide dam that breaches
  within the hour and a borough whose silence is the inject, after Typhoon Morakot (2009);
- 'Three weeks without signal' (item 2): after Typhoon Danas (2025) on the Chiayi-Tainan coast,
  where power, backhaul, batteries, diesel and a 72-hour hardened site decide who can be reached
  each day, and a second storm knocks the temporary repairs over;
- 'Two cities, one river' (item 3): a Taipei-basin earthquake in which Taipei and New Taipei
  compete for the same hospitals, bridges and engineers under one CEOC;
- 'The alert that went wrong' (item 4): a 55-minute classroom pack on public alerts in which
  every table of every suggested plan has work: at least two injects and a decision."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from exercise.design.doctor import diagnose_loaded
from exercise.scenario.loader import load_pack
from exercise.scenario.models import (
    AgencyLevel,
    ChannelKind,
    InjectType,
    NoContact,
    ScenarioPack,
    TablePlan,
)
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

DAY = 24 * 60
ANY = (0, 10**6)


@dataclass(frozen=True)
class Promise:
    """What one pack promises. Counts are (lowest, highest) allowed."""

    duration: tuple[int, int]
    agencies: int
    modules: int
    injects: int
    decisions: int
    branching: tuple[int, int]
    contingencies: int
    failing: tuple[int, int]
    sources: int  # at least, each with a link and an access date
    plan_sizes: list[int]  # tables in each suggested plan, in order
    received: int  # every agency receives at least this many injects
    report_words: str  # the drill's after-action report names the pack
    decide: tuple[str, ...]  # `exercise drill --decide` runs to play
    start: str | None = None  # the scenario start, as its English text gives it


PROMISES = {
    "monsoon-after-typhoon": Promise(
        duration=(175, 175), agencies=22, modules=4, injects=45, decisions=6, branching=(6, 6),
        contingencies=4, failing=(4, 4), sources=8, plan_sizes=[8, 12], received=2,
        report_words="The typhoon that left", decide=("first",), start="2027-08-08 12:00"),
    "three-weeks-without-signal": Promise(
        duration=(175, 175), agencies=25, modules=4, injects=43, decisions=6, branching=(5, 5),
        contingencies=3, failing=(4, ANY[1]), sources=10, plan_sizes=[8, 12], received=2,
        report_words="Three weeks without signal", decide=("last",), start="2027-07-04 20:00"),
    "two-cities-one-river": Promise(
        duration=(180, 180), agencies=27, modules=4, injects=45, decisions=6,
        branching=(5, ANY[1]), contingencies=3, failing=(3, ANY[1]), sources=10,
        plan_sizes=[6, 10], received=1, report_words="Two cities, one river", decide=("last",)),
    "classroom-alert-gone-wrong": Promise(
        duration=(45, 60), agencies=10, modules=1, injects=15, decisions=7, branching=(2, 2),
        contingencies=2, failing=(1, ANY[1]), sources=8, plan_sizes=[4, 5, 6], received=0,
        report_words="the alert that went wrong", decide=("first", "last")),
}
NAMES = sorted(PROMISES)


def _path(name: str) -> Path:
    return SCENARIOS / f"{name}.yaml"


def _pack(name: str) -> ScenarioPack:
    return pack_at(_path(name))


def _within(value: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= value <= bounds[1]


# --- what every one of the four promises ----------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_the_pack_has_its_promised_size(name: str) -> None:
    pack, promise = _pack(name), PROMISES[name]
    counts = {
        "duration": (pack.metadata.duration, promise.duration),
        "agencies": (len(pack.agencies), (promise.agencies,) * 2),
        "modules": (len(pack.modules), (promise.modules,) * 2),
        "injects": (len(pack.injects), (promise.injects,) * 2),
        "decisions": (len([i for i in pack.injects if i.type is InjectType.decision]),
                      (promise.decisions,) * 2),
        "branching decisions": (len(decisions_that_branch(pack)), promise.branching),
        "contingencies": (len(contingencies(pack)), (promise.contingencies,) * 2),
        "failing injects": (len(failing_injects(pack)), promise.failing),
    }
    wrong = {what: got for what, (got, bounds) in counts.items() if not _within(got, bounds)}
    assert wrong == {}


@pytest.mark.parametrize("name", NAMES)
def test_every_option_of_every_decision_has_a_consequence(name: str) -> None:
    for inject in _pack(name).injects:
        if inject.type is InjectType.decision:
            assert len(inject.options) >= 2, inject.id
            assert all(o.consequence for o in inject.options), inject.id


@pytest.mark.parametrize("name", NAMES)
def test_every_inject_tells_evaluators_what_good_looks_like(name: str) -> None:
    pack = _pack(name)
    missing = [i.id for i in pack.injects if not i.expected_actions or not i.facilitator_notes]
    assert missing == []


@pytest.mark.parametrize("name", [n for n in NAMES if PROMISES[n].received])
def test_every_agency_receives_its_injects(name: str) -> None:
    pack, least = _pack(name), PROMISES[name].received
    received = [agency for inject in pack.injects for agency in inject.to]
    few = sorted(a.id for a in pack.agencies if received.count(a.id) < least)
    assert few == []


@pytest.mark.parametrize("name", NAMES)
def test_every_text_is_in_both_languages(name: str) -> None:
    assert untranslated(_pack(name)) == []


@pytest.mark.parametrize("name", NAMES)
def test_sources_have_links_and_access_dates(name: str) -> None:
    pack = _pack(name)
    assert len(pack.metadata.sources) >= PROMISES[name].sources
    assert sources_without_access_date(pack) == []


@pytest.mark.parametrize("name", [n for n in NAMES if PROMISES[n].start])
def test_the_clock_starts_on_a_real_date(name: str) -> None:
    assert str(PROMISES[name].start) in str(_pack(name).metadata.scenario_start)


@pytest.mark.parametrize("name", NAMES)
def test_the_table_plans_seat_every_agency_once(name: str) -> None:
    pack = _pack(name)
    assert [len(p.tables) for p in pack.table_plans] == PROMISES[name].plan_sizes
    for plan in pack.table_plans:
        seated = [a for table in plan.tables for a in table.agencies]
        assert sorted(seated) == sorted(a.id for a in pack.agencies), plan.id


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("name", "plan"), [
    (name, plan) for name in NAMES for plan in [*plans_of(_pack(name)), "agencies"]])
def test_the_doctor_finds_no_error_or_warning(name: str, plan: str | None, lang: str) -> None:
    assert doctor_problems(_path(name), plan, lang) == []


@pytest.mark.parametrize(("name", "decide"), [
    (name, decide) for name in NAMES for decide in PROMISES[name].decide])
def test_the_drill_plays_the_pack_to_a_report(tmp_path: Path, name: str, decide: str) -> None:
    written = drill_report(_path(name), tmp_path, decide=decide)
    assert {p.suffix for p in written} == {".html", ".md"}
    markdown = next(p for p in written if p.suffix == ".md").read_text(encoding="utf-8")
    assert PROMISES[name].report_words in markdown


# --- silence, the armed forces and cut-off agencies in the two typhoon packs -------------------

@pytest.mark.parametrize(("name", "pair"), [
    ("monsoon-after-typhoon", ("namasia", "nanshalu-chief")),  # the borough that goes silent
    ("three-weeks-without-signal", ("dongshi", "aogu-chief")),
])
def test_silence_itself_releases_injects(name: str, pair: tuple[str, str]) -> None:
    """At least two contingencies wait on a pair that has not talked, one of them the named
    pair."""
    silent_pairs = [
        tuple(condition.no_contact) for inject in contingencies(_pack(name))
        for condition in inject.conditions if isinstance(condition, NoContact)
    ]
    assert len(silent_pairs) >= 2
    assert pair in silent_pairs


@pytest.mark.parametrize("name", ["monsoon-after-typhoon", "three-weeks-without-signal"])
def test_armed_forces_only_support_and_put_no_decision(name: str) -> None:
    pack = _pack(name)
    levels = {a.id: a.level for a in pack.agencies}
    assert levels["relief-unit"] is AgencyLevel.support
    assert [i.id for i in pack.injects
            if i.type is InjectType.decision and i.from_ == "relief-unit"] == []


def _cut_off(name: str) -> set[str]:
    diagnosis = diagnose_loaded(load_pack(_path(name)))
    return {agency for outage in diagnosis.bite.outages for agency, _ in outage.cut_off}


# --- The typhoon that left, the rain that didn't ------------------------------------------------

def test_the_silent_borough_is_cut_off_by_the_timeline_and_found_through_the_ridge() -> None:
    assert "nanshalu-chief" in _cut_off("monsoon-after-typhoon")
    found = _pack("monsoon-after-typhoon").inject("MC-08")
    assert found.from_ == "nanshalu-chief" and found.channel == "ridge-cell"


# --- Three weeks without signal --------------------------------------------------------------

def test_the_exercise_spans_three_weeks_with_a_second_storm() -> None:
    pack = _pack("three-weeks-without-signal")
    assert max(inject.time for inject in pack.injects) >= 21 * DAY
    second_storm = pack.inject("SD-05")
    assert second_storm.time >= 20 * DAY and failing_injects(pack)[-1].id == "SD-05"


def test_backup_minutes_decide_who_is_reached() -> None:
    """The hardened site lasts three days, the trucks and kits live on diesel, and the outages
    of both storms cut a village chief off from the county EOC."""
    pack = _pack("three-weeks-without-signal")
    backups = {
        system.id: {d.system: d.backup for d in system.depends_on} for system in pack.infrastructure
    }
    assert backups["hardened"]["power"] == 3 * DAY
    assert backups["mobile"]["power"] == 180
    assert "fuel" in backups["truck-cell"] and "fuel" in backups["leo"]
    assert {"aogu-chief", "shifen-chief"} <= _cut_off("three-weeks-without-signal")


def test_the_registry_and_fuel_are_decisions() -> None:
    pack = _pack("three-weeks-without-signal")
    assert pack.inject("SB-07").type is InjectType.decision  # requisition or hire
    assert pack.inject("SB-10").type is InjectType.decision  # three tanker loads
    assert "cy-logistics" in {a.id for a in pack.agencies}


# --- Two cities, one river -------------------------------------------------------------------

def test_two_city_governments_share_one_ceoc_and_support_stays_support() -> None:
    pack = _pack("two-cities-one-river")
    assert {"ceoc", "tpe-eoc", "ntpc-eoc", "remoc"} <= {a.id for a in pack.agencies}
    levels = {a.id: a.level for a in pack.agencies}
    assert levels["relief-unit"] is AgencyLevel.support
    assert levels["reservists"] is AgencyLevel.support
    # the relief unit is never sent a decision from a city EOC directly: it is tasked through
    # the CEOC or its own command
    actors = {a.id for a in pack.actors}
    for inject in pack.injects:
        if "relief-unit" in inject.to and inject.type is InjectType.decision:
            assert inject.from_ in actors, inject.id


# --- The alert that went wrong (classroom) ---------------------------------------------------

ALERT = "classroom-alert-gone-wrong"


def test_the_alert_channels_are_in_play() -> None:
    pack = _pack(ALERT)
    assert {ChannelKind.cell_broadcast, ChannelKind.siren} <= {c.kind for c in pack.channels}
    # the cell broadcast dies with the base stations: it depends on the mobile network
    for channel in pack.channels:
        if channel.kind is ChannelKind.cell_broadcast:
            assert channel.depends_on == ["mobile"]


def _work_of_each_table(pack: ScenarioPack, plan: TablePlan) -> dict[str, tuple[int, int]]:
    """Per table: injects released on every path, and decisions among them."""
    unconditional = [i for i in pack.injects if not i.conditions]
    work = {}
    for table in plan.tables:
        mine = [i for i in unconditional if set(i.to) & set(table.agencies)]
        work[table.id] = (len(mine), len([i for i in mine if i.type is InjectType.decision]))
    return work


@pytest.mark.parametrize("plan", _pack(ALERT).table_plans, ids=lambda p: p.id)
def test_every_table_gets_two_injects_and_a_decision_whatever_is_decided(
        plan: TablePlan) -> None:
    work = _work_of_each_table(_pack(ALERT), plan)
    idle = {table: counts for table, counts in work.items() if counts[0] < 2 or counts[1] < 1}
    assert idle == {}

"""The shipped scenario library: every pack a workshop could run tomorrow.

Checks each library pack against the counts the library promises (issue 7), that every text a
participant reads exists in English and Traditional Chinese, that the armed forces appear only as
a supporting agency, and that no inject waits on a condition that can never be met.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, PlainValidator

from exercise.design.bite import failure_bite, timeline_world
from exercise.scenario.loader import load_pack
from exercise.scenario.models import (
    AfterInject,
    AgencyLevel,
    ChannelKind,
    DecisionChosen,
    InfrastructureEffect,
    Inject,
    InjectType,
    NoAcknowledgement,
    NoContact,
    ScenarioPack,
    Status,
)
from exercise.scenario.text import LANGUAGES, LocalText

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
NAMED_PACKS = (
    "typhoon-southern-mountains.yaml",
    "earthquake-east-coast.yaml",
    "urban-compound-drill.yaml",
    "barrier-lake-outburst.yaml",
    "us-county-riverine-flood.yaml",
    "heatwave-rolling-blackouts.yaml",
)
LIBRARY = sorted(
    p for p in SCENARIOS.glob("*.yaml")
    if not p.name.startswith(("example-", "classroom-"))
)
CLASSROOM = sorted(SCENARIOS.glob("classroom-*.yaml"))
EVERY_PACK = LIBRARY + CLASSROOM

ARMED_FORCES_WORDS = (
    "armed forces", "army", "military", "navy", "air force", "marine corps", "national guard",
    "國軍", "陸軍", "海軍", "空軍", "軍團", "作戰區", "國民兵",
)
_LOCAL_TEXT_VALIDATOR = typing.get_args(LocalText)[1]
assert isinstance(_LOCAL_TEXT_VALIDATOR, PlainValidator)

_LOADED: dict[Path, ScenarioPack] = {}


def pack_at(path: Path) -> ScenarioPack:
    if path not in _LOADED:
        result = load_pack(path)
        assert result.errors == [], "\n".join(str(p) for p in result.errors)
        assert result.pack is not None
        _LOADED[path] = result.pack
    return _LOADED[path]


def test_the_six_named_packs_and_a_classroom_pack_ship() -> None:
    missing = [name for name in NAMED_PACKS if not (SCENARIOS / name).is_file()]
    assert missing == [], f"missing library packs: {missing}"
    assert CLASSROOM, "no classroom-*.yaml pack in scenarios/"


# --- every pack, library and classroom alike -------------------------------------------------

@pytest.mark.parametrize("path", EVERY_PACK, ids=lambda p: p.name)
def test_pack_validates_without_errors_or_warnings(path: Path) -> None:
    result = load_pack(path)
    # advice (a better way to write the same thing, e.g. a tier for `level: local`) is neither
    assert [str(p) for p in result.problems if p.severity.value != "advice"] == []


@pytest.mark.parametrize("path", EVERY_PACK, ids=lambda p: p.name)
def test_every_text_is_in_english_and_traditional_chinese(path: Path) -> None:
    pack = pack_at(path)
    assert set(pack.metadata.languages) == set(LANGUAGES)
    untranslated = [
        ".".join(str(part) for part in where)
        for where, text in local_texts(pack, ())
        if not isinstance(text, dict) or set(text) != set(LANGUAGES)
    ]
    assert untranslated == [], f"texts not in both {LANGUAGES}: {untranslated[:10]}"


@pytest.mark.parametrize("path", EVERY_PACK, ids=lambda p: p.name)
def test_pack_cites_sources_and_tells_the_facilitator_what_to_look_for(path: Path) -> None:
    metadata = pack_at(path).metadata
    with_links = [s for s in metadata.sources if s.url]
    assert len(with_links) >= 3, "cite at least three sources with links"
    assert metadata.facilitator_notes is not None


SHIPPED = sorted(SCENARIOS.glob("*.yaml"))
ACCESS_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
# Linked sources that nobody has re-opened since the pack was written, so no access date can be
# given honestly yet. No pack may gain one; a pack leaves this list once each is dated (or
# replaced by a source that is). A source without a link (cited by title, publisher and date
# because no link is known) needs no access date.
NOT_YET_DATED: dict[str, int] = {
}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_linked_source_has_an_access_date(path: Path) -> None:
    sources = pack_at(path).metadata.sources
    badly_dated = [(s.title, s.accessed) for s in sources
                   if s.accessed and not ACCESS_DATE.fullmatch(s.accessed.strip())]
    assert badly_dated == [], "write access dates as YYYY-MM-DD (or YYYY-MM)"
    undated = [s.title for s in sources if s.url and not s.accessed]
    assert len(undated) == NOT_YET_DATED.get(path.name, 0), (
        f"linked sources without an access date: {undated}; date them, or if you dated some, "
        "lower this pack's count in NOT_YET_DATED")


@pytest.mark.parametrize("path", EVERY_PACK, ids=lambda p: p.name)
def test_armed_forces_only_support_through_a_liaison(path: Path) -> None:
    pack = pack_at(path)
    liaison_channels = {c.id for c in pack.channels if c.kind is ChannelKind.liaison_officer}
    for agency in pack.agencies:
        words = " ".join(str(t).lower() for t in (agency.name, agency.short_name, agency.sector))
        if not any(word in words for word in ARMED_FORCES_WORDS):
            continue
        assert agency.level is AgencyLevel.support, f"{agency.id} must be level support"
        through_liaison = [
            link for link in pack.links
            if agency.id in (link.from_, link.to) and liaison_channels & set(link.channels)
        ]
        assert through_liaison, f"{agency.id} must be reached through a liaison-officer channel"


@pytest.mark.parametrize("path", EVERY_PACK, ids=lambda p: p.name)
def test_every_inject_can_be_released(path: Path) -> None:
    pack = pack_at(path)
    reachable = releasable_injects(pack)
    never = [inject.id for inject in pack.injects if inject.id not in reachable]
    assert never == [], f"injects whose conditions can never all hold: {never}"


@pytest.mark.parametrize("path", EVERY_PACK, ids=lambda p: p.name)
def test_inaction_checks_come_after_the_inject_they_watch(path: Path) -> None:
    pack = pack_at(path)
    for inject in pack.injects:
        for condition in inject.conditions:
            if isinstance(condition, NoAcknowledgement):
                watched = pack.inject(condition.no_ack)
                assert condition.by > watched.time, (
                    f"{inject.id} checks {watched.id} at {condition.by} min, "
                    f"before or when it is released ({watched.time} min)"
                )
                assert condition.by <= inject.time, f"{inject.id} is due before its check"


# --- the library's counts ----------------------------------------------------------------------

@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_library_pack_has_the_promised_shape(path: Path) -> None:
    pack = pack_at(path)
    assert 15 <= len(pack.agencies) <= 40
    assert 3 <= len(pack.modules) <= 5
    for module in pack.modules:
        assert 3 <= len(module.questions) <= 6, f"module {module.id} has {len(module.questions)}"
    assert len(pack.injects) >= 25
    assert len(failing_injects(pack)) >= 3
    assert len(decisions_that_branch(pack)) >= 2
    assert len(contingencies(pack)) >= 2
    with_contacts = [i for i in pack.injects if i.expected_contacts]
    assert len(with_contacts) * 2 > len(pack.injects), "expected contacts on most injects"
    assert_objectives_are_rateable(pack)


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_two_outages_cut_a_contact_an_inject_expects(path: Path) -> None:
    """Issue 11, item 4: communication failure must decide play, not only decorate it. At least
    two outages of the pack's own timeline each break a link some inject's expected contact
    needs, at the moment that inject is released."""
    pack = pack_at(path)
    report = failure_bite(pack, timeline_world(pack, "en"))
    biting = {outage.inject: sorted({f"{c.inject}: {c.a} -> {c.b}" for c in outage.contacts})
              for outage in report.outages if outage.contacts}
    assert len(biting) >= 2, f"outages that cut an expected contact: {biting}"


@pytest.mark.parametrize("path", CLASSROOM, ids=lambda p: p.name)
def test_classroom_pack_fits_one_lesson(path: Path) -> None:
    pack = pack_at(path)
    assert 8 <= len(pack.agencies) <= 10
    assert len(pack.modules) == 1
    assert 3 <= len(pack.modules[0].questions) <= 6
    assert 10 <= len(pack.injects) <= 15
    assert failing_injects(pack)
    assert decisions_that_branch(pack)
    assert contingencies(pack)
    assert_objectives_are_rateable(pack)


def assert_objectives_are_rateable(pack: ScenarioPack) -> None:
    assert pack.objectives, "no objectives to rate"
    used_objectives = {o for inject in pack.injects for o in inject.objectives}
    used_tasks = {t for inject in pack.injects for t in inject.critical_tasks}
    for objective in pack.objectives:
        assert objective.critical_tasks, f"{objective.id} has no critical tasks"
        tasks = {task.id for task in objective.critical_tasks}
        assert objective.id in used_objectives or tasks & used_tasks, (
            f"no inject exercises objective {objective.id}"
        )


# --- helpers -----------------------------------------------------------------------------------

def failing_injects(pack: ScenarioPack) -> list[Inject]:
    return [
        inject for inject in pack.injects
        if inject.type is InjectType.infrastructure
        and any(isinstance(e, InfrastructureEffect) and e.status is Status.down
                for e in inject.effects)
    ]


def decisions_that_branch(pack: ScenarioPack) -> list[Inject]:
    """Decision injects with two or more options, at least one of which a later inject waits on."""
    followed: set[str] = set()
    for inject in pack.injects:
        for condition in inject.conditions:
            if isinstance(condition, DecisionChosen):
                decision = pack.inject(condition.decision)
                if inject.time > decision.time:
                    followed.add(decision.id)
    return [
        inject for inject in pack.injects
        if inject.type is InjectType.decision and len(inject.options) >= 2
        and inject.id in followed
    ]


def contingencies(pack: ScenarioPack) -> list[Inject]:
    """Contingency injects released on inaction: a missing acknowledgement or contact."""
    return [
        inject for inject in pack.injects
        if inject.contingency
        and any(isinstance(c, (NoAcknowledgement, NoContact)) for c in inject.conditions)
    ]


def releasable_injects(pack: ScenarioPack) -> set[str]:
    """Injects whose conditions can all hold in some run: a fixed point from the unconditional."""
    reachable: set[str] = set()
    changed = True
    while changed:
        changed = False
        for inject in pack.injects:
            if inject.id not in reachable and _conditions_can_hold(pack, inject, reachable):
                reachable.add(inject.id)
                changed = True
    return reachable


def _conditions_can_hold(pack: ScenarioPack, inject: Inject, reachable: set[str]) -> bool:
    chosen: dict[tuple[str, str | None], str] = {}
    for condition in inject.conditions:
        if isinstance(condition, (AfterInject, NoAcknowledgement)):
            source = condition.after if isinstance(condition, AfterInject) else condition.no_ack
            if source not in reachable:
                return False
        elif isinstance(condition, DecisionChosen):
            decision = pack.inject(condition.decision)
            if decision.id not in reachable or condition.option not in {
                o.id for o in decision.options
            }:
                return False
            key = (decision.id, condition.by)
            if chosen.setdefault(key, condition.option) != condition.option:
                return False  # two different options of one decision by the same chooser
        elif isinstance(condition, NoContact):
            if any(agency not in {a.id for a in pack.agencies} for agency in condition.no_contact):
                return False
    return True


def local_texts(value: Any, where: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every human-readable text in a pack, with where it sits."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            field_value = getattr(value, name, None)
            here = (*where, info.alias or name)
            if _is_local_text(info.annotation, info.metadata):
                yield from _texts_of(field_value, here)
            else:
                yield from local_texts(field_value, here)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from local_texts(item, (*where, index))


def _texts_of(value: Any, where: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if value is None:
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield (*where, index), item
    else:
        yield where, value


def _is_local_text(annotation: Any, metadata: list[Any]) -> bool:
    if any(m == _LOCAL_TEXT_VALIDATOR for m in metadata):
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return _is_local_text(inner, extra)
    return any(_is_local_text(arg, []) for arg in typing.get_args(annotation))


@pytest.mark.parametrize("path", EVERY_PACK, ids=lambda p: p.name)
def test_everyone_who_must_be_warned_can_be_reached_from_the_hub_before_anything_fails(
        path: Path) -> None:
    import networkx as nx

    from exercise.network.findings import hub_of
    from exercise.network.graph import planned_graph

    pack = pack_at(path)
    plan = planned_graph(pack)
    hub = hub_of(plan)
    assert hub is not None
    reached = nx.descendants(plan, hub) | {hub}
    must_know = {agency for inject in pack.injects for agency in inject.to}
    must_know |= {c.to for inject in pack.injects for c in inject.expected_contacts}
    assert sorted(must_know - reached) == [], f"{hub} cannot reach them through the contact plan"

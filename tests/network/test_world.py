"""World-state rules, each on a hand-made pack with the answer worked out by hand."""

from __future__ import annotations

import pytest

from exercise.network.world import (
    DEGRADED_LATENCY_FACTOR,
    UnknownItem,
    WorldState,
    effective_latency,
)
from exercise.scenario.models import AgencyEffect, InfrastructureEffect, Status
from tests.network.packs import link, make_pack

PACK = make_pack(
    [("county-eoc", "county"), ("township", "township"), ("village", "valley"), ("port", "coast")],
    [link("county-eoc", "township", "phone", "mobile"), link("township", "village", "mobile", "sat"),
     link("county-eoc", "port", "mobile", one_way=True)],
)


def down(system: str, area: str | None = None, status: Status = Status.down) -> InfrastructureEffect:
    return InfrastructureEffect(system=system, area=area, status=status)


def test_nothing_applied_means_everything_up() -> None:
    world = WorldState.initial(PACK)
    assert world.version == 0
    assert world.system_health("mobile", "valley", 0).status is Status.up
    assert world.channel_health("mobile", "township", "village", 0).reasons == ()


def test_effect_on_an_area_covers_its_descendants_only() -> None:
    world = WorldState.initial(PACK).apply(down("landline", "township"), 10)
    assert world.system_health("landline", "township", 10).status is Status.down
    assert world.system_health("landline", "valley", 10).status is Status.down
    assert world.system_health("landline", "county", 10).status is Status.up
    assert world.system_health("landline", "coast", 10).status is Status.up


def test_effect_without_area_covers_everywhere() -> None:
    world = WorldState.initial(PACK).apply(down("landline"), 0)
    for area in ("county", "township", "valley", "coast"):
        assert world.system_health("landline", area, 0).status is Status.down
    assert "everywhere" in world.system_health("landline", "coast", 0).summary()


def test_effect_counts_only_from_its_own_time() -> None:
    world = WorldState.initial(PACK).apply(down("landline", "county"), 30)
    assert world.system_health("landline", "valley", 29).status is Status.up
    assert world.system_health("landline", "valley", 30).status is Status.down


def test_latest_effect_covering_an_area_wins() -> None:
    world = (
        WorldState.initial(PACK)
        .apply(down("landline", "county"), 10)
        .apply(down("landline", "township", Status.up), 20)
    )
    assert world.system_health("landline", "valley", 25).status is Status.up
    assert world.system_health("landline", "coast", 25).status is Status.down
    # a later county-wide repair restores everything; applying out of order still sorts by time
    world = world.apply(down("landline", "county", Status.up), 40).apply(down("landline", "valley"), 35)
    assert world.system_health("landline", "valley", 36).status is Status.down
    assert world.system_health("landline", "valley", 40).status is Status.up
    assert world.version == 4


def test_dependency_fails_after_its_backup_and_reason_names_the_chain() -> None:
    world = WorldState.initial(PACK).apply(down("power", "valley"), 20, source="I-06")
    assert world.system_health("mobile", "valley", 199).status is Status.up
    health = world.system_health("mobile", "valley", 200)
    assert health.status is Status.down
    assert health.reasons[0].since == 200
    assert health.reasons[0].source == "I-06"
    assert health.summary() == (
        "Mobile network down in Valley since T+03:20 "
        "(Grid power down in Valley since T+00:20; batteries lasted 3 h)"
    )
    assert health.reasons[1].text == "Grid power down in Valley since T+00:20"


def test_restoring_the_dependency_restores_the_system_at_once() -> None:
    world = WorldState.initial(PACK).apply(down("power", "valley"), 0).apply(down("power", "valley", Status.up), 240)
    assert world.system_health("mobile", "valley", 239).status is Status.down
    assert world.system_health("mobile", "valley", 240).status is Status.up
    # batteries are full again: a second outage gives another 3 hours
    world = world.apply(down("power", "valley"), 300)
    assert world.system_health("mobile", "valley", 479).status is Status.up
    assert world.system_health("mobile", "valley", 480).status is Status.down


def test_degraded_dependency_degrades_after_backup_then_down_when_it_fails() -> None:
    world = (
        WorldState.initial(PACK)
        .apply(down("power", "valley", Status.degraded), 0)
        .apply(down("power", "valley"), 100)
    )
    assert world.system_health("mobile", "valley", 179).status is Status.up
    assert world.system_health("mobile", "valley", 180).status is Status.degraded
    assert world.system_health("mobile", "valley", 279).status is Status.degraded
    assert world.system_health("mobile", "valley", 280).status is Status.down


def test_own_status_and_dependency_combine_worst_first() -> None:
    world = (
        WorldState.initial(PACK)
        .apply(down("mobile", "valley", Status.degraded), 0)
        .apply(down("power", "valley"), 0)
    )
    assert world.system_health("mobile", "valley", 10).status is Status.degraded
    assert world.system_health("mobile", "valley", 180).status is Status.down


def test_channel_needs_its_systems_at_both_ends() -> None:
    world = WorldState.initial(PACK).apply(down("mobile", "valley"), 0, source="I-1")
    assert not world.channel_health("mobile", "township", "village", 0).usable
    assert world.channel_health("mobile", "village", "township", 0).reasons[0].source == "I-1"
    assert world.channel_health("mobile", "county-eoc", "township", 0).status is Status.up
    assert world.channel_health("sat", "township", "village", 0).status is Status.up


def test_degraded_channel_is_usable_but_slower() -> None:
    world = WorldState.initial(PACK).apply(down("landline", "county", Status.degraded), 0)
    health = world.channel_health("phone", "county-eoc", "township", 0)
    assert health.status is Status.degraded and health.usable
    assert effective_latency(PACK.channel("phone"), health) == 2 * DEGRADED_LATENCY_FACTOR


def test_agency_down_takes_all_its_channels_down() -> None:
    effect = AgencyEffect(agency="township", status=Status.down, reason="EOC flooded")
    world = WorldState.initial(PACK).apply(effect, 5, source="I-9")
    assert world.agency_health("township", 4).status is Status.up
    for channel, _ in world.link_channels("county-eoc", "township", 5):
        health = world.channel_health(channel, "county-eoc", "township", 5)
        assert health.status is Status.down
        assert health.summary() == "TOWNSHIP down since T+00:05: EOC flooded"


def test_link_channels_follow_plan_priority_and_direction() -> None:
    world = WorldState.initial(PACK).apply(down("landline"), 0)
    assert [c for c, _ in world.link_channels("county-eoc", "township", 0)] == ["phone", "mobile"]
    assert [h.status for _, h in world.link_channels("township", "county-eoc", 0)] == [Status.down, Status.up]
    assert world.link_channels("port", "county-eoc", 0) == []  # one-way link
    assert [c for c, _ in world.link_channels("county-eoc", "port", 0)] == ["mobile"]


def test_apply_returns_a_new_state_and_leaves_the_old_one() -> None:
    first = WorldState.initial(PACK)
    second = first.apply(down("landline"), 0)
    assert first.system_health("landline", "county", 0).status is Status.up
    assert second.system_health("landline", "county", 0).status is Status.down


def test_reasons_in_traditional_chinese() -> None:
    world = WorldState.initial(PACK).apply(down("power", "valley"), 0, lang="zh-TW")
    text = world.system_health("mobile", "valley", 180).summary()
    assert "自 T+03:00 起中斷" in text and "備援維持 3小時" in text


@pytest.mark.parametrize(
    "call",
    [
        lambda w: w.system_health("nope", "county", 0),
        lambda w: w.system_health("power", "nowhere", 0),
        lambda w: w.agency_health("ghost", 0),
        lambda w: w.apply(InfrastructureEffect(system="power", area="atlantis", status=Status.down), 0),
    ],
)
def test_unknown_ids_are_named_with_what_exists(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownItem) as error:
        call(WorldState.initial(PACK))
    assert "unknown" in str(error.value) and "the pack has:" in str(error.value)

"""Usable graph and warning cascade on hand-made packs, times worked out by hand."""

from __future__ import annotations

import math

from exercise.network.cascade import warning_cascade
from exercise.network.graph import planned_graph, status_graph, usable_graph
from exercise.network.world import WorldState
from exercise.scenario.models import AgencyEffect, InfrastructureEffect, Status
from tests.network.packs import link, make_pack

# county-eoc -> township -> village, plus a slow satellite shortcut county-eoc -> village
PACK = make_pack(
    [("county-eoc", "county"), ("township", "township"), ("village", "valley"), ("port", "coast")],
    [
        link("county-eoc", "township", "phone", "mobile"),
        link("township", "village", "mobile"),
        link("county-eoc", "village", "sat", one_way=True),
        link("county-eoc", "port", "phone"),
    ],
    actors=[{"id": "cwa", "name": "Weather service"}],
    injects=[{"id": "I-1", "module": "M1", "time": 0, "from": "cwa", "to": ["county-eoc"],
              "channel": "phone", "title": "Warning", "message": "Typhoon"}],
)


def test_planned_graph_has_both_directions_and_attributes() -> None:
    graph = planned_graph(PACK)
    assert graph.has_edge("township", "county-eoc") and not graph.has_edge("village", "county-eoc")
    assert graph.edges["county-eoc", "township"]["channels"] == ["phone", "mobile"]
    assert graph.edges["county-eoc", "township"]["cost"] == 1
    assert graph.nodes["village"]["area"] == "valley"


def test_usable_graph_drops_links_with_no_working_channel_and_keeps_the_reason() -> None:
    world = WorldState.initial(PACK).apply(InfrastructureEffect(system="mobile", area="valley", status=Status.down), 0)
    status = status_graph(world, 0)
    edge = status.edges["township", "village"]
    assert edge["usable"] is False and edge["cost"] == math.inf
    assert edge["reasons"][0].text == "Mobile network down in Valley since T+00:00"
    usable = usable_graph(status)
    assert not usable.has_edge("township", "village")
    assert set(usable.nodes) == set(PACK_AGENCIES)
    # county-eoc -> township still works; its cost is the best channel (mobile, 1 min)
    assert usable.edges["county-eoc", "township"]["cost"] == 1


PACK_AGENCIES = ["county-eoc", "township", "village", "port"]


def test_link_cost_falls_back_to_next_channel() -> None:
    world = WorldState.initial(PACK).apply(InfrastructureEffect(system="mobile", status=Status.down), 0)
    edge = status_graph(world, 0).edges["county-eoc", "township"]
    assert edge["usable"] and edge["best_channel"] == "phone" and edge["cost"] == 2


def test_cascade_times_and_routes() -> None:
    cascade = warning_cascade(WorldState.initial(PACK), "county-eoc", 60)
    assert cascade.delay("county-eoc") == 0
    assert cascade.delay("township") == 1
    assert cascade.delay("village") == 2  # via township on mobile, faster than satellite (5)
    assert cascade.arrivals["village"].route == ("county-eoc", "township", "village")
    assert cascade.arrivals["village"].channels == ("mobile", "mobile")
    assert cascade.delay("port") == 2
    assert cascade.unreachable == {}


def test_cascade_falls_back_to_satellite_when_mobile_fails() -> None:
    world = WorldState.initial(PACK).apply(InfrastructureEffect(system="mobile", area="valley", status=Status.down), 0)
    cascade = warning_cascade(world, "county-eoc", 0)
    assert cascade.delay("village") == 5
    assert cascade.arrivals["village"].channels == ("sat",)


def test_batteries_running_out_during_the_cascade_count() -> None:
    # power lost in the valley at T+00:00: mobile works until T+03:00 there
    world = WorldState.initial(PACK).apply(InfrastructureEffect(system="power", area="valley", status=Status.down), 0)
    assert warning_cascade(world, "county-eoc", 178).delay("village") == 2
    # leaving township at 180 exactly: mobile in the valley is down, satellite from county-eoc wins
    assert warning_cascade(world, "county-eoc", 179).delay("village") == 5


def test_unreachable_agency_says_why() -> None:
    world = (
        WorldState.initial(PACK)
        .apply(InfrastructureEffect(system="landline", area="coast", status=Status.down), 0)
        .apply(AgencyEffect(agency="township", status=Status.down, reason="flooded"), 0)
    )
    cascade = warning_cascade(world, "county-eoc", 0)
    assert cascade.delay("port") == math.inf
    assert cascade.unreachable["port"] == (
        "COUNTY-EOC T+00:00 phone: Landline network down in Coast since T+00:00",
    )
    assert cascade.unreachable["township"] == ("TOWNSHIP down since T+00:00: flooded",)
    assert cascade.delay("village") == 5  # satellite does not need the township


def test_cascade_from_an_actor_uses_its_injects() -> None:
    cascade = warning_cascade(WorldState.initial(PACK), "cwa", 0)
    assert cascade.delay("county-eoc") == 2  # the inject's channel is the phone
    assert cascade.arrivals["township"].route == ("cwa", "county-eoc", "township")
    assert cascade.delay("village") == 4


def test_down_source_reaches_nobody() -> None:
    world = WorldState.initial(PACK).apply(AgencyEffect(agency="county-eoc", status=Status.down), 0)
    cascade = warning_cascade(world, "county-eoc", 0)
    assert cascade.arrivals == {}
    assert set(cascade.unreachable) == set(PACK_AGENCIES)


def test_what_if_parameters_remove_kinds_and_agencies() -> None:
    world = WorldState.initial(PACK)
    assert warning_cascade(world, "county-eoc", 0, without_kinds={"mobile"}).delay("village") == 5
    cascade = warning_cascade(world, "county-eoc", 0, without_agencies={"township"})
    assert cascade.arrivals["village"].channels == ("sat",)
    assert "township" in cascade.unreachable


def test_a_sender_may_wait_for_a_repair_when_that_is_sooner() -> None:
    world = (
        WorldState.initial(PACK)
        .apply(InfrastructureEffect(system="mobile", area="valley", status=Status.down), 0)
        .apply(InfrastructureEffect(system="mobile", area="valley", status=Status.up), 3)
    )
    # satellite would arrive at T+00:05; waiting for mobile at T+00:03 arrives at T+00:04
    cascade = warning_cascade(world, "county-eoc", 0)
    assert cascade.delay("village") == 4
    assert cascade.arrivals["village"].channels == ("mobile", "mobile")

"""Issue #18: terminals handed over during play move with their holders (the world answers with
the holdings of the minute asked), and a pair seated in the EOC passes messages in the in-person
minute, not at the latency of the channel it was planned on (cascade, status graph, delivery)."""

from __future__ import annotations

from typing import Any

from exercise.conduct.messaging import check_channel
from exercise.network.cascade import warning_cascade
from exercise.network.graph import status_graph
from exercise.network.seats import IN_PERSON_MINUTES, in_person_minutes
from exercise.network.world import WorldState
from exercise.scenario.loader import load_pack_text
from exercise.scenario.models import InfrastructureEffect, ScenarioPack, Status
from exercise.scenario.writer import pack_to_yaml
from tests.network.packs import link, make_pack


def _pack(data_change: Any = None, **make: Any) -> ScenarioPack:
    pack = make_pack(**make)
    data = pack.model_dump(mode="json", by_alias=True, exclude_none=True)
    if data_change is not None:
        data_change(data)
    result = load_pack_text(pack_to_yaml(ScenarioPack.model_validate(data)), file="p.yaml")
    assert result.ok, [str(p) for p in result.problems]
    return result.valid_pack


def _terminals(data: dict[str, Any]) -> None:
    """Satellite phones need a terminal; the EOC holds both."""
    next(c for c in data["channels"] if c["id"] == "sat")["terminals"] = "satphone"
    data["resource_types"] = [{"id": "satphone", "name": "Satellite phone handset"}]
    data["resources"] = [{"agency": "eoc", "type": "satphone", "quantity": 2}]


def _sat_pack() -> ScenarioPack:
    """eoc (county) - chief (valley) by satellite phone only; town - chief by mobile."""
    return _pack(_terminals, agencies=[("eoc", "county"), ("town", "township"), ("chief", "valley")],
                 links=[link("eoc", "chief", "sat"), link("town", "chief", "mobile"),
                        link("eoc", "town", "phone")])


def test_a_terminal_handed_over_works_from_its_minute_and_the_giver_keeps_what_is_left() -> None:
    world = WorldState.initial(_sat_pack())
    handed = world.hand_over("satphone", "eoc", "chief", 1, 30, source="REQ-1")
    assert (handed.holds("chief", "satphone", 29), handed.holds("chief", "satphone", 30)) == (0, 1)
    assert handed.holds("eoc", "satphone", 30) == 1
    before = handed.channel_health("sat", "eoc", "chief", 29)
    assert before.status is Status.down and before.summary() == "Satellite phone: CHIEF holds no terminal"
    assert handed.channel_health("sat", "eoc", "chief", 30).status is Status.up
    assert world.channel_health("sat", "eoc", "chief", 30).status is Status.down  # unchanged
    assert 30 in handed.change_times() and handed.version == world.version + 1
    # handing on the last one takes the channel from the giver, from that minute
    gone = handed.hand_over("satphone", "eoc", "town", 1, 50)
    assert gone.channel_health("sat", "eoc", "chief", 49).status is Status.up
    lost = gone.channel_health("sat", "eoc", "chief", 50)
    assert lost.status is Status.down and lost.reasons[0].text == "Satellite phone: EOC holds no terminal"
    assert lost.reasons[0].since == 50


def test_no_terminal_reads_in_the_readers_language_with_no_effect_applied() -> None:
    world = WorldState.initial(_sat_pack())
    health = world.in_language("zh-TW").channel_health("sat", "eoc", "chief", 0)
    assert health.status is Status.down and "沒有" in health.summary() and "終端設備" in health.summary()
    assert world.in_language("zh-TW") is world.in_language("zh-TW")  # its caches are kept


def test_the_cascade_waits_for_the_handover_when_nothing_else_reaches_the_field() -> None:
    cut = WorldState.initial(_sat_pack()).apply(
        InfrastructureEffect(system="mobile", status=Status.down), 0, "M")
    assert "chief" not in warning_cascade(cut, "eoc", 0).arrivals
    handed = cut.hand_over("satphone", "eoc", "chief", 1, 30)
    assert warning_cascade(handed, "eoc", 0).arrivals["chief"].time == 35  # 30 + the sat phone's 5


def test_a_message_checked_at_its_minute_follows_the_holdings_then() -> None:
    world = WorldState.initial(_sat_pack()).hand_over("satphone", "eoc", "chief", 1, 30)
    early = check_channel(world, "sat", "chief", "eoc", 20)
    assert not early.usable and early.reason.startswith("Satellite phone: CHIEF holds no terminal")
    late = check_channel(world, "sat", "chief", "eoc", 40)
    assert late.usable and late.latency == 5


def _seated(data: dict[str, Any], in_room: int | None = None) -> None:
    data["agencies"][1]["seated_in"] = "eoc"
    if in_room is not None:
        data["channels"].append({"id": "room", "kind": "in_person", "name": "Face to face in the EOC",
                                 "latency": in_room, "independent_because": "same room"})


def _seat_pack(in_room: int | None = None, seated: bool = True) -> ScenarioPack:
    """eoc (county) -phone (2 min)- works (seated in the eoc) -mobile- crew."""
    return _pack((lambda d: _seated(d, in_room)) if seated else None,
                 agencies=[("eoc", "county"), ("works", "township"), ("crew", "valley")],
                 links=[link("eoc", "works", "phone"), link("works", "crew", "mobile")])


def test_a_seated_pair_passes_messages_in_the_in_person_minute() -> None:
    assert in_person_minutes(_seat_pack()) == IN_PERSON_MINUTES == 1
    assert in_person_minutes(_seat_pack(in_room=3)) == 3  # the pack's own face-to-face minute
    plain = warning_cascade(WorldState.initial(_seat_pack(seated=False)), "eoc", 0)
    seated = warning_cascade(WorldState.initial(_seat_pack()), "eoc", 0)
    assert (plain.arrivals["works"].time, plain.arrivals["crew"].time) == (2, 3)  # phone, mobile
    assert (seated.arrivals["works"].time, seated.arrivals["crew"].time) == (1, 2)
    slow_room = warning_cascade(WorldState.initial(_seat_pack(in_room=3)), "eoc", 0)
    assert slow_room.arrivals["works"].time == 3
    # the landline lost changes nothing in the room, and delivery takes the in-person minute
    down = WorldState.initial(_seat_pack()).apply(
        InfrastructureEffect(system="landline", status=Status.down), 0, "L")
    assert warning_cascade(down, "eoc", 0).arrivals["works"].time == 1
    verdict = check_channel(down, "phone", "works", "eoc", 10)
    assert verdict.usable and verdict.latency == 1
    assert status_graph(down, 10).edges["eoc", "works"]["cost"] == 1
    # the field unit keeps its channel's latency
    assert check_channel(down, "mobile", "works", "crew", 10).latency == 1  # mobile's own minute
    assert check_channel(WorldState.initial(_seat_pack(in_room=3)), "mobile", "works", "crew",
                         10).latency == 1


def test_the_status_graph_asks_each_pair_for_its_terminals() -> None:
    """Two field units in the same area: only the one handed a terminal has the satellite phone
    (channels are otherwise shared between pairs of the same two areas)."""
    pack = _pack(_terminals, agencies=[("eoc", "county"), ("a", "valley"), ("b", "valley")],
                 links=[link("eoc", "a", "sat"), link("eoc", "b", "sat")])
    world = WorldState.initial(pack).hand_over("satphone", "eoc", "a", 1, 0)
    graph = status_graph(world, 0)
    assert (graph.edges["eoc", "a"]["usable"], graph.edges["eoc", "b"]["usable"]) == (True, False)

"""Representatives seated in an EOC (進駐): in person with the EOC while it stands, whatever the
planned channels depend on; the fragile links are those to their own field units."""

from __future__ import annotations

from exercise.network.findings import fragility_findings
from exercise.network.graph import status_graph
from exercise.network.reach import reached_from
from exercise.network.timeline import follow_timeline
from exercise.network.world import WorldState
from exercise.scenario.loader import load_pack_text
from exercise.scenario.models import AgencyEffect, InfrastructureEffect, ScenarioPack, Status
from exercise.scenario.problems import Severity
from exercise.scenario.writer import pack_to_yaml
from tests.network.packs import link, make_pack


def _pack(seated: bool = True, linked: bool = True) -> ScenarioPack:
    """eoc (county) -phone- works (township; its representative seated in the eoc) -mobile-
    crew (valley, the works bureau's field unit)."""
    pack = make_pack([("eoc", "county"), ("works", "township"), ("crew", "valley")],
                     [*([link("eoc", "works", "phone")] if linked else []),
                      link("works", "crew", "mobile")])
    if not seated:
        return pack
    data = pack.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["agencies"][1]["seated_in"] = "eoc"
    result = load_pack_text(pack_to_yaml(ScenarioPack.model_validate(data)))
    assert result.pack is not None
    return result.pack


def test_a_seated_representative_is_reached_when_the_phones_are_down() -> None:
    down = InfrastructureEffect(system="landline", status=Status.down, reason="Exchange flooded")
    for seated, expected in ((False, {"eoc"}), (True, {"eoc", "works", "crew"})):
        world = WorldState.initial(_pack(seated)).apply(down, 0, "I1")
        assert reached_from(status_graph(world, 10), "eoc") == expected


def test_the_field_unit_still_falls_silent_when_its_channel_fails() -> None:
    pack = _pack()
    world = WorldState.initial(pack).apply(
        InfrastructureEffect(system="power", area="valley", status=Status.down), 0, "P1")
    followed = follow_timeline(world, "eoc", [(0, pack.injects[0])] if pack.injects else [])
    assert [(c.agency, c.at) for c in followed.cut_offs] == [("crew", 180)]
    assert followed.cut_offs[0].ways_in == (("works", "crew"),)


def test_the_room_is_lost_with_the_eoc() -> None:
    pack = _pack()
    world = WorldState.initial(pack).apply(
        AgencyEffect(agency="eoc", status=Status.down, reason="EOC building evacuated"), 30, "E1")
    health = world.channel_health("phone", "works", "eoc", 30)
    assert health.status is Status.down and "evacuated" in health.summary()
    assert world.channel_health("phone", "works", "eoc", 29).status is Status.up


def test_findings_no_longer_blame_the_phone_between_the_eoc_and_its_seated_bureau() -> None:
    plain = [f.text for f in fragility_findings(_pack(seated=False))]
    seated = [f.text for f in fragility_findings(_pack())]
    assert any("landline network" in text for text in plain)
    assert not any("landline network" in text for text in seated)
    assert any("mobile network" in text for text in seated)


def test_seated_in_must_name_another_agency_and_a_link_to_it() -> None:
    data = _pack(seated=False).model_dump(mode="json", by_alias=True, exclude_none=True)
    data["agencies"][1]["seated_in"] = "eocc"
    result = load_pack_text(pack_to_yaml(ScenarioPack.model_validate(data)), file="p.yaml")
    assert [p.path for p in result.errors] == [("agencies", 1, "seated_in")]
    assert "not an agency of the pack" in result.errors[0].message
    unlinked = _pack(seated=False, linked=False).model_dump(mode="json", by_alias=True, exclude_none=True)
    unlinked["agencies"][1]["seated_in"] = "eoc"
    result = load_pack_text(pack_to_yaml(ScenarioPack.model_validate(unlinked)))
    assert result.ok
    [warning] = [p for p in result.problems if p.severity is Severity.warning and p.path[0] == "agencies"]
    assert "no planned link joins them" in warning.message


def test_a_desk_sees_where_its_representative_sits_and_who_sits_in_its_room() -> None:
    from exercise.network.seats import seat_of

    pack = _pack()
    world = WorldState.initial(pack).apply(AgencyEffect(agency="eoc", status=Status.down), 60, "E1")
    assert seat_of(world, "works", 0) == seat_of(world, "works", 59)
    assert (seat_of(world, "works", 0).eoc, seat_of(world, "works", 0).standing) == ("eoc", True)
    assert seat_of(world, "works", 60).standing is False
    assert seat_of(world, "eoc", 0).seated_here == ("works",) and seat_of(world, "eoc", 0).eoc is None
    assert seat_of(world, "crew", 0).seated_here == () and seat_of(world, "crew", 0).eoc is None

"""Channels that can fail: handsets that run flat when their charging is lost, congestion in the
first hours, and terminals that are a resource (only holders can use the channel)."""

from __future__ import annotations

from typing import Any

from exercise.design.bite import bite_findings, failure_bite
from exercise.network.findings import fragility_findings
from exercise.network.graph import status_graph
from exercise.network.reach import reached_from
from exercise.network.timeline import reach_over_time
from exercise.network.world import WorldState
from exercise.scenario.loader import LoadResult, load_pack_text
from exercise.scenario.models import InfrastructureEffect, ScenarioPack, Status
from exercise.scenario.writer import pack_to_yaml
from tests.network.packs import link, make_pack


def _load(sat: dict[str, Any] | None = None, mobile: dict[str, Any] | None = None,
          resources: list[dict[str, Any]] | None = None) -> LoadResult:
    """eoc (county) - chief (valley) by satellite phone only; town (township) - chief by mobile."""
    pack = make_pack([("eoc", "county"), ("town", "township"), ("chief", "valley")],
                     [link("eoc", "chief", "sat"), link("town", "chief", "mobile"),
                      link("eoc", "town", "phone")])
    data = pack.model_dump(mode="json", by_alias=True, exclude_none=True)
    channels = {c["id"]: c for c in data["channels"]}
    channels["sat"].update(sat or {})
    channels["mobile"].update(mobile or {})
    if resources is not None:
        data["resource_types"] = [{"id": "satphone", "name": "Satellite phone handset"}]
        data["resources"] = resources
    return load_pack_text(pack_to_yaml(ScenarioPack.model_validate(data)), file="p.yaml")


def _pack(**changes: Any) -> ScenarioPack:
    result = _load(**changes)
    assert result.ok, [str(p) for p in result.problems]
    return result.valid_pack


def test_satellite_handsets_run_flat_when_their_charging_is_lost() -> None:
    pack = _pack(sat={"charging": {"system": "power", "backup": 480}})
    world = WorldState.initial(pack).apply(
        InfrastructureEffect(system="power", area="valley", status=Status.down, reason="Storm"), 60, "P1")
    assert world.channel_health("sat", "eoc", "chief", 539).status is Status.up
    health = world.channel_health("sat", "eoc", "chief", 540)
    assert health.status is Status.down
    assert health.summary().startswith("Satellite phone down in Valley since T+09:00")
    assert "batteries lasted 8 h" in health.summary() and health.reasons[0].source == "P1"
    assert 540 in world.change_times()
    # without a charging rule the satellite phone never fails
    plain = WorldState.initial(_pack()).apply(
        InfrastructureEffect(system="power", area="valley", status=Status.down), 60, "P1")
    assert plain.channel_health("sat", "eoc", "chief", 5000).status is Status.up


def test_congestion_degrades_or_cuts_a_channel_for_a_while_then_it_recovers() -> None:
    pack = _pack(mobile={"congestion": [{"start": 0, "end": 180, "status": "down", "area": "valley",
                                         "reason": "everyone calls at once"}]})
    world = WorldState.initial(pack)
    assert world.channel_health("mobile", "town", "chief", 100).status is Status.down
    assert "(congested)" in world.channel_health("mobile", "town", "chief", 100).summary()
    assert world.channel_health("mobile", "town", "chief", 180).status is Status.up
    changes = reach_over_time(world, "town", start=-1)
    assert [(c.at, [(x.a, x.b) for x in c.lost], c.back) for c in changes] == [
        (0, [("chief", "town"), ("town", "chief")], ()), (180, [], (("chief", "town"), ("town", "chief")))]
    degraded = _pack(mobile={"congestion": [{"end": 120}]})
    assert WorldState.initial(degraded).channel_health("mobile", "town", "chief", 0).status is Status.degraded


def test_only_agencies_holding_a_terminal_can_use_the_channel() -> None:
    lacking = _pack(sat={"terminals": "satphone"},
                    resources=[{"agency": "eoc", "type": "satphone", "quantity": 6}])
    world = WorldState.initial(lacking)
    health = world.channel_health("sat", "eoc", "chief", 0)
    assert health.status is Status.down and health.summary() == "Satellite phone: CHIEF holds no terminal"
    assert reached_from(status_graph(world, 0), "eoc") == {"eoc", "town", "chief"}  # via the town
    cut = WorldState.initial(lacking).apply(InfrastructureEffect(system="mobile", status=Status.down), 0, "M")
    assert "chief" not in reached_from(status_graph(cut, 0), "eoc")
    assert [c.cut_off for c in reach_over_time(cut, "eoc", start=-1)] == [("chief",)]
    handed = _pack(sat={"terminals": "satphone"},
                   resources=[{"agency": "eoc", "type": "satphone", "quantity": 5},
                              {"agency": "chief", "type": "satphone", "quantity": 1}])
    assert WorldState.initial(handed).channel_health("sat", "eoc", "chief", 0).status is Status.up
    # the hub (the chief) can no longer count on the EOC's satellite phone as its other way out
    assert "if the mobile network goes down in Valley, EOC cannot be reached from CHIEF at all" in [
        f.text for f in fragility_findings(lacking)]
    assert "if the mobile network goes down in Valley, EOC can be reached only through CHIEF's satellite phone" in [
        f.text for f in fragility_findings(_pack())]


def test_unknown_charging_system_area_or_resource_is_reported_where_it_is_written() -> None:
    result = _load(sat={"charging": {"system": "powr", "backup": 60}, "terminals": "phones",
                        "congestion": [{"end": 60, "area": "vally"}]})
    assert {p.path for p in result.errors} == {
        ("channels", 2, "charging", "system"), ("channels", 2, "terminals"),
        ("channels", 2, "congestion", 0, "area")}
    assert "unknown infrastructure system 'powr'" in str(result.errors[0]) or any(
        "'powr'" in str(p) for p in result.errors)
    text = pack_to_yaml(_pack(mobile={"congestion": [{"start": 60, "end": 90}]}))
    backwards = load_pack_text(text.replace("end: T+01:30", "end: T+00:30"), file="p.yaml")
    assert not backwards.ok and any("end after it starts" in str(p) for p in backwards.errors)


def test_a_channel_that_says_why_it_depends_on_nothing_is_not_a_doctor_warning() -> None:
    def warned(pack: ScenarioPack) -> bool:
        found = bite_findings(pack, failure_bite(pack, WorldState.initial(pack)))
        return any(f.code == "bite.no_dependency" for f in found)

    assert warned(_pack())
    assert not warned(_pack(sat={"independent_because": "own batteries; satellites outside the area"}))
    assert not warned(_pack(sat={"charging": {"system": "power", "backup": 480}}))


def test_network_lists_how_each_channel_can_fail_and_who_holds_the_terminals(tmp_path, capsys) -> None:
    from exercise.cli import main

    pack = _pack(sat={"terminals": "satphone", "charging": {"system": "power", "backup": 480}},
                 mobile={"congestion": [{"end": 120, "area": "valley"}]},
                 resources=[{"agency": "eoc", "type": "satphone", "quantity": 6}])
    path = tmp_path / "p.yaml"
    path.write_text(pack_to_yaml(pack), encoding="utf-8")
    assert main(["network", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Mobile phone: depends on Mobile network; congested (degraded) in Valley T+00:00–T+02:00" in out
    assert ("Satellite phone: handsets charged from Grid power, batteries last 8 h; 6 terminals "
            "(Satellite phone handset) held by EOC 6; planned links over it with an end that holds "
            "no terminal: EOC - CHIEF") in out


def test_the_report_annex_sees_congestion_start_and_end() -> None:
    from exercise.conduct.rehearsal import simulate
    from exercise.report.annex import communications_annex

    pack = _pack(mobile={"congestion": [{"start": 0, "end": 180, "status": "down", "area": "valley",
                                         "reason": "everyone calls at once"}]},
                 sat={"terminals": "satphone"}, resources=[])
    data = pack.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["injects"] = [{"id": "X1", "module": "M1", "time": 300, "from": "eoc", "to": ["town"],
                        "title": "Later", "message": "Later"}]
    state = simulate(pack_to_yaml(ScenarioPack.model_validate(data)))
    # the hub is the chief; with no satellite terminals its only way out is the congested mobile
    periods = {p.a: p.detail for p in communications_annex(state, "en", graphs=False).unreachable_periods}
    assert periods["TOWN"] == ("T+00:00–T+03:00: Mobile phone down in Valley since T+00:00 (congested): "
                               "everyone calls at once")
    assert periods["EOC"].startswith("T+00:00–T+03:00: Satellite phone: CHIEF holds no terminal")

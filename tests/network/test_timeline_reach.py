"""The pack's own timeline: when each agency is cut off from the hub, by which inject's effect
and which dependency, in `exercise network --at` and in `exercise rehearse`."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from exercise.cli import main
from exercise.conduct.rehearsal import rehearse
from exercise.network.graph import status_graph
from exercise.network.reach import reached_from, unreachable_from
from exercise.network.timeline import follow_timeline, world_on_timeline
from exercise.network.world import WorldState
from exercise.scenario.models import InfrastructureEffect, ScenarioPack, Status
from exercise.scenario.writer import pack_to_yaml
from tests.network.packs import link, make_pack


def _inject(inject_id: str, time: int, **more: object) -> dict[str, object]:
    return {"id": inject_id, "module": "M1", "time": time, "from": "eoc", "to": ["town"],
            "title": inject_id, "message": inject_id, **more}


def _pack() -> ScenarioPack:
    """eoc (county) -phone- town (township) -mobile- chief (valley); power fails in the valley
    at T+01:00 (P1), the mobile network there lives 3 h on batteries, so the chief is cut off at
    T+04:00, not at P1's release; Q1 at T+05:00 expects the town to call the chief."""
    return make_pack(
        [("eoc", "county"), ("town", "township"), ("chief", "valley")],
        [link("eoc", "town", "phone"), link("town", "chief", "mobile")],
        injects=[
            _inject("P1", 60, effects=[{"system": "power", "area": "valley", "status": "down",
                                        "reason": "Lines down"}]),
            _inject("X1", 120),
            _inject("Q1", 300, expected_contacts=[{"from": "town", "to": "chief"}]),
        ],
    )


def _schedule(pack: ScenarioPack) -> list[tuple[float, object]]:
    return [(float(i.time), i) for i in pack.injects]


def test_an_agency_is_cut_off_when_the_battery_runs_out_by_the_inject_that_caused_it() -> None:
    pack = _pack()
    schedule = _schedule(pack)
    world = world_on_timeline(pack, schedule)  # type: ignore[arg-type]
    followed = follow_timeline(world, "eoc", schedule)  # type: ignore[arg-type]
    [cut] = followed.cut_offs
    assert (cut.agency, cut.at, cut.sources) == ("chief", 240, ("P1",))
    assert "Mobile network down in Valley since T+04:00" in cut.reasons[0].text
    assert "Grid power down in Valley since T+01:00" in cut.reasons[0].text  # the dependency
    assert cut.ways_in == (("town", "chief"),)
    assert followed.unreachable_at(239) == () and followed.unreachable_at(240) == ("chief",)
    assert [c.agency for c in followed.bites["P1"].cut_off] == ["chief"]
    assert followed.bites["X1"].cut_off == () and followed.bites["X1"].lost_links == ()
    assert {(x.a, x.b, x.at) for x in followed.bites["P1"].lost_links} == {
        ("town", "chief", 240), ("chief", "town", 240)}
    [contact] = followed.bites["Q1"].contacts
    assert (contact.a, contact.b, contact.at, contact.sources) == ("town", "chief", 300, ("P1",))
    assert followed.bites["P1"].contacts_broken == (contact,)


def test_power_back_before_the_batteries_run_out_cuts_no_one() -> None:
    pack = _pack()
    world = world_on_timeline(pack, _schedule(pack))  # type: ignore[arg-type]
    world = world.apply(InfrastructureEffect(system="power", area="valley", status=Status.up), 200, "R1")
    followed = follow_timeline(world, "eoc", _schedule(pack))  # type: ignore[arg-type]
    assert followed.cut_offs == () and followed.contacts_lost == ()


def test_rehearse_says_when_and_why_under_the_inject_that_causes_it() -> None:
    rehearsal = rehearse(pack_to_yaml(_pack()))
    lines = {line.inject.id: line for line in rehearsal.lines}
    assert [(c.at, c.unreachable) for c in lines["P1"].reachability] == [(240, ("chief",))]
    assert lines["X1"].reachability == () and lines["Q1"].reachability == ()


def test_rehearse_cli_prints_the_cut_off_minute_and_its_cause(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(pack_to_yaml(_pack()), encoding="utf-8")
    assert main(["rehearse", str(path)]) == 0
    out = capsys.readouterr().out
    after_p1 = out.split("P1", 1)[1].split("X1", 1)[0]
    assert "cut off at T+04:00: CHIEF: Mobile network down in Valley since T+04:00" in after_p1
    assert "(by P1)" in after_p1
    assert "expected contact TOWN -> CHIEF (Q1, T+05:00) cannot be made" in out.split("Q1", 1)[1]


def test_network_at_a_time_follows_the_pack_timeline_unless_told_not_to(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(pack_to_yaml(_pack()), encoding="utf-8")
    assert main(["network", str(path), "--at", "T+03:00"]) == 0
    early = capsys.readouterr().out
    assert "Grid power down in Valley since T+01:00" in early and "cut off from" not in early
    assert main(["network", str(path), "--at", "T+05:00", "--source", "eoc"]) == 0
    late = capsys.readouterr().out
    assert "T+04:00  CHIEF cut off from EOC: Mobile network down in Valley" in late
    assert "Unreachable from EOC at T+05:00: CHIEF" in late
    assert "P1 at T+01:00: 2 planned links lost, 1 agencies cut off, 1 expected contacts broken" in late
    assert main(["network", str(path), "--at", "T+05:00", "--no-timeline"]) == 0
    plain = capsys.readouterr().out
    assert "Grid power" not in plain and "cut off from" not in plain


def test_one_reach_for_status_graphs_and_plain_links() -> None:
    pack = _pack()
    world = WorldState.initial(pack).apply(
        InfrastructureEffect(system="landline", status=Status.down), 0, "L")
    status = status_graph(world, 0)
    assert reached_from(status, "eoc") == {"eoc"}  # the phone link is down
    assert unreachable_from(status, "eoc") == ("chief", "town")
    assert reached_from(status_graph(WorldState.initial(pack), 0), "eoc") == {"eoc", "town", "chief"}
    assert reached_from({"a": ["b"], "b": ["c"], "d": ["a"]}, "a") == {"a", "b", "c"}
    assert reached_from(nx.DiGraph([("a", "b")]), "z") == set() and reached_from({}, None) == set()

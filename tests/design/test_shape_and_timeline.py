"""Shape beside the reference networks, and reach over the timeline against a brute-force
recomputation of the usable graph at every minute."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise.design.bite import hub_of, timeline_world
from exercise.design.shape import planned_shape, reference_ranges, shape_findings
from exercise.network.graph import status_graph, usable_graph
from exercise.network.reference import load_reference
from exercise.network.timeline import reach_over_time
from exercise.scenario.loader import load_pack, load_pack_text
from tests.design.packs import GOOD, codes, run

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def _pack_from_network(graph: nx.DiGraph) -> str:
    data = yaml.safe_load(GOOD)
    ids = {node: f"org-{node}" for node in graph}
    data["agencies"] = [{"id": ids[n], "name": f"Org {n}", "level": "local", "sector": "x",
                         "area": "north"} for n in graph]
    data["links"] = [{"from": ids[a], "to": ids[b], "channels": ["phone"], "direction": "one_way"}
                     for a, b in graph.edges()]
    first = ids[next(iter(graph))]
    for inject in data["injects"]:
        inject["to"] = [first]
        inject.pop("expected_contacts", None)
        inject.pop("channel", None)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_a_real_response_network_as_a_contact_plan_is_within_every_range():
    diagnosis = run(_pack_from_network(load_reference("Cheyenne")))
    shape = [c for c in codes(diagnosis) if c.startswith("shape.")]
    assert sorted(shape) == sorted(f"shape.{m}.within" for m in
                                   ("density", "centralization", "reciprocity", "transitivity"))


def test_a_star_shaped_plan_is_above_on_centralisation_and_below_on_transitivity():
    star = nx.DiGraph()
    for n in range(1, 7):
        star.add_edge(0, n)
        star.add_edge(n, 0)
    found = set(codes(run(_pack_from_network(star))))
    assert {"shape.centralization.above", "shape.transitivity.below",
            "shape.reciprocity.above"} <= found


def test_reference_ranges_cover_the_published_emon_figures():
    ranges = reference_ranges()
    assert ranges["centralization"][0] == pytest.approx(0.29, abs=0.01)
    assert ranges["centralization"][1] == pytest.approx(0.63, abs=0.01)
    assert ranges["transitivity"] == pytest.approx((0.51, 0.83), abs=0.01)


def test_shape_says_nothing_on_two_agencies():
    assert shape_findings(planned_shape(nx.DiGraph([("a", "b")])), 2) == []


def _brute_force(world, hub, minutes):  # type: ignore[no-untyped-def]
    out = {}
    for minute in minutes:
        usable = usable_graph(status_graph(world, minute))
        out[minute] = (set(usable.edges()), set(nx.descendants(usable, hub)) | {hub})
    return out


def _check(pack) -> None:  # type: ignore[no-untyped-def]
    world = timeline_world(pack, "en")
    hub = hub_of(pack, world)
    start = min([0, *(i.time for i in pack.injects)]) - 1
    changes = reach_over_time(world, hub, start=start)
    minutes = sorted({start, *world.change_times()} - {m for m in world.change_times() if m <= start})
    truth = _brute_force(world, hub, minutes)
    edges, reached = truth[start]
    by_minute = {change.at: change for change in changes}
    for minute in minutes[1:]:
        change = by_minute.get(minute)
        if change is not None:
            edges = (edges - {(x.a, x.b) for x in change.lost}) | set(change.back)
            reached = (reached - set(change.cut_off)) | set(change.reconnected)
        assert (edges, reached) == truth[minute], f"at minute {minute}"


@pytest.mark.parametrize("name", ["earthquake-east-coast", "barrier-lake-outburst",
                                  "classroom-45min-flood"])
def test_reach_over_time_matches_the_usable_graph_at_every_change(name):
    _check(load_pack(SCENARIOS / f"{name}.yaml").pack)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outages=st.lists(st.tuples(st.sampled_from(["power", "mobile", "landline"]),
                                  st.sampled_from(["north", "south", None]),
                                  st.sampled_from(["down", "degraded", "up"]),
                                  st.integers(0, 599)), max_size=6),
       agency_down=st.one_of(st.none(), st.tuples(st.sampled_from(["eoc", "fire", "village"]),
                                                  st.integers(0, 599))))
def test_reach_over_time_matches_brute_force_for_any_outages(outages, agency_down):
    data = yaml.safe_load(GOOD)
    effects = [{"system": s, **({"area": a} if a else {}), "status": st_} for s, a, st_, _ in outages]
    extra = []
    for n, (effect, (_, _, _, minute)) in enumerate(zip(effects, outages, strict=True)):
        extra.append({"id": f"X-{n}", "module": "M1", "time": minute, "from": "weather",
                      "to": ["eoc"], "title": "x", "message": "x", "effects": [effect]})
    if agency_down:
        extra.append({"id": "X-A", "module": "M1", "time": agency_down[1], "from": "weather",
                      "to": ["eoc"], "title": "x", "message": "x",
                      "effects": [{"agency": agency_down[0], "status": "down"}]})
    data["injects"] += extra
    result = load_pack_text(yaml.safe_dump(data, allow_unicode=True))
    assert result.ok, result.problems[:2]
    _check(result.pack)

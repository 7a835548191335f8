"""Property tests: failures never help, and a repair undoes exactly its failure."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise.network.cascade import warning_cascade
from exercise.network.graph import status_graph, usable_graph
from exercise.network.world import WorldState
from exercise.scenario.models import InfrastructureEffect, ScenarioPack, Status
from tests.network.packs import make_pack

AREAS = ["county", "township", "valley", "coast"]
SYSTEMS = ["power", "mobile", "landline", "radio", "road"]
INFRASTRUCTURE = [
    {"id": "power", "name": "Grid power", "kind": "power"},
    {"id": "mobile", "name": "Mobile network", "kind": "mobile", "depends_on": [{"system": "power", "backup": 180}]},
    {"id": "landline", "name": "Landline", "kind": "landline"},
    {"id": "radio", "name": "Radio repeater", "kind": "radio", "depends_on": [{"system": "power", "backup": 60}]},
    {"id": "road", "name": "Road", "kind": "roads"},
]
CHANNELS = [
    {"id": "phone", "kind": "landline", "depends_on": ["landline"], "latency": 2},
    {"id": "mobile", "kind": "mobile", "depends_on": ["mobile"], "latency": 1},
    {"id": "radio", "kind": "radio", "depends_on": ["radio"], "latency": 3},
    {"id": "runner", "kind": "liaison_officer", "depends_on": ["road", "power"], "latency": 30},
]


@st.composite
def packs(draw: st.DrawFn) -> ScenarioPack:
    count = draw(st.integers(2, 6))
    agencies = [(f"a{i}", draw(st.sampled_from(AREAS))) for i in range(count)]
    pairs = [(f"a{i}", f"a{j}") for i in range(count) for j in range(i + 1, count)]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True))
    links: list[dict[str, Any]] = []
    for a, b in chosen:
        channels = draw(st.lists(st.sampled_from([c["id"] for c in CHANNELS]), min_size=1, max_size=3, unique=True))
        direction = draw(st.sampled_from(["both", "one_way"]))
        links.append({"from": a, "to": b, "channels": channels, "direction": direction})
    return make_pack(agencies, links, channels=CHANNELS, infrastructure=INFRASTRUCTURE)


effects = st.tuples(
    st.sampled_from(SYSTEMS),
    st.sampled_from([None, *AREAS]),
    st.sampled_from(list(Status)),
    st.integers(0, 400),
)


def world_with(pack: ScenarioPack, applied: list[tuple[str, str | None, Status, int]]) -> WorldState:
    world = WorldState.initial(pack)
    for system, area, status, at in applied:
        world = world.apply(InfrastructureEffect(system=system, area=area, status=status), at)
    return world


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(packs(), st.lists(effects, max_size=5), st.sampled_from(SYSTEMS), st.sampled_from([None, *AREAS]),
       st.integers(0, 400), st.integers(0, 500), st.data())
def test_taking_infrastructure_down_never_shortens_a_cascade_or_adds_reachability(
    pack: ScenarioPack, baseline: list, system: str, area: str | None, at: int, start: int, data: st.DataObject
) -> None:  # type: ignore[type-arg]
    source = data.draw(st.sampled_from([a.id for a in pack.agencies]))
    before_world = world_with(pack, baseline)
    after_world = before_world.apply(InfrastructureEffect(system=system, area=area, status=Status.down), at)
    before = warning_cascade(before_world, source, start)
    after = warning_cascade(after_world, source, start)
    assert after.reached() <= before.reached()
    for agency in after.reached():
        assert after.delay(agency) >= before.delay(agency)
    usable_before = set(usable_graph(status_graph(before_world, start)).edges)
    usable_after = set(usable_graph(status_graph(after_world, start)).edges)
    assert usable_after <= usable_before


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(packs(), st.lists(effects, max_size=5), st.data())
def test_restoring_infrastructure_undoes_exactly_its_failure(
    pack: ScenarioPack, baseline: list, data: st.DataObject  # type: ignore[type-arg]
) -> None:
    untouched = [s for s in SYSTEMS if s not in {effect[0] for effect in baseline}]
    if not untouched:
        return
    system = data.draw(st.sampled_from(untouched))
    area = data.draw(st.sampled_from([None, *AREAS]))
    down_at = data.draw(st.integers(0, 300))
    up_at = data.draw(st.integers(down_at, 400))
    start = data.draw(st.integers(up_at, 600))
    source = data.draw(st.sampled_from([a.id for a in pack.agencies]))
    base = world_with(pack, baseline)
    repaired = (
        base.apply(InfrastructureEffect(system=system, area=area, status=Status.down), down_at)
        .apply(InfrastructureEffect(system=system, area=area, status=Status.up), up_at)
    )
    expected = warning_cascade(base, source, start)
    got = warning_cascade(repaired, source, start)
    assert {a: x.time for a, x in got.arrivals.items()} == {a: x.time for a, x in expected.arrivals.items()}
    assert set(got.unreachable) == set(expected.unreachable)
    before = status_graph(base, start)
    after = status_graph(repaired, start)
    assert {e: d["status"] for e, d in after.edges.items()} == {e: d["status"] for e, d in before.edges.items()}

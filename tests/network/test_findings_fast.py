"""The fast fragility findings say exactly what the straightforward computation says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_pack
from exercise.network.dominators import MustHops
from exercise.network.findings import fragility_findings, hub_of, infrastructure_findings
from exercise.network.graph import planned_graph
from exercise.network.paths import Hop, must_hops
from exercise.network.world import WorldState
from exercise.scenario.loader import load_pack
from exercise.scenario.models import AgencyEffect, InfrastructureEffect, Status
from tests.network.reference_findings import reference_findings, reference_infrastructure_findings
from tests.network.test_properties import AREAS, SYSTEMS, packs

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def _same(found: list[Any], expected: list[Any]) -> None:
    assert [(f.kind, f.text, f.agencies) for f in found] == [(f.kind, f.text, f.agencies) for f in expected]


agents = [f"a{i}" for i in range(6)]
hop_sets = st.sets(st.tuples(st.sampled_from(agents), st.sampled_from(agents), st.sampled_from("xyz"))
                   .filter(lambda h: h[0] != h[1]), max_size=25)


@given(hop_sets)
def test_must_hops_from_the_dominator_tree_match_one_search_per_hop(hops: set[Hop]) -> None:
    found = MustHops(hops, "a0")
    as_dict = {hop: frozenset() for hop in hops}
    for target in agents[1:]:
        route_exists = bool(must_hops(as_dict, "a0", target)) or _reaches(hops, "a0", target)
        assert found.reaches(target) == route_exists
        assert found.of(target) == frozenset(must_hops(as_dict, "a0", target))


def _reaches(hops: set[Hop], s: str, t: str) -> bool:
    seen, stack = {s}, [s]
    while stack:
        node = stack.pop()
        for a, b, _ in hops:
            if a == node and b not in seen:
                seen.add(b)
                stack.append(b)
    return t in seen


before_play = st.lists(
    st.one_of(
        st.tuples(st.just("system"), st.sampled_from(SYSTEMS), st.sampled_from([None, *AREAS]),
                  st.sampled_from(list(Status)), st.integers(0, 400)),
        st.tuples(st.just("agency"), st.sampled_from([f"a{i}" for i in range(6)]), st.none(),
                  st.sampled_from([Status.down, Status.degraded, Status.up]), st.integers(0, 400)),
    ),
    max_size=4,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(packs(), before_play, st.integers(0, 300), st.sampled_from([0, 60, 360]), st.sampled_from(["en", "zh-TW"]))
def test_infrastructure_findings_match_the_reference_on_small_packs(pack, applied, at, after, lang) -> None:  # type: ignore[no-untyped-def]
    world = WorldState.initial(pack)
    agencies = {a.id for a in pack.agencies}
    for kind, item, area, status, minute in applied:
        if kind == "system":
            world = world.apply(InfrastructureEffect(system=item, area=area, status=status), minute)
        elif item in agencies:
            world = world.apply(AgencyEffect(agency=item, status=status, reason="flooded"), minute)
    plan = planned_graph(pack, lang)
    hub = hub_of(plan)
    assert hub is not None
    expected = reference_infrastructure_findings(world, plan, hub, lang, at, after)
    _same(infrastructure_findings(world, plan, hub, lang, at, after), expected)
    _same(infrastructure_findings(world, plan, hub, lang, at, after, limit=2), expected[:2])
    _same(fragility_findings(pack, lang, world, at, after), reference_findings(pack, lang, world, at, after))


def test_findings_match_the_reference_on_every_shipped_pack() -> None:
    for path in sorted(SCENARIOS.glob("*.yaml")):
        pack = load_pack(path).pack
        for lang in ("en", "zh-TW"):
            _same(fragility_findings(pack, lang), reference_findings(pack, lang))


def test_findings_match_the_reference_on_synthetic_packs() -> None:
    for seed in (1, 2):
        pack = synthetic_pack(30, 90, 40, seed=seed)
        world = WorldState.initial(pack)
        plan = planned_graph(pack)
        hub = hub_of(plan)
        assert hub is not None
        _same(infrastructure_findings(world, plan, hub, "en", 0, 360),
              reference_infrastructure_findings(world, plan, hub, "en", 0, 360))

"""What-if and Monte Carlo delivery on hand-made packs."""

from __future__ import annotations

import pytest

from exercise.network.montecarlo import delivery_probability, wilson_interval
from exercise.network.whatif import Failure, most_damaging, what_if
from exercise.network.world import WorldState
from tests.network.packs import link, make_pack

# hub-and-spoke: the county EOC is the only way between the township and the port
PACK = make_pack(
    [("county-eoc", "county"), ("township", "township"), ("village", "valley"), ("port", "coast")],
    [link("county-eoc", "township", "phone", "mobile"), link("township", "village", "mobile"),
     link("county-eoc", "port", "phone")],
)


def test_losing_the_broker_cuts_pairs_off() -> None:
    result = what_if(WorldState.initial(PACK), Failure("agency", "county-eoc"), 0)
    # township, village <-> port: 4 ordered pairs lost; pairs with the county EOC do not count
    assert result.lost_pairs == 4
    assert result.label == "lose COUNTY-EOC"


def test_failure_from_a_source_reports_unreachable_slower_and_redundancy() -> None:
    world = WorldState.initial(PACK)
    result = what_if(world, Failure("system", "mobile", "valley"), 0, source="county-eoc")
    assert result.newly_unreachable == ("village",)
    slower = what_if(world, Failure("channel_kind", "mobile"), 0, source="county-eoc")
    assert slower.slower == (("township", 1, 2),)
    assert ("township", 2, 1) in slower.redundancy_lost


def test_batteries_run_out_before_the_judgement() -> None:
    world = WorldState.initial(PACK)
    power = Failure("system", "power", "valley")
    assert what_if(world, power, 0, source="county-eoc", after=60).newly_unreachable == ()
    assert what_if(world, power, 0, source="county-eoc", after=180).newly_unreachable == ("village",)


def test_ranking_puts_the_broker_first_and_leaves_harmless_failures_out() -> None:
    doubled = make_pack(
        [("county-eoc", "county"), ("township", "township"), ("village", "valley"), ("port", "coast")],
        [link("county-eoc", "township", "phone", "sat"), link("township", "village", "mobile", "sat"),
         link("county-eoc", "port", "phone", "sat")],
    )
    ranked = most_damaging(WorldState.initial(doubled), 0, source="township")
    assert ranked[0].failure == Failure("agency", "county-eoc")
    assert ranked[0].newly_unreachable == ("port",)
    assert "lose PORT" not in [r.label for r in ranked]  # nobody depends on the port


def test_ranking_keeps_only_the_narrowest_area_for_the_same_damage() -> None:
    ranked = most_damaging(WorldState.initial(PACK), 0, source="township", top=50)
    systems = [(r.failure.target, r.damage, r.newly_unreachable) for r in ranked if r.failure.kind == "system"]
    assert len(systems) == len(set(systems))
    # landline down in the coast or the county both cut the port off; only the coast is named
    port = [r.failure.area for r in ranked if r.failure.target == "landline" and r.damage[0] == 1]
    assert "coast" in port


def test_delivery_probability_of_one_channel_is_its_reliability() -> None:
    world = WorldState.initial(PACK)
    estimate = delivery_probability(world, "county-eoc", "port", deadline=2, trials=20_000, seed=7)
    assert estimate.probability == pytest.approx(0.9, abs=0.007)  # 3.3 standard errors
    assert estimate.low < estimate.probability < estimate.high
    assert estimate.high - estimate.low == pytest.approx(2 * 1.96 * (0.9 * 0.1 / 20_000) ** 0.5, rel=0.05)
    assert delivery_probability(world, "county-eoc", "port", deadline=1.5, trials=500).probability == 0.0


def test_delivery_combines_parallel_and_serial_channels() -> None:
    # county->township: mobile (0.8, 1 min) or phone (0.9, 2 min); township->village: mobile 0.8
    world = WorldState.initial(PACK)
    within_3 = 1 - (1 - 0.8) * (1 - 0.9)
    estimate = delivery_probability(world, "county-eoc", "village", deadline=3, trials=40_000, seed=1)
    assert estimate.probability == pytest.approx(within_3 * 0.8, abs=0.01)
    estimate = delivery_probability(world, "county-eoc", "village", deadline=2, trials=40_000, seed=1)
    assert estimate.probability == pytest.approx(0.8 * 0.8, abs=0.01)


def test_delivery_is_seeded_and_reports_progress() -> None:
    world = WorldState.initial(PACK)
    seen: list[tuple[int, int]] = []
    first = delivery_probability(world, "county-eoc", "village", 3, trials=5_000, seed=3,
                                 progress=lambda done, total: seen.append((done, total)), batch=2_000)
    again = delivery_probability(world, "county-eoc", "village", 3, trials=5_000, seed=3)
    assert first.successes == again.successes
    assert seen == [(2_000, 5_000), (4_000, 5_000), (5_000, 5_000)]


def test_wilson_interval_by_hand() -> None:
    low, high = wilson_interval(50, 100)
    assert low == pytest.approx(0.4038, abs=1e-4) and high == pytest.approx(0.5962, abs=1e-4)
    assert wilson_interval(0, 0) == (0.0, 1.0)

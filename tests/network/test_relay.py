"""Decide-and-relay times: defaults by sector and level with sources, pack overrides, the cascade
with and without them, in the CLI and the preview's What-if tab."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from exercise.cli import main
from exercise.network.cascade import warning_cascade
from exercise.network.relay import parse_relay_defaults, relay_defaults, relay_minutes, relay_times
from exercise.network.world import WorldState
from exercise.scenario.loader import load_pack
from exercise.scenario.text import localize
from tests.network.packs import link, make_pack
from tests.network.test_properties import packs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "scenarios" / "example-typhoon-township.yaml"
DATA = ROOT / "exercise" / "network" / "relay_times.yaml"


def _chain(**relay: float):  # type: ignore[no-untyped-def]
    """a -> b -> c by landline phone (2 min each), b and c with their own relay minutes."""
    pack = make_pack([("a", "county"), ("b", "township"), ("c", "valley")],
                     [link("a", "b", "phone"), link("b", "c", "phone")])
    agencies = [a.model_copy(update={"relay_minutes": relay.get(a.id)}) for a in pack.agencies]
    return pack.model_copy(update={"agencies": agencies})


def test_each_hand_off_waits_for_the_relaying_agency_but_not_the_source() -> None:
    pack = _chain(a=99, b=25, c=7)
    world = WorldState.initial(pack)
    plain = warning_cascade(world, "a", 0)
    relayed = warning_cascade(world, "a", 0, relay=relay_minutes(pack))
    assert (plain.delay("b"), plain.delay("c")) == (2, 4)
    assert (relayed.delay("b"), relayed.delay("c")) == (2, 2 + 25 + 2)  # a issues at once
    assert relayed.with_relay and not plain.with_relay


def test_the_pack_overrides_sector_and_level_defaults_and_says_so() -> None:
    pack = _chain(b=25)
    times = relay_times(pack)
    assert (times["b"].minutes, times["b"].basis) == (25, "pack")
    assert times["c"].basis in {"sector", "level", "default"} and times["c"].minutes > 0


def test_defaults_by_sector_then_level_each_with_a_documented_source() -> None:
    example = load_pack(EXAMPLE).pack
    times = relay_times(example)
    fire = next(a.id for a in example.agencies if "fire" in localize(a.sector, "en").lower())
    assert times[fire].basis == "sector" and times[fire].key == "dispatch"
    defaults = relay_defaults()
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    header = DATA.read_text(encoding="utf-8").split("default:")[0]
    every = [defaults.default, *defaults.levels.values()] + [
        defaults.for_agency(a) for a in example.agencies]
    for time in every:
        assert time.sources, time
        for source in time.sources:
            assert f"#   {source}" in header, f"source {source!r} is not described in {DATA.name}"
    assert set(data["levels"]) >= {"national", "local", "community", "private", "ngo", "support"}
    assert all(10 <= t.minutes <= 45 for t in every)  # "tens of minutes per hand-off"


def test_a_level_the_data_does_not_know_falls_back_to_the_general_default() -> None:
    defaults = parse_relay_defaults({"default": {"minutes": 12}, "levels": {}, "sectors": []})
    agency = _chain().agencies[0]
    assert defaults.for_agency(agency).minutes == 12 and defaults.for_agency(agency).basis == "default"


def test_a_pack_sets_relay_minutes_in_yaml_and_a_negative_one_is_refused_with_its_place(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    first = data["agencies"][0]["id"]
    data["agencies"][0]["relay_minutes"] = 40
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = load_pack(path).pack
    assert loaded is not None and relay_times(loaded)[first].minutes == 40
    data["agencies"][0]["relay_minutes"] = -5
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = load_pack(path)
    assert result.pack is None
    assert any("agencies[0].relay_minutes" in str(e) and "pack.yaml:" in str(e) for e in result.errors)


@settings(max_examples=60, deadline=None)
@given(packs(), st.lists(st.floats(0, 90), min_size=6, max_size=6), st.integers(0, 400))
def test_relay_times_never_make_anyone_know_sooner_nor_change_who_is_reached_without_failures(
    pack, minutes, start  # type: ignore[no-untyped-def]
) -> None:
    world = WorldState.initial(pack)
    relay = {a.id: m for a, m in zip(pack.agencies, minutes, strict=False)}
    source = pack.agencies[0].id
    plain = warning_cascade(world, source, start)
    relayed = warning_cascade(world, source, start, relay=relay)
    assert relayed.reached() == plain.reached()
    for agency in plain.reached():
        assert relayed.delay(agency) >= plain.delay(agency)
        arrival = relayed.arrivals[agency]
        # the delay is the channel latencies plus the relay of every agency in between
        latency = sum(pack.channel(c).latency for c in arrival.channels)
        assert relayed.delay(agency) == pytest.approx(latency + sum(relay[x] for x in arrival.route[1:-1]))


def test_cli_prints_the_cascade_with_and_without_relay(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", str(EXAMPLE), "--source", "cwa", "--at", "T+03:00", "--down", "power@upper-valley"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.strip().startswith("Upper Village chief") and "T+03:" in line)
    assert "T+03:05      5 m" in row and "T+03:35     35 m" in row  # 2 + 3 min; + 15 + 15 min relays
    assert "5 min on channel latency alone, 35 min with decide-and-relay times" in out
    assert "15 min, default for the sector (coordination): County EOC, Township EOC" in out


def test_whatif_tab_shows_both_cascades(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXERCISE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("EXERCISE_SCENARIOS_DIR", str(ROOT / "scenarios"))
    at = AppTest.from_string(
        "from exercise.ui.views.library import library_page\nlibrary_page()\n", default_timeout=120)
    at.query_params["pack"] = "shipped/example-typhoon-township.yaml"
    at.run()
    assert not at.exception, at.exception
    at.selectbox(key="whatif.source").set_value("cwa").run()
    table = next(d.value for d in at.dataframe if "With decide-and-relay (min)" in d.value.columns)
    times = zip(table["Knows after (min)"], table["With decide-and-relay (min)"], strict=True)
    rows = dict(zip(table["Agency"], times, strict=True))
    assert all(relayed >= plain for plain, relayed in rows.values())
    plain, relayed = rows["Upper Village chief"]
    assert math.isfinite(relayed) and relayed >= plain + 15  # the County EOC relays it
    assert any("documented warning chains" in c.value for c in at.caption)

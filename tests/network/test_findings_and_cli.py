"""Plain-language findings, the `exercise network` command, and every shipped pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.cli import main
from exercise.network.cascade import warning_cascade
from exercise.network.dot import render_dot
from exercise.network.findings import fragility_findings
from exercise.network.graph import planned_graph, status_graph, usable_graph
from exercise.network.metrics import network_metrics
from exercise.network.whatif import most_damaging
from exercise.network.world import WorldState
from exercise.scenario.loader import load_pack

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
EXAMPLE = SCENARIOS / "example-typhoon-township.yaml"


def test_example_pack_findings_name_the_broker_and_the_radio_fallback() -> None:
    pack = load_pack(EXAMPLE).pack
    texts = [f.text for f in fragility_findings(pack)]
    assert texts[0] == (
        "County EOC is the only bridge to 2 agencies (Relief support unit, Mobile operator regional office)"
    )
    assert (
        "if the mobile network goes down in Upper valley, Upper Village chief can be reached only "
        "through Township EOC's township radio"
    ) in texts
    chinese = [f.text for f in fragility_findings(pack, "zh-TW")]
    assert "若上游溪谷行動網路中斷，上村村長只能透過鄉應變中心的鄉無線電聯繫" in chinese


def test_cli_prints_metrics_failures_and_cascade(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["network", str(EXAMPLE), "--down", "power@upper-valley", "--at", "T+03:00",
                 "--source", "cwa", "--what-if"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Mobile network down in Upper valley since Day 1 09:00 (T+03:00)" in out
    assert "Single points of failure (agencies, undirected): County EOC" in out
    assert "Upper Village chief                  T+03:05" in out  # phone then radio
    assert "Most damaging single failures" in out and "1. lose County EOC" in out


def test_cli_mistakes_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", str(EXAMPLE), "--down", "fog@nowhere"]) == 2
    assert main(["network", str(EXAMPLE), "--source", "nobody"]) == 2
    assert main(["network", str(EXAMPLE), "--at", "noon"]) == 2
    assert main(["network", "--reference", "Atlantis"]) == 2
    err = capsys.readouterr().err
    assert "unknown infrastructure system 'fog'" in err and "unknown source 'nobody'" in err
    assert "Traceback" not in err


def test_cli_reference_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", "--reference", "HurrFrederic"]) == 0
    out = capsys.readouterr().out
    assert "Jackson County Disaster Services" in out and "Drabek" in out
    target = tmp_path / "plan.graphml"
    assert main(["network", str(EXAMPLE), "--export", "graphml", "-o", str(target)]) == 0
    assert "county-eoc" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_pack_through_the_engine(path: Path) -> None:
    pack = load_pack(path).pack
    assert pack is not None
    world = WorldState.initial(pack)
    for inject in sorted(pack.injects, key=lambda i: i.time):
        for effect in inject.effects:
            world = world.apply(effect, inject.time, source=inject.id)
    end = pack.last_time()
    plan = planned_graph(pack)
    status = status_graph(world, end, planned=plan)
    for a, b, data in status.edges(data=True):
        assert data["usable"] or data["reasons"], f"{a}->{b} is down without a reason"
    network_metrics(usable_graph(status))
    hub = max(plan, key=lambda n: plan.out_degree(n))
    cascade = warning_cascade(world, hub, end)
    assert all(why for why in cascade.unreachable.values())
    assert render_dot(status).startswith("digraph")
    fragility_findings(pack)
    most_damaging(world, 0, hub, top=3)

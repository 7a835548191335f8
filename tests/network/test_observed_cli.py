"""Planned versus observed from the command line, with contacts from a CSV file."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.cli import main
from exercise.network.exchange import NetworkImportError, read_contacts_csv

PACK = str(Path(__file__).resolve().parents[2] / "scenarios" / "example-typhoon-township.yaml")
CONTACTS = (
    "sender,receiver,channel,scenario_minute,scenario_time,inject_id\n"
    "county-eoc,township-eoc,phone,15,T+00:15,I-01\n"
    "township-eoc,telecom,mobile-phone,200,T+03:20,\n"
)


def test_contacts_csv_reads_minutes_or_scenario_times() -> None:
    rows = read_contacts_csv("sender,receiver,scenario_time\na,b,T+01:30\n")
    assert [(c.sender, c.receiver, c.time, c.channel) for c in rows] == [("a", "b", 90, None)]
    with pytest.raises(NetworkImportError, match="line 2: 'soon' is not a scenario time"):
        read_contacts_csv("sender,receiver,scenario_minute\na,b,soon\n")
    with pytest.raises(NetworkImportError, match="missing column"):
        read_contacts_csv("from,to\na,b\n")


def test_network_command_compares_observed_contacts_with_the_plan(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(CONTACTS, encoding="utf-8")
    assert main(["network", PACK, "--observed", str(contacts)]) == 0
    out = capsys.readouterr().out
    assert "coverage of the contact plan: 11% (1 of 9 links)" in out
    assert "emergent links (not in the plan): 1\n    Township EOC -> Mobile operator regional office" in out
    assert "County EOC -> Red Cross county chapter" in out  # planned, never used


def test_a_broken_contacts_file_stops_before_any_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("sender,receiver\ncounty-eoc,\n", encoding="utf-8")
    assert main(["network", PACK, "--observed", str(contacts)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "line 2: sender and receiver are required" in captured.err


EMON = Path(__file__).resolve().parents[2] / "exercise" / "network" / "reference"


def test_delivery_chance_is_estimated_with_its_interval(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["network", PACK, "--delivery", "county-eoc:upper-village", "--deadline", "20",
            "--trials", "2000"]
    assert main(args) == 0
    healthy = capsys.readouterr().out.splitlines()[-1]
    assert main([*args, "--down", "radio-repeater@upper-valley", "--down", "mobile@upper-valley"]) == 0
    cut = capsys.readouterr().out.splitlines()[-1]
    assert healthy.startswith("Delivery from county-eoc to upper-village within 20 min of Day 1 06:00 (T+00:00):")
    assert "95 % interval" in healthy and "2,000 trials, seed 0" in healthy
    assert ": 0.0% (95 % interval" not in healthy and ": 0.0% (95 % interval 0.0%" in cut


def test_delivery_to_an_unknown_agency_is_refused_before_any_output(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", PACK, "--delivery", "county-eoc:nobody"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "'nobody' is not an agency of the pack" in captured.err


def test_metrics_of_a_network_from_node_and_edge_csv(capsys: pytest.CaptureFixture[str]) -> None:
    nodes, edges = sorted(EMON.glob("MtSi.nodes.csv")), sorted(EMON.glob("MtSi.edges.csv"))
    assert nodes and edges, f"the EMON reference networks ship in {EMON}"
    assert main(["network", "--nodes", str(nodes[0]), "--edges", str(edges[0])]) == 0
    out = capsys.readouterr().out
    assert "agencies" in out and "13" in out.split("agencies", 1)[1].splitlines()[0]
    assert main(["network", "--nodes", str(nodes[0])]) == 2

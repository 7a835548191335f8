"""Tiers of government and ownership: counted and drawn by tier; `local` gets advice on which
tier to write; state-owned utilities are not counted as private."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from exercise.cli import main
from exercise.network.dot import render_dot
from exercise.network.graph import planned_graph
from exercise.network.tiers import tier_counts
from exercise.scenario.loader import load_pack_text
from exercise.scenario.models import Ownership
from exercise.scenario.problems import Severity
from exercise.scenario.writer import pack_to_yaml
from tests.network.packs import link, make_pack


def _pack_text(**changes: dict[str, object]) -> str:
    pack = make_pack([("ceoc", "county"), ("ceoc2", "county"), ("town", "township"),
                      ("power", "county"), ("old", "valley")],
                     [link("ceoc", "town", "phone"), link("ceoc", "ceoc2", "phone"),
                      link("ceoc", "power", "phone"), link("town", "old", "mobile")])
    data = pack.model_dump(mode="json", by_alias=True, exclude_none=True)
    levels = {"ceoc": "national", "ceoc2": "national", "town": "township", "power": "private",
              "old": "local"}
    for agency in data["agencies"]:
        agency["level"] = levels[agency["id"]]
        agency.update(changes.get(agency["id"], {}))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_counts_by_tier_and_ownership() -> None:
    result = load_pack_text(_pack_text(power={"ownership": "state_owned"}))
    assert result.ok, [str(p) for p in result.problems]
    counts = tier_counts(result.valid_pack)
    assert counts.tiers == (("national", 2), ("local", 1), ("township", 1))
    assert counts.other == (("private", 1),)
    assert counts.ownership == (("government", 4), ("state_owned", 1))
    assert counts.local == 1
    assert (counts.links_within, counts.links_between) == (1, 3)
    owner = {a.id: a.owner for a in result.valid_pack.agencies}
    assert owner["power"] is Ownership.state_owned and owner["town"] is Ownership.government


def test_ownership_defaults_from_the_level() -> None:
    pack = load_pack_text(_pack_text()).valid_pack
    assert {a.id: a.owner for a in pack.agencies}["power"] is Ownership.private


def test_local_is_still_valid_with_advice_saying_what_to_write() -> None:
    result = load_pack_text(_pack_text(), file="p.yaml")
    assert result.ok and not [p for p in result.warnings if p.path[0] == "agencies"]
    [advice] = [p for p in result.problems if p.severity is Severity.advice]
    assert advice.path == ("agencies", 4, "level")
    assert "'county'" in advice.hint and "'township'" in advice.hint
    assert str(advice).startswith("p.yaml:") and ": advice: agencies[4].level:" in str(advice)


def test_an_unknown_level_still_lists_the_new_tiers() -> None:
    result = load_pack_text(_pack_text(old={"level": "shire"}))
    assert not result.ok
    assert any("county" in str(p) and "township" in str(p) for p in result.errors)


def test_a_drawing_puts_each_tier_in_one_rank() -> None:
    pack = load_pack_text(_pack_text()).valid_pack
    dot = render_dot(planned_graph(pack))
    assert '{ rank="same"; "ceoc"; "ceoc2"; }' in dot


def test_network_prints_agencies_by_tier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(_pack_text(power={"ownership": "state_owned"}), encoding="utf-8")
    assert main(["network", str(path)]) == 0
    out = capsys.readouterr().out
    assert "tiers of government: national 2, local 1, township 1" in out
    assert "by ownership: government 4, state-owned enterprise 1" in out
    assert "1 still 'local'" in out
    assert main(["network", str(path), "--lang", "zh-TW"]) == 0
    assert "國營事業 1" in capsys.readouterr().out


def test_writer_keeps_the_new_fields() -> None:
    pack = load_pack_text(_pack_text(power={"ownership": "state_owned"})).valid_pack
    again = load_pack_text(pack_to_yaml(pack)).valid_pack
    assert again.agency("power").ownership is Ownership.state_owned


def test_every_level_has_a_decide_and_relay_default_of_its_own() -> None:
    from exercise.network.relay import relay_defaults, relay_times
    from exercise.scenario.models import AgencyLevel

    pack = load_pack_text(_pack_text(old={"level": "county"}, town={"sector": "test"})).valid_pack
    found = relay_times(pack)
    assert (found["old"].basis, found["old"].key) == ("level", "county")
    assert (found["town"].basis, found["town"].key) == ("level", "township")
    assert set(relay_defaults().levels) == {level.value for level in AgencyLevel}


def test_the_report_counts_participants_by_tier_central_first() -> None:
    from dataclasses import replace

    from exercise.report.model import Participant
    from exercise.report.outline import Paragraph, outline
    from tests.report.sample import sample_report

    report = replace(sample_report(), participants=(
        Participant("Village", "T1", "community", "x"), Participant("Town", "T1", "township", "x"),
        Participant("County", "T2", "county", "x"), Participant("Red Cross", "T2", "ngo", "x"),
        Participant("County fire", "T2", "county", "x")))
    texts = [b.text for b in outline(report) if isinstance(b, Paragraph)]
    assert "Agencies by tier (central to community, then others): county 2, township 1, community 1, ngo 1" in texts

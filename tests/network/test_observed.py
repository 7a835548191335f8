"""Observed graph and its comparison with the plan."""

from __future__ import annotations

import pytest

from exercise.network.observed import Contact, compare_with_plan, observed_graph
from tests.network.packs import link, make_pack

PACK = make_pack(
    [("county-eoc", "county"), ("township", "township"), ("village", "valley"), ("port", "coast")],
    [link("county-eoc", "township", "phone"), link("township", "village", "mobile"),
     link("county-eoc", "port", "phone", one_way=True), link("port", "village", "sat")],
    modules=[{"id": "M1", "title": "One", "start": 0, "situation": "Now"},
             {"id": "M2", "title": "Two", "start": 60, "situation": "Later"}],
    injects=[{"id": "I-1", "module": "M1", "time": 10, "from": "county-eoc", "to": ["township"],
              "title": "Go", "message": "Warn the village",
              "expected_contacts": ["township -> village", "township -> county-eoc"]}],
)
CONTACTS = [
    Contact("county-eoc", "township", "phone", 5),
    Contact("township", "village", "mobile", 12, "I-1"),
    Contact("township", "village", "mobile", 70),
    Contact("village", "port", "in_person", 80),
    Contact("port", "township", "sat", 90),
    Contact("township", "county-eoc", "phone", 8),  # before I-1 was released: does not count
]


def test_observed_graph_counts_contacts_per_pair() -> None:
    graph = observed_graph(CONTACTS, PACK)
    edge = graph.edges["township", "village"]
    assert (edge["weight"], edge["first"], edge["last"]) == (2, 12, 70)
    assert edge["channels"] == ["mobile"] and edge["injects"] == ["I-1"]
    assert "port" in graph and graph.number_of_edges() == 5


def test_comparison_with_the_plan() -> None:
    result = compare_with_plan(PACK, CONTACTS)
    # used: county-township, township-village, port-village (either way); unused: county->port
    assert result.coverage == pytest.approx(3 / 4)
    assert result.planned_unused == (("county-eoc", "port"),)
    assert result.emergent == (("port", "township"),)
    expected = result.expected[0]
    assert expected.inject == "I-1"
    assert expected.made == (("township", "village"),)
    assert expected.missing == (("township", "county-eoc"),)


def test_release_times_from_play_replace_planned_times() -> None:
    result = compare_with_plan(PACK, CONTACTS, released={"I-1": 0})
    assert result.expected[0].missing == ()
    never = compare_with_plan(PACK, CONTACTS, released={"other": 0})
    assert never.expected[0].made == ()


def test_emergent_coordinator_and_time_slices() -> None:
    result = compare_with_plan(PACK, CONTACTS)
    top = result.coordinators[0]
    assert top.agency == "township" and top.observed_betweenness > 0
    names = [c.agency for c in result.emergent_coordinators()]
    assert "township" in names
    first, second = result.slices
    assert (first.module, first.contacts, first.links) == ("M1", 3, 3)
    assert (second.module, second.start, second.contacts) == ("M2", 60, 3)
    assert second.top_broker in {"village", "port", "township"}

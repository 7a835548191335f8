"""Disjoint paths and channel diversity, worked out by hand."""

from __future__ import annotations

import networkx as nx

from exercise.network.graph import planned_graph, status_graph
from exercise.network.paths import (
    channel_hops,
    edge_disjoint_paths,
    must_hops,
    node_disjoint_paths,
    redundancy,
)
from exercise.network.world import WorldState
from exercise.scenario.models import InfrastructureEffect, Status
from tests.network.packs import link, make_pack


def test_disjoint_paths_on_a_diamond_with_a_direct_link() -> None:
    graph = nx.DiGraph([("s", "a"), ("a", "t"), ("s", "b"), ("b", "t"), ("s", "t")])
    assert node_disjoint_paths(graph, "s", "t") == 3
    assert edge_disjoint_paths(graph, "s", "t") == 3
    graph.add_edges_from([("a", "c"), ("c", "t")])
    assert node_disjoint_paths(graph, "s", "t") == 3  # a is shared by both of its routes
    bowtie = nx.DiGraph([("s", "a"), ("s", "b"), ("a", "m"), ("b", "m"),
                         ("m", "c"), ("m", "d"), ("c", "t"), ("d", "t")])
    assert edge_disjoint_paths(bowtie, "s", "t") == 2
    assert node_disjoint_paths(bowtie, "s", "t") == 1


def test_two_channels_on_one_link_count_as_two_diverse_routes_unless_they_share_infrastructure() -> None:
    pack = make_pack(
        [("s", "township"), ("t", "valley")],
        [link("s", "t", "phone", "sat")],
    )
    plan = planned_graph(pack)
    result = redundancy(pack, plan, "s", "t")
    assert (result.edge_disjoint, result.node_disjoint, result.channel_diversity) == (1, 1, 2)
    shared = make_pack(
        [("s", "township"), ("t", "valley"), ("r", "valley")],
        [link("s", "t", "mobile"), link("s", "r", "mobile"), link("r", "t", "sat")],
    )
    # both routes need the mobile network in the township (s's end): one independent route
    result = redundancy(shared, planned_graph(shared), "s", "t")
    assert (result.node_disjoint, result.channel_diversity) == (2, 1)


def test_must_hops_name_the_only_way_in_after_a_failure() -> None:
    pack = make_pack(
        [("county-eoc", "county"), ("township", "township"), ("village", "valley")],
        [link("county-eoc", "township", "phone"), link("township", "village", "mobile", "sat"),
         link("county-eoc", "village", "mobile")],
    )
    world = WorldState.initial(pack)
    before = channel_hops(pack, status_graph(world, 0))
    assert must_hops(before, "county-eoc", "village") == []
    failed = world.apply(InfrastructureEffect(system="mobile", area="valley", status=Status.down), 0)
    after = channel_hops(pack, status_graph(failed, 0))
    assert must_hops(after, "county-eoc", "village") == [
        ("county-eoc", "township", "phone"), ("township", "village", "sat")
    ]

"""Import and export of networks, and DOT text that a hostile label cannot break."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from exercise.network.dot import LABELLED_UP_TO, render_dot
from exercise.network.exchange import NetworkImportError, export_graph, read_csv_network, read_graphml
from exercise.network.graph import planned_graph, status_graph
from exercise.network.observed import Contact, observed_graph
from exercise.network.world import WorldState
from exercise.scenario.models import InfrastructureEffect, Status
from tests.network.packs import link, make_pack

NODES = "id,name,sponsorship,paid_staff\n1,County.Sheriff,County,10\n2,Red.Cross,Private,\n"
EDGES = "source,target,frequency\n1,2,1\n2,1,3\n"


def test_csv_network_like_emon() -> None:
    graph = read_csv_network(NODES, EDGES)
    assert graph.nodes["1"] == {"name": "County.Sheriff", "label": "County Sheriff", "sponsorship": "County",
                                "paid_staff": 10}
    assert "paid_staff" not in graph.nodes["2"]  # empty cells are left out
    assert graph.edges["2", "1"]["frequency"] == 3


@pytest.mark.parametrize(
    ("nodes", "edges", "message"),
    [
        ("name\nx\n", EDGES, "nodes.csv: missing column(s) id"),
        (NODES + "1,Again,City,1\n", EDGES, "nodes.csv row 4, column id: '1' appears twice"),
        (NODES, "source,target\n1,9\n", "edges.csv row 2, column target: '9' is not an id in nodes.csv"),
        (NODES, b"source,target\n\xff\xfe", "edges.csv is not UTF-8"),
    ],
)
def test_csv_problems_say_where(nodes: str, edges: str, message: str) -> None:
    with pytest.raises(NetworkImportError) as error:
        read_csv_network(nodes, edges)
    assert message in str(error.value)


def test_graphml_round_trip_and_hostile_graphml() -> None:
    graph = read_csv_network(NODES, EDGES)
    back = read_graphml(export_graph(graph, "graphml"))
    assert set(back.edges) == set(graph.edges)
    assert back.nodes["1"]["sponsorship"] == "County"
    bomb = '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaa">]><graphml>&a;</graphml>'
    with pytest.raises(NetworkImportError, match="DOCTYPE"):
        read_graphml(bomb)
    with pytest.raises(NetworkImportError, match="not valid GraphML"):
        read_graphml("<graphml><oops></graphml>")
    undirected = nx.Graph([("a", "b")])
    assert set(read_graphml(export_graph(nx.DiGraph(undirected), "graphml")).edges) == {("a", "b"), ("b", "a")}


PACK = make_pack(
    [("county-eoc", "county"), ("village", "valley")],
    [link("county-eoc", "village", "mobile", "sat")],
)


def test_status_graph_exports_to_gexf_and_graphml_with_scalar_attributes() -> None:
    world = WorldState.initial(PACK).apply(InfrastructureEffect(system="mobile", area="valley", status=Status.down), 0)
    status = status_graph(world, 0)
    gexf = export_graph(status, "gexf").decode()
    assert "<gexf" in gexf and "county-eoc" in gexf
    back = read_graphml(export_graph(status, "graphml"))
    assert back.edges["county-eoc", "village"]["best_channel"] == "sat"
    assert back.edges["county-eoc", "village"]["channels"] == "mobile; sat"


def test_dot_escapes_hostile_labels() -> None:
    graph = nx.DiGraph()
    graph.add_node('a"]; evil [label="x', label='He said "hi" \\ <b>bold</b>\nnext')
    graph.add_edge('a"]; evil [label="x', "b")
    graph.nodes["b"]["label"] = "b"
    dot = render_dot(graph)
    assert '"a\\"]; evil [label=\\"x"' in dot
    assert 'label="He said \\"hi\\" \\\\ <b>bold</b> next"' in dot
    assert dot.count("{") == dot.count("}")


def test_dot_colours_follow_status_and_overlay_shows_unused_and_emergent() -> None:
    world = WorldState.initial(PACK).apply(InfrastructureEffect(system="mobile", status=Status.down), 0)
    world = world.apply(InfrastructureEffect(system="landline", status=Status.down), 0)
    dot = render_dot(status_graph(world, 0))
    assert 'label="sat"' in dot  # best working channel shown
    gone = make_pack([("a", "county"), ("b", "coast")], [link("a", "b", "mobile")])
    down = WorldState.initial(gone).apply(InfrastructureEffect(system="mobile", status=Status.down), 0)
    dot = render_dot(status_graph(down, 0))
    assert 'color="#c92a2a", style="dashed"' in dot and "Mobile network down" in dot
    observed = observed_graph([Contact("b", "a", "sat", 3), Contact("a", "zz", None, 4)], gone)
    overlay = render_dot(planned_graph(gone), observed)
    assert '"a" -> "zz"' in overlay and 'style="dotted"' in overlay
    assert "planned, not used" in overlay


def test_large_graphs_drop_labels_but_stay_drawable() -> None:
    graph = nx.gnm_random_graph(300, 3000, seed=1, directed=True)
    big = nx.relabel_nodes(graph, {n: f"agency-{n}" for n in graph})
    dot = render_dot(big)
    assert 'shape="point"' in dot and "label=" not in dot
    pairs_both_ways = sum(1 for a, b in big.edges if big.has_edge(b, a)) // 2
    assert dot.count("->") == 3000 - pairs_both_ways  # a pair both ways is one double arrow
    small = nx.relabel_nodes(nx.path_graph(LABELLED_UP_TO, create_using=nx.DiGraph), str)
    assert "label=" in render_dot(small)


def test_reference_edges_keep_their_direction_and_each_directions_frequency() -> None:
    """Issue 12, item 6: a one-way report stays one-way; each direction keeps its frequency."""
    folder = Path(__file__).parents[2] / "exercise" / "network" / "reference"
    nodes = (folder / "LakePomona.nodes.csv").read_bytes()
    edges = (folder / "LakePomona.edges.csv").read_bytes()
    graph = read_csv_network(nodes, edges)
    rows = [line.split(",") for line in edges.decode().splitlines()[1:]]
    assert graph.number_of_edges() == len({(r[0], r[1]) for r in rows})
    assert nx.overall_reciprocity(graph) < 1.0
    for source, target, frequency in rows:
        assert graph.edges[source, target]["frequency"] == int(frequency)
    graph = read_csv_network(NODES, EDGES)
    assert graph.edges["1", "2"]["frequency"] == 1 and graph.edges["2", "1"]["frequency"] == 3
    assert graph.nodes["2"]["label"] == "Red Cross"

"""Real inter-organisational response networks shipped with the product, with their citation:
five of the Drabek et al. (1981) search-and-rescue networks (EMONs), see reference/README.md."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

import networkx as nx

from exercise.network.exchange import read_csv_network
from exercise.network.world import UnknownItem

CITATION = (
    "Drabek, T.E.; Tamminga, H.L.; Kilijanek, T.S.; Adams, C.R. (1981). Data from Managing "
    "Multiorganizational Emergency Responses: Emergent Search and Rescue Networks in Natural "
    "Disaster and Remote Area Settings. Program on Technology, Environment, and Man Monograph 33, "
    "Institute for Behavioral Science, University of Colorado. Distributed as the `emon` dataset "
    "of the statnet `network` R package (https://github.com/statnet/network)."
)
TITLES = {
    "Cheyenne": "Cheyenne, Wyoming: flash flood",
    "HurrFrederic": "Hurricane Frederic (Mississippi / Alabama coast)",
    "LakePomona": "Lake Pomona, Kansas: boating search and rescue",
    "MtSi": "Mt. Si, Washington: wilderness search and rescue",
    "Wichita": "Wichita Falls, Texas: tornado",
}
FREQUENCY = {1: "continuously", 2: "about once an hour", 3: "every few hours", 4: "about once a day or less"}


def _folder() -> Traversable:
    return resources.files("exercise.network") / "reference"


def reference_names() -> list[str]:
    return sorted(
        entry.name.removesuffix(".nodes.csv")
        for entry in _folder().iterdir()
        if entry.name.endswith(".nodes.csv")
    )


def load_reference(name: str) -> nx.DiGraph:
    """A reference network: nodes are organisations, an edge a->b is a's report of contact with
    b, with `frequency` 1 (continuously) to 4 (daily or less)."""
    matches = [n for n in reference_names() if n.lower() == name.strip().lower()]
    if not matches:
        raise UnknownItem(f"unknown reference network {name!r}; choose one of {', '.join(reference_names())}")
    found = matches[0]
    folder = _folder()
    graph = read_csv_network(
        (folder / f"{found}.nodes.csv").read_bytes(),
        (folder / f"{found}.edges.csv").read_bytes(),
        f"{found}.nodes.csv",
        f"{found}.edges.csv",
    )
    graph.graph.update(name=found, title=TITLES.get(found, found), citation=CITATION)
    return graph

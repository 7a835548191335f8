"""Networks in and out: node CSV + edge CSV (like the EMON files), GraphML in, GraphML and GEXF out.

CSV columns:
- nodes: `id` (required, unique), `name` (optional), any other column becomes a node attribute;
- edges: `source` and `target` (required, node ids), any other column becomes an edge attribute.
Numbers are read as numbers, empty cells are left out. Every problem names the file, row and
column. Files are size-limited and GraphML with DTDs or entities is refused.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping
from enum import Enum
from typing import Any

import networkx as nx

from exercise.network.observed import Contact
from exercise.scenario.timecode import TimeNotationError, parse_time

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class NetworkImportError(ValueError):
    """A network file that cannot be read; the message says where and what to do."""


def _text(data: str | bytes, where: str) -> str:
    if len(data) > MAX_BYTES:
        raise NetworkImportError(f"{where} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NetworkImportError(f"{where} is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    return data.lstrip("\ufeff")


def _value(cell: str) -> Any:
    cell = cell.strip()
    if _NUMBER.match(cell):
        number = float(cell)
        return int(number) if number.is_integer() and "." not in cell and "e" not in cell.lower() else number
    return cell


def _rows(data: str | bytes, where: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(_text(data, where)))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in required if c not in columns]
    if missing:
        raise NetworkImportError(
            f"{where}: missing column(s) {', '.join(missing)}; the first line must name the columns, "
            f"e.g. {','.join(required)}"
        )
    rows = []
    try:
        for number, row in enumerate(reader, start=2):
            if number > MAX_ROWS:
                raise NetworkImportError(f"{where}: more than {MAX_ROWS} rows")
            rows.append((number, {k.strip(): (v or "") for k, v in row.items() if k is not None}))
    except csv.Error as exc:
        raise NetworkImportError(f"{where} line {reader.line_num}: {exc}") from None
    return rows


def read_csv_network(
    nodes: str | bytes, edges: str | bytes, nodes_name: str = "nodes.csv", edges_name: str = "edges.csv"
) -> nx.DiGraph:
    graph = nx.DiGraph()
    for number, row in _rows(nodes, nodes_name, ("id",)):
        node = row["id"].strip()
        if not node:
            raise NetworkImportError(f"{nodes_name} row {number}, column id: empty; give every node an id")
        if node in graph:
            raise NetworkImportError(f"{nodes_name} row {number}, column id: {node!r} appears twice")
        attrs = {k: _value(v) for k, v in row.items() if k != "id" and v.strip()}
        if "name" in attrs:
            attrs["name"] = str(attrs["name"])
            attrs.setdefault("label", " ".join(attrs["name"].replace(".", " ").split()))
        graph.add_node(node, **attrs)
    for number, row in _rows(edges, edges_name, ("source", "target")):
        ends = []
        for column in ("source", "target"):
            node = row[column].strip()
            if node not in graph:
                raise NetworkImportError(
                    f"{edges_name} row {number}, column {column}: {node!r} is not an id in {nodes_name}"
                )
            ends.append(node)
        attrs = {k: _value(v) for k, v in row.items() if k not in ("source", "target") and v.strip()}
        graph.add_edge(ends[0], ends[1], **attrs)
    return graph


def read_graphml(data: str | bytes, where: str = "GraphML file") -> nx.DiGraph:
    text = _text(data, where)
    if re.search(r"<!\s*(DOCTYPE|ENTITY)", text, re.I):
        raise NetworkImportError(f"{where}: DOCTYPE and ENTITY declarations are not accepted; remove them")
    try:
        graph = nx.parse_graphml(text)
    except Exception as exc:  # noqa: BLE001 - any parser failure is the file's fault
        raise NetworkImportError(f"{where} is not valid GraphML: {exc}") from None
    directed = nx.DiGraph()
    directed.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float))})
    directed.add_nodes_from((str(n), d) for n, d in graph.nodes(data=True))
    for a, b, d in graph.edges(data=True):
        directed.add_edge(str(a), str(b), **d)
        if not graph.is_directed():
            directed.add_edge(str(b), str(a), **d)
    return directed


def _scalar(value: Any) -> Any:
    """A value GraphML and GEXF can hold, or None to leave it out."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list | tuple | set | frozenset):
        parts = [_label(item) for item in value]
        return "; ".join(p for p in parts if p)
    if value is None:
        return None
    return str(value)


def _label(item: Any) -> str:
    for attribute in ("channel", "text"):
        if hasattr(item, attribute):
            return str(getattr(item, attribute))
    return str(_scalar(item) or "")


def _clean(attrs: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in attrs.items():
        scalar = _scalar(value)
        if scalar is not None and scalar != "":
            out[str(key)] = scalar
    return out


def exportable(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy with only scalar attributes, so GraphML/GEXF writers accept it."""
    clean = nx.DiGraph()
    clean.graph.update(_clean(graph.graph))
    clean.add_nodes_from((str(n), _clean(d)) for n, d in graph.nodes(data=True))
    clean.add_edges_from((str(a), str(b), _clean(d)) for a, b, d in graph.edges(data=True))
    return clean


def export_graph(graph: nx.DiGraph, fmt: str) -> bytes:
    """The graph as GraphML or GEXF (UTF-8 bytes), for Gephi, Cytoscape or yEd."""
    clean = exportable(graph)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(clean, buffer, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(clean, buffer, encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}; use graphml or gexf")
    return buffer.getvalue()


def read_contacts_csv(data: str | bytes, where: str = "contacts file") -> list[Contact]:
    """A relational-event list (sender, receiver, channel, scenario_minute or scenario_time,
    inject_id): what `exercise report --format contacts` writes, or a researcher's own."""
    contacts = []
    for number, row in _rows(data, where, ("sender", "receiver")):
        sender, receiver = row["sender"].strip(), row["receiver"].strip()
        if not sender or not receiver:
            raise NetworkImportError(f"{where} line {number}: sender and receiver are required")
        raw_time = row.get("scenario_minute") or row.get("scenario_time") or "0"
        try:
            minute = int(float(raw_time)) if _NUMBER.match(raw_time.strip()) else parse_time(raw_time)
        except (TimeNotationError, ValueError):
            raise NetworkImportError(
                f"{where} line {number}: {raw_time!r} is not a scenario time; write minutes "
                "or T+02:30") from None
        contacts.append(Contact(sender, receiver, row.get("channel", "").strip() or None, minute,
                                row.get("inject_id", "").strip() or None))
    return contacts

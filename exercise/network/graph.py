"""Planned and usable contact graphs built from a pack and a world state.

The planned graph has one directed edge a->b for every planned way a can reach b (a `both` link
gives two edges). The status graph has the same edges, each carrying the health of every
channel at one moment; the usable graph keeps only the edges with at least one working channel,
weighted by the latency of the best one.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

import networkx as nx

from exercise.network.phrases import Lang, kind_name, language, words
from exercise.network.world import (
    UP,
    Health,
    StatusReason,
    WorldState,
    effective_latency,
    effective_reliability,
    worst,
)
from exercise.scenario.models import Channel, ScenarioPack, Status
from exercise.scenario.text import localize


class ChannelState(NamedTuple):
    """One channel of one planned edge at one moment (a tuple: thousands are built per poll)."""

    channel: str
    kind: str
    health: Health
    latency: float  # minutes; infinite when down
    reliability: float  # 0 when down

    @property
    def works(self) -> bool:
        return self.health.status is not Status.down


def agency_label(pack: ScenarioPack, agency_id: str, lang: Lang = "en") -> str:
    agency = pack.agency(agency_id)
    return localize(agency.short_name or agency.name, language(lang))


def planned_graph(pack: ScenarioPack, lang: Lang = "en") -> nx.DiGraph:
    """Agencies as nodes (with their attributes), planned edges with their channels in order."""
    lang = language(lang)
    graph = nx.DiGraph(name=localize(pack.metadata.title, lang))
    for agency in pack.agencies:
        graph.add_node(
            agency.id,
            label=agency_label(pack, agency.id, lang),
            name=localize(agency.name, lang),
            level=agency.level.value,
            ownership=agency.owner.value,
            sector=localize(agency.sector, "en"),  # English: rules and exports match it
            area=agency.area,
        )
    for link in pack.links:
        pairs = [(link.from_, link.to)]
        if link.direction.value == "both":
            pairs.append((link.to, link.from_))
        for a, b in pairs:
            if graph.has_edge(a, b):
                known = graph.edges[a, b]["channels"]
                known.extend(c for c in link.channels if c not in known)
            else:
                graph.add_edge(a, b, channels=list(link.channels), basis=link.basis.value)
    for _, _, data in graph.edges(data=True):
        data["cost"] = min(pack.channel(c).latency for c in data["channels"])
    return graph


def status_graph(
    world: WorldState,
    at: int,
    lang: Lang = "en",
    without_kinds: Collection[str] = (),
    planned: nx.DiGraph | None = None,
) -> nx.DiGraph:
    """Every planned edge with the health of its channels at `at`.

    Edge attributes: `channels` (ChannelState in priority order), `status` (that of the best
    channel), `usable`, `cost` (latency of the best working channel), `reliability` (chance that
    at least one working channel delivers), `reasons` (why it is not up).
    Node attributes add `status` and `reasons` of the agency.
    Channels of a kind in `without_kinds` are treated as gone (for what-if questions).
    """
    pack = world.pack
    base = planned if planned is not None else planned_graph(pack, lang)
    graph = nx.DiGraph()
    graph.graph.update(base.graph)
    agency_health: dict[str, Health] = {}
    for node, data in base.nodes(data=True):
        health = world.agency_health(node, at)
        agency_health[node] = health
        graph.add_node(node, **data, status=health.status, reasons=health.reasons)
    area = {agency.id: agency.area for agency in pack.agencies}
    channels = {channel.id: channel for channel in pack.channels}
    # between two working agencies a channel's health depends only on the two areas
    by_areas: dict[tuple[str, str, str], ChannelState] = {}
    for a, b, data in base.edges(data=True):
        states = []
        both_up = agency_health[a] is UP and agency_health[b] is UP and world.seated(a, b) is None
        for channel_id in data["channels"]:
            key = (channel_id, area[a], area[b])
            shared = both_up and channels[channel_id].terminals is None  # terminals: per holder
            state = by_areas.get(key) if shared else None
            if state is None:
                state = _channel_state(world, channels[channel_id], a, b, at, without_kinds, lang)
                if shared:
                    by_areas[key] = state
            states.append(state)
        graph.add_edge(a, b, **_edge_summary(states), basis=data["basis"], planned_cost=data["cost"])
    return graph


def _channel_state(
    world: WorldState, channel: Channel, a: str, b: str, at: int, without_kinds: Collection[str], lang: Lang
) -> ChannelState:
    kind = channel.kind.value
    if kind in without_kinds:
        health = Health(Status.down, (_removed_kind(kind, lang),))
    else:
        health = world.channel_health(channel.id, a, b, at)
    return ChannelState(
        channel.id, kind, health, effective_latency(channel, health), effective_reliability(channel, health)
    )


def _edge_summary(states: list[ChannelState]) -> dict[str, object]:
    working = [s for s in states if s.works]
    failed = 1.0
    for state in working:
        failed *= 1.0 - state.reliability
    if working:
        best = min(working, key=lambda s: s.latency)
        status = Status.up if any(s.health.status is Status.up for s in working) else Status.degraded
        reasons = worst(s.health for s in states).reasons if status is not Status.up else ()
        return {
            "channels": tuple(states),
            "status": status,
            "usable": True,
            "cost": best.latency,
            "best_channel": best.channel,
            "reliability": 1.0 - failed,
            "reasons": reasons,
        }
    every_reason: dict[StatusReason, None] = {}
    for state in states:
        every_reason.update(dict.fromkeys(state.health.reasons))
    return {
        "channels": tuple(states),
        "status": Status.down,
        "usable": False,
        "cost": float("inf"),
        "best_channel": None,
        "reliability": 0.0,
        "reasons": tuple(every_reason),
    }


def usable_graph(status: nx.DiGraph) -> nx.DiGraph:
    """The edges of a status graph that still carry messages; every agency stays a node."""
    graph = nx.DiGraph()
    graph.graph.update(status.graph)
    graph.add_nodes_from(status.nodes(data=True))
    graph.add_edges_from((a, b, d) for a, b, d in status.edges(data=True) if d["usable"])
    return graph


def _removed_kind(kind: str, lang: Lang) -> StatusReason:
    t = words(lang)
    return StatusReason(Status.down, t("engine.graph.kind_removed", kind=kind_name(kind, t)), 0)


def node_health(status: nx.DiGraph, node: str) -> Health:
    data = status.nodes[node]
    return Health(data.get("status", Status.up), data.get("reasons", ())) if data else UP

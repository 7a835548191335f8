"""Rules that relate a channel's failure modes to the rest of the pack: what its handsets are
charged from, where it congests, which resource its terminals are."""

from __future__ import annotations

from collections.abc import Iterator

from exercise.scenario.models import ScenarioPack
from exercise.scenario.problems import Problem


def channel_problems(pack: ScenarioPack) -> Iterator[Problem]:
    systems = {system.id for system in pack.infrastructure or []}
    areas = {area.id for area in pack.areas or []}
    resources = {resource.id for resource in pack.resource_types or []}
    for index, channel in enumerate(pack.channels or []):
        if channel.charging is not None and channel.charging.system not in systems:
            yield _unknown("infrastructure system", channel.charging.system, systems,
                           ("channels", index, "charging", "system"))
        for c_index, congestion in enumerate(channel.congestion):
            if congestion.area is not None and congestion.area not in areas:
                yield _unknown("area", congestion.area, areas, ("channels", index, "congestion", c_index, "area"))
        if channel.terminals is not None and channel.terminals not in resources:
            yield _unknown("resource type", channel.terminals, resources, ("channels", index, "terminals"))


def _unknown(kind: str, value: str, known: set[str], path: tuple[str | int, ...]) -> Problem:
    listed = ", ".join(sorted(known)[:8]) or "none yet"
    return Problem(f"unknown {kind} {value!r}", path=path, hint=f"the pack has: {listed}")

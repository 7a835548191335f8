"""Rules that relate a channel's failure modes to the rest of the pack: what its handsets are
charged from, where it congests, which resource its terminals are; and the warning for a channel
that says neither what it depends on nor why nothing (as written it never fails)."""

from __future__ import annotations

from collections.abc import Iterator

from exercise.scenario.models import Channel, ChannelKind, ScenarioPack
from exercise.scenario.problems import Problem, Severity

# face to face needs no network by nature; a runner who needs roads says so in depends_on
SELF_RELIANT = frozenset({ChannelKind.in_person})


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
        if never_fails_unexplained(channel):
            yield Problem(
                f"channel {channel.id!r} declares no dependency and no reason why: as written it "
                "never fails", path=("channels", index), severity=Severity.warning,
                hint="declare what it depends on (depends_on, e.g. grid power or a repeater; "
                     "charging for handsets), or say why nothing (independent_because)",
                extra={"words": "channel_no_dependency", "channel": channel.id})


def never_fails_unexplained(channel: Channel) -> bool:
    """No system it depends on, no handsets to charge, no congestion, and no word on why: a
    channel that cannot fail without the pack saying so (satellite phones are the usual case)."""
    return (not channel.depends_on and channel.charging is None and not channel.congestion
            and channel.independent_because is None and channel.kind not in SELF_RELIANT)


def _unknown(kind: str, value: str, known: set[str], path: tuple[str | int, ...]) -> Problem:
    listed = ", ".join(sorted(known)[:8])
    words = {"words": "ref_unknown_listed" if listed else "ref_unknown_none", "kind": kind,
             "value": repr(value), "known": listed}
    return Problem(f"unknown {kind} {value!r}", path=path, hint=f"the pack has: {listed or 'none yet'}",
                   extra=words)

"""Failure bite: for each outage in the pack's own timeline (inject effects), who becomes
unreachable from the hub, which planned links and which expected contacts die, when, and why.
A pack whose failures never cut a link an expected contact needs does not exercise
coordination through a failing network; a channel that depends on nothing never fails."""

from __future__ import annotations

from dataclasses import dataclass

from exercise.design.findings import Finding, Param, Rule, Severity
from exercise.design.schedule import baseline_injects
from exercise.network.graph import agency_label
from exercise.network.timeline import (
    ReachChange,
    contact_health,
    reach_over_time,
    usable_channels,
    world_on_timeline,
)
from exercise.network.world import WorldState
from exercise.scenario.models import ChannelKind, ScenarioPack, Status
from exercise.scenario.timecode import format_time

# Kinds that need no infrastructure by nature: people in one room.
SELF_RELIANT = {ChannelKind.in_person}
MAX_NAMES = 6


@dataclass(frozen=True)
class ContactLoss:
    inject: str
    a: str
    b: str
    at: int
    causes: tuple[str, ...]  # the cause chain, in the world's language
    sources: tuple[str, ...]  # injects whose effects caused it


@dataclass(frozen=True)
class OutageBite:
    """What one inject's effects do, from its release on."""

    inject: str
    at: int
    lost_links: tuple[tuple[str, str, int], ...]  # a, b, minute
    cut_off: tuple[tuple[str, int], ...]  # agency, minute
    contacts: tuple[ContactLoss, ...]
    causes: tuple[str, ...]


@dataclass(frozen=True)
class BiteReport:
    hub: str | None
    outages: tuple[OutageBite, ...]
    contact_losses: tuple[ContactLoss, ...]
    changes: tuple[ReachChange, ...]


def hub_of(pack: ScenarioPack, world: WorldState, candidates: int = 10) -> str | None:
    """The agency that reaches most others over the plan, then the one with most planned links;
    only the best-linked few are searched, so hundreds of agencies stay cheap (no betweenness)."""
    degree = {a.id: len(world.planned_successors(a.id)) + len(world.planned_predecessors(a.id))
              for a in pack.agencies}
    best: tuple[int, int, str] | None = None
    for agency in sorted(degree, key=lambda a: (-degree[a], a))[:candidates]:
        seen, frontier = {agency}, [agency]
        while frontier:
            for nxt in world.planned_successors(frontier.pop()):
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        if best is None or (len(seen), degree[agency]) > best[:2]:
            best = (len(seen), degree[agency], agency)
    return best[2] if best else None


def timeline_world(pack: ScenarioPack, lang: str) -> WorldState:
    """The pack's own timeline as `exercise network` and `rehearse` see it (one timeline)."""
    return world_on_timeline(pack, baseline_injects(pack), lang)


def failure_bite(pack: ScenarioPack, world: WorldState, lang: str = "en") -> BiteReport:
    hub = hub_of(pack, world)
    agencies = {a.id for a in pack.agencies}
    schedule = baseline_injects(pack)
    first = min([0, *(minute for minute, _ in schedule)]) - 1
    changes = reach_over_time(world, hub, start=first, until=pack.last_time())
    losses: list[ContactLoss] = []
    if world.applied:
        channels_of = usable_channels(pack)
        for minute, inject in schedule:
            for contact in inject.expected_contacts:
                if contact.from_ not in agencies or contact.to not in agencies:
                    continue
                health = contact_health(world, contact.from_, contact.to, minute, channels_of)
                if health is not None and health.status is Status.down:
                    losses.append(ContactLoss(
                        inject.id, contact.from_, contact.to, minute,
                        tuple(r.text for r in health.reasons),
                        tuple(sorted({r.source for r in health.reasons if r.source}))))
    outages = []
    for minute, inject in schedule:
        if not any(e.status is not Status.up for e in inject.effects):
            continue
        mine = [c for c in changes if inject.id in c.sources]
        lost = tuple((x.a, x.b, x.at) for c in mine for x in c.lost if inject.id in x.sources)
        cut = tuple((agency, c.at) for c in mine for agency in c.cut_off)
        causes: dict[str, None] = {}
        for change in mine:
            for loss in change.lost:
                if inject.id in loss.sources:
                    causes.update(dict.fromkeys(r.text for r in loss.reasons))
        contacts = tuple(c for c in losses if inject.id in c.sources)
        for loss_of_contact in contacts:
            causes.update(dict.fromkeys(loss_of_contact.causes))
        outages.append(OutageBite(inject.id, minute, lost, cut, contacts, tuple(causes)))
    return BiteReport(hub, tuple(outages), tuple(losses), tuple(changes))


def _names(pack: ScenarioPack, ids: list[str], lang: str) -> str:
    unique = list(dict.fromkeys(ids))
    names = [agency_label(pack, a, lang) for a in unique[:MAX_NAMES]]
    if len(unique) > MAX_NAMES:
        names.append(f"+{len(unique) - MAX_NAMES}")
    return ", ".join(names)


def bite_findings(pack: ScenarioPack, report: BiteReport, lang: str = "en") -> list[Finding]:
    index = {inject.id: n for n, inject in enumerate(pack.injects)}
    found: list[Finding] = []
    for outage in report.outages:
        path = ("injects", index[outage.inject], "effects")
        params: dict[str, Param] = {"inject": outage.inject, "time": format_time(outage.at),
                  "links": len(outage.lost_links), "contacts": len(outage.contacts),
                  "cut_off": _names(pack, [a for a, _ in outage.cut_off], lang),
                  "hub": agency_label(pack, report.hub, lang) if report.hub else "",
                  "cause": "; ".join(outage.causes[:3])}
        if outage.cut_off:
            params["when"] = format_time(min(minute for _, minute in outage.cut_off))
            found.append(Finding(Rule.bite, "bite.cut_off", Severity.advice, path, params))
        elif outage.lost_links or outage.contacts:
            found.append(Finding(Rule.bite, "bite.links", Severity.advice, path, params))
        else:
            found.append(Finding(Rule.bite, "bite.nothing", Severity.advice, path, params))
    if report.outages and not report.contact_losses:
        found.append(Finding(Rule.bite, "bite.never", Severity.warning, ("injects",),
                             {"outages": len(report.outages)}))
    elif not report.outages and pack.injects:
        found.append(Finding(Rule.bite, "bite.no_outage", Severity.warning, ("injects",), {}))
    for n, channel in enumerate(pack.channels):
        fails_on_its_own = channel.charging is not None or bool(channel.congestion)
        if (not channel.depends_on and channel.kind not in SELF_RELIANT and not fails_on_its_own
                and channel.independent_because is None):
            found.append(Finding(Rule.bite, "bite.no_dependency", Severity.warning,
                                 ("channels", n), {"channel": channel.id,
                                                   "kind": channel.kind.value}))
    return found

"""Rules for injects: module, time window, sender, recipients, channel, effects, conditions
(including conditions that wait on each other in a circle)."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from exercise.scenario.models import (
    AfterInject,
    AgencyEffect,
    DecisionChosen,
    Inject,
    InjectType,
    NoAcknowledgement,
    NoContact,
    ScenarioPack,
)
from exercise.scenario.problems import Path, Problem, Severity
from exercise.scenario.reference_ids import DeclaredIds
from exercise.scenario.reference_ids import unknown as _unknown
from exercise.scenario.timecode import format_time


def inject_rules(pack: ScenarioPack, ids: DeclaredIds) -> Iterator[Problem]:
    agencies = ids["agencies"]
    senders = agencies | ids["actors"]
    modules = {m.id for m in pack.modules or []}
    injects = {i.id: i for i in pack.injects or []}
    objectives = ids["objectives"]
    for index, inject in enumerate(pack.injects or []):
        at = ("injects", index)
        if inject.module not in ids["modules"]:
            yield _unknown("module", inject.module, ids["modules"], (*at, "module"))
        elif inject.module in modules:
            start, end = pack.module_window(inject.module)
            if not start <= inject.time < end:
                yield Problem(
                    f"the inject is at {format_time(inject.time)}, outside its module "
                    f"{inject.module!r} ({format_time(start)} to {format_time(end)})",
                    path=(*at, "time"),
                    hint="move the inject or put it in the module that covers that time",
                    extra={"words": "ref_inject_outside_module", "time": format_time(inject.time),
                           "module": repr(inject.module), "start": format_time(start),
                           "end": format_time(end)},
                )
        if inject.from_ not in senders:
            yield _unknown("agency or actor", inject.from_, senders, (*at, "from"),
                           "declare it under agencies or actors")
        for t_index, target in enumerate(inject.to):
            if target not in agencies:
                yield _unknown("agency", target, agencies, (*at, "to", t_index))
        yield from _inject_channel(pack, inject, ids, at)
        for e_index, contact in enumerate(inject.expected_contacts):
            for side, value in (("from", contact.from_), ("to", contact.to)):
                if value not in agencies:
                    yield _unknown("agency", value, agencies,
                                   (*at, "expected_contacts", e_index, side))
        for o_index, objective in enumerate(inject.objectives):
            if objective not in objectives:
                yield _unknown("objective", objective, objectives, (*at, "objectives", o_index))
        for t_index, task in enumerate(inject.critical_tasks):
            if task not in ids.tasks:
                yield _unknown("critical task", task, ids.tasks, (*at, "critical_tasks", t_index))
        yield from _effects(inject, ids, at)
        yield from _conditions(inject, injects, ids, at)
        if inject.type is InjectType.decision and len(inject.options) < 2:
            yield Problem(
                "a decision inject needs at least two options",
                path=(*at, "options"),
                hint="add options: with an id and a label for each choice",
                extra={"words": "ref_decision_options"},
            )
        if inject.contingency and not inject.conditions:
            yield Problem(
                "a contingency inject has no condition, so it is released like any other",
                path=(*at, "contingency"),
                hint="add a no_ack or no_contact condition",
                extra={"words": "ref_contingency_without_condition"},
                severity=Severity.warning,
            )


def _inject_channel(pack: ScenarioPack, inject: Inject, ids: DeclaredIds, at: Path) -> Iterator[Problem]:
    if inject.channel is None:
        return
    if inject.channel not in ids["channels"]:
        yield _unknown("channel", inject.channel, ids["channels"], (*at, "channel"))
        return
    usable = ids.usable_channels(pack).get(inject.from_)
    if usable is not None:
        if inject.channel not in usable:
            yield Problem(
                f"{inject.from_!r} has no {inject.channel!r} channel",
                path=(*at, "channel"),
                hint=f"use one of {', '.join(usable) or 'no channel yet'}, or add "
                f"{inject.channel!r} to the agency's channels or one of its links",
                extra={"words": "ref_sender_channel" if usable else "ref_sender_channel_none",
                       "sender": repr(inject.from_), "channel": repr(inject.channel),
                       "usable": ", ".join(usable)},
            )


def _effects(inject: Inject, ids: DeclaredIds, at: Path) -> Iterator[Problem]:
    for index, effect in enumerate(inject.effects):
        path = (*at, "effects", index)
        if isinstance(effect, AgencyEffect):
            if effect.agency not in ids["agencies"]:
                yield _unknown("agency", effect.agency, ids["agencies"], (*path, "agency"))
            continue
        if effect.system not in ids["infrastructure"]:
            yield _unknown("infrastructure system", effect.system, ids["infrastructure"],
                           (*path, "system"))
        if effect.area is not None and effect.area not in ids["areas"]:
            yield _unknown("area", effect.area, ids["areas"], (*path, "area"))


def _conditions(
    inject: Inject, injects: dict[str, Inject], ids: DeclaredIds, at: Path
) -> Iterator[Problem]:
    for index, condition in enumerate(inject.conditions):
        path = (*at, "conditions", index)
        if isinstance(condition, AfterInject):
            if condition.after not in ids["injects"]:
                yield _unknown("inject", condition.after, ids["injects"], (*path, "after"))
        elif isinstance(condition, DecisionChosen):
            target = injects.get(condition.decision)
            if condition.decision not in ids["injects"]:
                yield _unknown("inject", condition.decision, ids["injects"], (*path, "decision"))
            elif target is not None:
                options = {o.id for o in target.options}
                if condition.option not in options:
                    yield _unknown("option", condition.option, options, (*path, "option"),
                                   f"inject {target.id!r} has options {', '.join(sorted(options)) or 'none'}")
            if condition.by is not None and condition.by not in ids["agencies"]:
                yield _unknown("agency", condition.by, ids["agencies"], (*path, "by"))
            elif condition.by is not None and target is not None and condition.by not in target.to:
                yield _not_a_recipient(condition.by, target, (*path, "by"))
        elif isinstance(condition, NoContact):
            for a_index, agency in enumerate(condition.no_contact):
                if agency not in ids["agencies"]:
                    yield _unknown("agency", agency, ids["agencies"], (*path, "no_contact", a_index))
        elif isinstance(condition, NoAcknowledgement):
            if condition.no_ack not in ids["injects"]:
                yield _unknown("inject", condition.no_ack, ids["injects"], (*path, "no_ack"))
            target = injects.get(condition.no_ack)
            if condition.agency is not None and condition.agency not in ids["agencies"]:
                yield _unknown("agency", condition.agency, ids["agencies"], (*path, "agency"))
            elif condition.agency is not None and target is not None and condition.agency not in target.to:
                yield _not_a_recipient(condition.agency, target, (*path, "agency"))


def _not_a_recipient(agency: str, target: Inject, path: Path) -> Problem:
    return Problem(
        f"{agency!r} does not receive inject {target.id!r}, so this condition can never be met",
        path=path,
        hint=f"name one of its recipients: {', '.join(target.to)}",
        extra={"words": "ref_not_a_recipient", "agency": repr(agency), "inject": repr(target.id),
               "recipients": ", ".join(target.to)},
    )


def condition_sources(inject: Inject) -> list[str]:
    """Injects this inject's release waits on."""
    out = []
    for condition in inject.conditions:
        if isinstance(condition, AfterInject):
            out.append(condition.after)
        elif isinstance(condition, DecisionChosen):
            out.append(condition.decision)
        elif isinstance(condition, NoAcknowledgement):
            out.append(condition.no_ack)
    return out


def condition_cycles(pack: ScenarioPack) -> Iterator[Problem]:
    graph = nx.DiGraph()
    index_of = {inject.id: index for index, inject in enumerate(pack.injects or [])}
    for inject in pack.injects or []:
        graph.add_node(inject.id)
        for source in condition_sources(inject):
            if source in index_of:
                graph.add_edge(source, inject.id)
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1 or any(graph.has_edge(n, n) for n in component):
            members = sorted(component, key=index_of.__getitem__)
            cycle = " -> ".join([*members, members[0]])
            yield Problem(
                f"these injects wait on each other, so none is ever released: {cycle}",
                path=("injects", index_of[members[0]], "conditions"),
                hint="remove one of the conditions in the circle",
                extra={"words": "ref_inject_cycle", "circle": cycle},
            )

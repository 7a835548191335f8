"""Rules that relate one part of a pack to another: ids exist and are unique, injects sit
inside their modules, senders can use their channels, conditions do not wait on each other."""

from __future__ import annotations

import difflib
import threading
from collections.abc import Collection, Iterator
from typing import Any

import networkx as nx
from pydantic import BaseModel

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
from exercise.scenario.text import LANGUAGES
from exercise.scenario.timecode import format_time

_ID_SECTIONS = (
    "objectives",
    "areas",
    "agencies",
    "actors",
    "infrastructure",
    "channels",
    "resource_types",
    "modules",
    "injects",
)


class _Ids:
    """The ids a pack declares, including those of entries that failed structurally."""

    def __init__(self, pack: ScenarioPack, raw_ids: dict[str, set[str]]):
        self.by_section: dict[str, set[str]] = {}
        for section in _ID_SECTIONS:
            declared = {item.id for item in (getattr(pack, section, None) or [])}
            self.by_section[section] = declared | raw_ids.get(section, set())
        self._usable: dict[str, list[str]] | None = None
        self.tasks = {
            task.id for objective in pack.objectives or [] for task in objective.critical_tasks
        }

    def __getitem__(self, section: str) -> set[str]:
        return self.by_section[section]

    def usable_channels(self, pack: ScenarioPack) -> dict[str, list[str]]:
        """Per agency, the channels it can use (as ScenarioPack.channels_usable_by), built once."""
        if self._usable is None:
            usable: dict[str, dict[str, None]] = {
                a.id: dict.fromkeys(a.channels) for a in pack.agencies or []
            }
            for link in pack.links or []:
                for end in (link.from_, link.to):
                    if end in usable:
                        usable[end].update(dict.fromkeys(link.channels))
            self._usable = {agency: list(found) for agency, found in usable.items()}
        return self._usable


# Did-you-mean compares an unknown id with every known one (about 20 µs each); a hostile pack
# with thousands of wrong references would otherwise take minutes. Past this many comparisons
# per pack, problems keep their plain hint.
SUGGESTION_BUDGET = 50_000
_suggestions = threading.local()


def check_references(pack: ScenarioPack, raw_ids: dict[str, set[str]]) -> list[Problem]:
    _suggestions.left = SUGGESTION_BUDGET
    ids = _Ids(pack, raw_ids)
    problems: list[Problem] = []
    problems += _duplicates(pack)
    problems += _agencies_and_infrastructure(pack, ids)
    problems += _links_and_resources(pack, ids)
    problems += _modules(pack)
    problems += _injects(pack, ids)
    problems += _condition_cycles(pack)
    problems += _translations(pack)
    return problems


def _unknown(kind: str, value: str, known: Collection[str], path: Path, hint: str = "") -> Problem:
    close: list[str] = []
    left = getattr(_suggestions, "left", SUGGESTION_BUDGET)
    if len(known) <= left:
        _suggestions.left = left - len(known)
        close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    suggestion = f"did you mean {close[0]!r}?" if close else hint or f"declare the {kind} first"
    return Problem(f"unknown {kind} {value!r}", path=path, hint=suggestion)


def _duplicates(pack: ScenarioPack) -> Iterator[Problem]:
    groups = [("objectives",), ("areas",), ("agencies", "actors"), ("infrastructure",),
              ("channels",), ("resource_types",), ("modules",), ("injects",)]
    for group in groups:
        seen: dict[str, Path] = {}
        for section in group:
            for index, item in enumerate(getattr(pack, section, None) or []):
                if item.id in seen:
                    first_section, first_index = seen[item.id]
                    yield Problem(
                        f"the id {item.id!r} is used twice (first at {first_section}[{first_index}])",
                        extra={"first": f"{first_section}:{first_index}"},
                        path=(section, index, "id"),
                        hint="give every entry its own id",
                    )
                else:
                    seen[item.id] = (section, index)
    tasks: dict[str, Path] = {}
    for o_index, objective in enumerate(pack.objectives or []):
        for t_index, task in enumerate(objective.critical_tasks):
            if task.id in tasks:
                yield Problem(
                    f"the critical task id {task.id!r} is used twice",
                    path=("objectives", o_index, "critical_tasks", t_index, "id"),
                )
            tasks[task.id] = ("objectives", o_index)
    for i_index, inject in enumerate(pack.injects or []):
        options: set[str] = set()
        for o_index, option in enumerate(inject.options):
            if option.id in options:
                yield Problem(
                    f"the option id {option.id!r} is used twice in this inject",
                    path=("injects", i_index, "options", o_index, "id"),
                )
            options.add(option.id)


def _agencies_and_infrastructure(pack: ScenarioPack, ids: _Ids) -> Iterator[Problem]:
    for index, area in enumerate(pack.areas or []):
        if area.parent is not None and area.parent not in ids["areas"]:
            yield _unknown("area", area.parent, ids["areas"], ("areas", index, "parent"))
    for index, agency in enumerate(pack.agencies or []):
        if agency.area not in ids["areas"]:
            yield _unknown("area", agency.area, ids["areas"], ("agencies", index, "area"))
        for c_index, channel in enumerate(agency.channels):
            if channel not in ids["channels"]:
                yield _unknown("channel", channel, ids["channels"],
                               ("agencies", index, "channels", c_index))
    for index, system in enumerate(pack.infrastructure or []):
        for d_index, dependency in enumerate(system.depends_on):
            path = ("infrastructure", index, "depends_on", d_index, "system")
            if dependency.system not in ids["infrastructure"]:
                yield _unknown("infrastructure system", dependency.system,
                               ids["infrastructure"], path)
            elif dependency.system == system.id:
                yield Problem(f"{system.id!r} cannot depend on itself", path=path)
    yield from _dependency_cycles(pack)
    for index, channel in enumerate(pack.channels or []):
        for d_index, system in enumerate(channel.depends_on):
            if system not in ids["infrastructure"]:
                yield _unknown("infrastructure system", system, ids["infrastructure"],
                               ("channels", index, "depends_on", d_index))


def _dependency_cycles(pack: ScenarioPack) -> Iterator[Problem]:
    graph = nx.DiGraph()
    positions: dict[str, int] = {}
    for index, system in enumerate(pack.infrastructure or []):
        positions.setdefault(system.id, index)
        for dependency in system.depends_on:
            if dependency.system != system.id:
                graph.add_edge(system.id, dependency.system)
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        first = min(component, key=lambda s: positions.get(s, 0))
        cycle = [edge[0] for edge in nx.find_cycle(graph.subgraph(component), source=first)]
        yield Problem(
            "infrastructure systems depend on each other in a circle: "
            + " -> ".join([*cycle, cycle[0]]),
            path=("infrastructure", positions.get(first, 0), "depends_on"),
            hint="break the circle: a system cannot, through others, depend on itself",
        )


def _links_and_resources(pack: ScenarioPack, ids: _Ids) -> Iterator[Problem]:
    agencies = ids["agencies"]
    seen: dict[tuple[str, str], int] = {}
    for index, link in enumerate(pack.links or []):
        for end, value in (("from", link.from_), ("to", link.to)):
            if value not in agencies:
                yield _unknown("agency", value, agencies, ("links", index, end))
        if link.from_ == link.to:
            yield Problem("a link cannot join an agency to itself", path=("links", index, "to"))
        for c_index, channel in enumerate(link.channels):
            if channel not in ids["channels"]:
                yield _unknown("channel", channel, ids["channels"],
                               ("links", index, "channels", c_index))
        if len(set(link.channels)) < len(link.channels):
            yield Problem("a channel is listed twice on this link", path=("links", index, "channels"))
        # A two-way and a one-way link may join the same pair (a one-way alert channel
        # beside a two-way phone line); two links of the same direction may not.
        key = (link.direction.value, *(
            (link.from_, link.to) if link.direction.value == "one_way"
            else sorted((link.from_, link.to))))
        if key in seen:
            yield Problem(
                f"{link.from_} and {link.to} are already linked (links[{seen[key]}])",
                extra={"first": f"links:{seen[key]}"},
                path=("links", index),
                hint="list every channel of a pair on one link, in priority order",
            )
        seen.setdefault(key, index)
    for index, holding in enumerate(pack.resources or []):
        if holding.agency not in agencies:
            yield _unknown("agency", holding.agency, agencies, ("resources", index, "agency"))
        if holding.type not in ids["resource_types"]:
            yield _unknown("resource type", holding.type, ids["resource_types"],
                           ("resources", index, "type"))


def _modules(pack: ScenarioPack) -> Iterator[Problem]:
    for index, module in enumerate(pack.modules or []):
        if module.end is not None and module.end <= module.start:
            yield Problem(
                f"the module ends ({format_time(module.end)}) before it starts "
                f"({format_time(module.start)})",
                path=("modules", index, "end"),
            )
    starts: dict[int, int] = {}
    for index, module in enumerate(pack.modules or []):
        if module.start in starts:
            yield Problem(
                f"two modules start at {format_time(module.start)}",
                path=("modules", index, "start"),
                hint="give each module its own start time",
            )
        starts[module.start] = index


def _injects(pack: ScenarioPack, ids: _Ids) -> Iterator[Problem]:
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
                )
        if inject.from_ not in senders:
            yield _unknown("agency or actor", inject.from_, senders, (*at, "from"),
                           "declare it under agencies or actors")
        for t_index, target in enumerate(inject.to):
            if target not in agencies:
                yield _unknown("agency", target, agencies, (*at, "to", t_index))
        yield from _inject_channel(pack, inject, ids, at)
        for e_index, contact in enumerate(inject.expected_contacts):
            for end, value in (("from", contact.from_), ("to", contact.to)):
                if value not in agencies:
                    yield _unknown("agency", value, agencies,
                                   (*at, "expected_contacts", e_index, end))
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
            )
        if inject.contingency and not inject.conditions:
            yield Problem(
                "a contingency inject has no condition, so it is released like any other",
                path=(*at, "contingency"),
                hint="add a no_ack or no_contact condition",
                severity=Severity.warning,
            )


def _inject_channel(pack: ScenarioPack, inject: Inject, ids: _Ids, at: Path) -> Iterator[Problem]:
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
            )


def _effects(inject: Inject, ids: _Ids, at: Path) -> Iterator[Problem]:
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
    inject: Inject, injects: dict[str, Inject], ids: _Ids, at: Path
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


def _condition_cycles(pack: ScenarioPack) -> Iterator[Problem]:
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
            )


def _translations(pack: ScenarioPack) -> Iterator[Problem]:
    if pack.metadata is None:
        return
    wanted = set(pack.metadata.languages) & set(LANGUAGES)
    if len(wanted) < 2:
        return
    for path, text in _texts(pack, ()):
        if isinstance(text, dict):
            missing = sorted(wanted - set(text))
            if missing:
                yield Problem(
                    f"no {' or '.join(missing)} text here, though the pack declares it",
                    path=path,
                    hint="add the translation, or drop the language from metadata.languages",
                    severity=Severity.warning,
                )


def _texts(value: Any, path: Path) -> Iterator[tuple[Path, Any]]:
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _texts(getattr(value, name, None), (*path, info.alias or name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
    elif isinstance(value, dict):
        yield path, value

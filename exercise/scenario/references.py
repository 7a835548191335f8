"""Rules that relate one part of a pack to another: ids exist and are unique, injects sit
inside their modules, senders can use their channels, conditions do not wait on each other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx
from pydantic import BaseModel

from exercise.scenario.agency_rules import agency_problems
from exercise.scenario.channel_rules import channel_problems
from exercise.scenario.inject_rules import condition_cycles, condition_sources, inject_rules
from exercise.scenario.models import ScenarioPack
from exercise.scenario.problems import Path, Problem, Severity
from exercise.scenario.reference_ids import DeclaredIds, reset_suggestions
from exercise.scenario.reference_ids import unknown as _unknown
from exercise.scenario.table_plans import table_plan_problems
from exercise.scenario.text import LANGUAGES
from exercise.scenario.time_of_day import start_problems
from exercise.scenario.timecode import format_time

__all__ = ["check_references", "condition_sources"]


def check_references(pack: ScenarioPack, raw_ids: dict[str, set[str]]) -> list[Problem]:
    reset_suggestions()
    ids = DeclaredIds(pack, raw_ids)
    problems: list[Problem] = []
    problems += _duplicates(pack)
    problems += _agencies_and_infrastructure(pack, ids)
    problems += agency_problems(pack)
    problems += channel_problems(pack)
    problems += _links_and_resources(pack, ids)
    problems += _modules(pack)
    problems += inject_rules(pack, ids)
    problems += condition_cycles(pack)
    problems += _translations(pack)
    problems += table_plan_problems(pack, ids)
    problems += start_problems(pack.metadata.scenario_start if pack.metadata else None)
    return problems


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
                        extra={"first": f"{first_section}:{first_index}", "words": "ref_duplicate",
                               "id": repr(item.id), "at": f"{first_section}[{first_index}]"},
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
                    extra={"words": "ref_duplicate_task", "id": repr(task.id)},
                    path=("objectives", o_index, "critical_tasks", t_index, "id"),
                )
            tasks[task.id] = ("objectives", o_index)
    for i_index, inject in enumerate(pack.injects or []):
        options: set[str] = set()
        for o_index, option in enumerate(inject.options):
            if option.id in options:
                yield Problem(
                    f"the option id {option.id!r} is used twice in this inject",
                    extra={"words": "ref_duplicate_option", "id": repr(option.id)},
                    path=("injects", i_index, "options", o_index, "id"),
                )
            options.add(option.id)


def _agencies_and_infrastructure(pack: ScenarioPack, ids: DeclaredIds) -> Iterator[Problem]:
    for index, area in enumerate(pack.areas or []):
        if area.parent is not None and area.parent not in ids["areas"]:
            yield _unknown("area", area.parent, ids["areas"], ("areas", index, "parent"))
    for index, agency in enumerate(pack.agencies or []):
        if agency.area not in ids["areas"]:
            yield _unknown("area", agency.area, ids["areas"], ("agencies", index, "area"))
        for c_index, channel_id in enumerate(agency.channels):
            if channel_id not in ids["channels"]:
                yield _unknown("channel", channel_id, ids["channels"],
                               ("agencies", index, "channels", c_index))
    for index, system in enumerate(pack.infrastructure or []):
        for d_index, dependency in enumerate(system.depends_on):
            path = ("infrastructure", index, "depends_on", d_index, "system")
            if dependency.system not in ids["infrastructure"]:
                yield _unknown("infrastructure system", dependency.system,
                               ids["infrastructure"], path)
            elif dependency.system == system.id:
                yield Problem(f"{system.id!r} cannot depend on itself", path=path,
                              extra={"words": "ref_self_dependency", "id": repr(system.id)})
    yield from _dependency_cycles(pack)
    for index, channel in enumerate(pack.channels or []):
        for d_index, system_id in enumerate(channel.depends_on):
            if system_id not in ids["infrastructure"]:
                yield _unknown("infrastructure system", system_id, ids["infrastructure"],
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
        circle = " -> ".join([*cycle, cycle[0]])
        yield Problem(
            "infrastructure systems depend on each other in a circle: " + circle,
            extra={"words": "ref_dependency_cycle", "circle": circle},
            path=("infrastructure", positions.get(first, 0), "depends_on"),
            hint="break the circle: a system cannot, through others, depend on itself",
        )


def _links_and_resources(pack: ScenarioPack, ids: DeclaredIds) -> Iterator[Problem]:
    agencies = ids["agencies"]
    seen: dict[tuple[str, str], int] = {}
    for index, link in enumerate(pack.links or []):
        for end, value in (("from", link.from_), ("to", link.to)):
            if value not in agencies:
                yield _unknown("agency", value, agencies, ("links", index, end))
        if link.from_ == link.to:
            yield Problem("a link cannot join an agency to itself", path=("links", index, "to"),
                          extra={"words": "ref_self_link"})
        for c_index, channel in enumerate(link.channels):
            if channel not in ids["channels"]:
                yield _unknown("channel", channel, ids["channels"],
                               ("links", index, "channels", c_index))
        if len(set(link.channels)) < len(link.channels):
            yield Problem("a channel is listed twice on this link", path=("links", index, "channels"),
                          extra={"words": "ref_channel_twice"})
        # A two-way and a one-way link may join the same pair (a one-way alert channel
        # beside a two-way phone line); two links of the same direction may not.
        key = (link.direction.value, *(
            (link.from_, link.to) if link.direction.value == "one_way"
            else sorted((link.from_, link.to))))
        if key in seen:
            yield Problem(
                f"{link.from_} and {link.to} are already linked (links[{seen[key]}])",
                extra={"first": f"links:{seen[key]}", "words": "ref_already_linked",
                       "a": link.from_, "b": link.to, "at": f"links[{seen[key]}]"},
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
                extra={"words": "ref_module_end", "end": format_time(module.end),
                       "start": format_time(module.start)},
            )
    starts: dict[int, int] = {}
    for index, module in enumerate(pack.modules or []):
        if module.start in starts:
            yield Problem(
                f"two modules start at {format_time(module.start)}",
                extra={"words": "ref_module_same_start", "time": format_time(module.start)},
                path=("modules", index, "start"),
                hint="give each module its own start time",
            )
        starts[module.start] = index


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
                    extra={"words": "ref_translation_missing", "languages": " or ".join(missing)},
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

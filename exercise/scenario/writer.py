"""Writing a scenario pack back to a readable YAML file that the loader reads to an equal pack.

Fields keep the order of the models, defaults are left out, times are written as T+HH:MM,
expected contacts as `from -> to`, and short lists of plain values on one line.
"""

from __future__ import annotations

from typing import Any

import yaml

from exercise.scenario.models import ScenarioPack
from exercise.scenario.timecode import parse_time

_FLOW_LIST_WIDTH = 80
# Lengths of time read better as minutes than as a point on the scenario clock.
_DURATIONS = {"duration", "latency", "backup", "delay"}
_HEADER = "# Scenario pack written by `exercise`; check it with `exercise validate`.\n"


class _PackDumper(yaml.SafeDumper):
    """Safe YAML with short scalar lists on one line and multi-line text as a block."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = bool(data) and all(isinstance(item, (str, int, float)) for item in data) and (
        sum(len(str(item)) + 2 for item in data) <= _FLOW_LIST_WIDTH
        and not any(isinstance(item, str) and "\n" in item for item in data)
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_PackDumper.add_representer(list, _represent_list)
_PackDumper.add_representer(str, _represent_str)


def pack_data(pack: ScenarioPack) -> dict[str, Any]:
    """The pack as plain data in file form (aliases, T+ times, no defaults)."""
    data: dict[str, Any] = {"format_version": pack.format_version}
    dumped = pack.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    dumped.pop("format_version", None)
    data.update(dumped)
    _durations_as_minutes(data)
    for inject in data.get("injects", []):
        contacts = inject.get("expected_contacts")
        if contacts:
            inject["expected_contacts"] = [f"{c['from']} -> {c['to']}" for c in contacts]
    return data


def pack_to_yaml(pack: ScenarioPack) -> str:
    body = yaml.dump(
        pack_data(pack),
        Dumper=_PackDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return _HEADER + body


def _durations_as_minutes(value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _DURATIONS and isinstance(item, str):
                value[key] = parse_time(item)
            else:
                _durations_as_minutes(item)
    elif isinstance(value, list):
        for item in value:
            _durations_as_minutes(item)

"""Decide-and-relay time: the minutes an agency takes to pass a warning on once it has it.

The defaults and their sources are in `relay_times.yaml` beside this module. An agency's time is,
first match wins: the pack's own `relay_minutes` on the agency; a sector rule (words in the
agency's sector); its level; the general default. Each answer says which of these it came from
(`basis`, `key`) so that the edge can explain it in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from exercise.scenario.models import Agency, ScenarioPack
from exercise.scenario.text import localize

Basis = Literal["pack", "sector", "level", "default"]


@dataclass(frozen=True)
class RelayTime:
    minutes: float
    basis: Basis
    key: str  # the sector rule's id, the level, or "" (pack, default)
    sources: tuple[str, ...] = ()  # ids of the sources in relay_times.yaml


@dataclass(frozen=True)
class _SectorRule:
    id: str
    words: tuple[str, ...]
    minutes: float
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RelayDefaults:
    default: RelayTime
    levels: dict[str, RelayTime]
    sectors: tuple[_SectorRule, ...]

    def for_agency(self, agency: Agency) -> RelayTime:
        if agency.relay_minutes is not None:
            return RelayTime(float(agency.relay_minutes), "pack", "")
        sector = localize(agency.sector, "en").casefold()
        for rule in self.sectors:
            if any(word in sector for word in rule.words):
                return RelayTime(rule.minutes, "sector", rule.id, rule.sources)
        level = getattr(agency.level, "value", str(agency.level))
        return self.levels.get(level, self.default)


@cache
def relay_defaults() -> RelayDefaults:
    text = (resources.files("exercise.network") / "relay_times.yaml").read_text(encoding="utf-8")
    return parse_relay_defaults(yaml.safe_load(text))


def parse_relay_defaults(data: dict[str, Any]) -> RelayDefaults:
    def entry(item: dict[str, Any], basis: Basis, key: str) -> RelayTime:
        return RelayTime(float(item["minutes"]), basis, key, tuple(item.get("sources", ())))

    return RelayDefaults(
        entry(data["default"], "default", ""),
        {level: entry(item, "level", level) for level, item in data.get("levels", {}).items()},
        tuple(
            _SectorRule(rule["id"], tuple(w.casefold() for w in rule["words"]), float(rule["minutes"]),
                        tuple(rule.get("sources", ())))
            for rule in data.get("sectors", [])
        ),
    )


def relay_times(pack: ScenarioPack) -> dict[str, RelayTime]:
    """Every agency of the pack with its decide-and-relay time and where the figure comes from."""
    defaults = relay_defaults()
    return {agency.id: defaults.for_agency(agency) for agency in pack.agencies}


def relay_minutes(pack: ScenarioPack) -> dict[str, float]:
    """{agency: minutes}, as `warning_cascade(relay=...)` takes it."""
    return {agency_id: time.minutes for agency_id, time in relay_times(pack).items()}

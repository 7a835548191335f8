"""The standard channel catalogue (data/channels.yaml): channels and the infrastructure they
depend on, with names and aliases in English and Traditional Chinese and cited backup minutes.

    parts = catalogue_parts()          # infrastructure and channels ready for a new pack
    entry = find_channel("衛星電話")    # CatalogueChannel(id="satellite-phone", …)
    names = channel_names(pack)         # NameIndex entries: pack channels by name, kind, alias
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from exercise.scenario.models import Channel, InfrastructureSystem, ScenarioPack, Source
from exercise.scenario.text import LocalText


def _key(text: str) -> str:
    from exercise.scenario.spreadsheets.msel_values import match_key

    return match_key(text)


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    kind: str
    name: dict[str, str]
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    data: dict[str, Any]

    @property
    def words(self) -> tuple[str, ...]:
        return (self.id, self.kind, *self.name.values(), *self.aliases)


@dataclass(frozen=True)
class Catalogue:
    channels: tuple[CatalogueEntry, ...]
    systems: tuple[CatalogueEntry, ...]
    sources: dict[str, Source]

    def channel(self, channel_id: str) -> CatalogueEntry:
        return next(c for c in self.channels if c.id == channel_id)

    def system(self, system_id: str) -> CatalogueEntry:
        return next(s for s in self.systems if s.id == system_id)


def _entry(raw: dict[str, Any], fields: tuple[str, ...]) -> CatalogueEntry:
    return CatalogueEntry(
        id=raw["id"], kind=raw["kind"], name=dict(raw["name"]),
        aliases=tuple(str(a) for a in raw.get("aliases", ())),
        sources=tuple(raw.get("sources", ())),
        data={k: raw[k] for k in fields if k in raw})


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    text = resources.files("exercise.scenario").joinpath("data/channels.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    sources = {key: Source.model_validate(value) for key, value in raw["sources"].items()}
    return Catalogue(
        channels=tuple(_entry(c, ("id", "kind", "name", "depends_on", "latency", "reliability"))
                       for c in raw["channels"]),
        systems=tuple(_entry(s, ("id", "kind", "name", "depends_on")) for s in raw["infrastructure"]),
        sources=sources)


def find_channel(text: str) -> CatalogueEntry | None:
    """The catalogue channel a planner means by `text` (id, kind, name or alias, any language)."""
    return _find(text, catalogue().channels)


def find_system(text: str) -> CatalogueEntry | None:
    return _find(text, catalogue().systems)


def _find(text: str, entries: tuple[CatalogueEntry, ...]) -> CatalogueEntry | None:
    key = _key(text)
    if not key:
        return None
    for entry in entries:  # ids, names and aliases first; kinds last (sms is a messaging_app)
        if key in {_key(w) for w in (entry.id, *entry.name.values(), *entry.aliases)}:
            return entry
    return next((e for e in entries if _key(e.kind) == key), None)


def catalogue_channels(ids: list[str] | None = None) -> list[Channel]:
    chosen = [c for c in catalogue().channels if ids is None or c.id in ids]
    return [Channel.model_validate(c.data) for c in chosen]


def catalogue_systems(channels: list[Channel] | None = None) -> list[InfrastructureSystem]:
    """The systems the channels depend on, with what those depend on (all when None)."""
    systems = {s.id: s for s in catalogue().systems}
    if channels is None:
        wanted = list(systems)
    else:
        wanted = []
        pending = [d for c in channels for d in c.depends_on]
        while pending:
            system_id = pending.pop(0)
            if system_id in systems and system_id not in wanted:
                wanted.append(system_id)
                pending += [d["system"] for d in systems[system_id].data.get("depends_on", [])]
        wanted.sort(key=list(systems).index)
    return [InfrastructureSystem.model_validate(systems[i].data) for i in wanted]


def catalogue_parts() -> dict[str, list[dict[str, Any]]]:
    """The `infrastructure` and `channels` sections of a new pack, as plain data."""
    return {"infrastructure": [s.model_dump(by_alias=True) for s in catalogue_systems()],
            "channels": [c.model_dump(by_alias=True) for c in catalogue_channels()]}


def catalogue_sources() -> list[Source]:
    return list(catalogue().sources.values())


def channel_names(pack: ScenarioPack) -> list[tuple[str, tuple[LocalText | str | None, ...]]]:
    """Entries for a NameIndex of the pack's channels: each channel's id, name and kind, plus
    the catalogue's aliases for the catalogue channel of the same id, or of the same kind when
    the pack has only one channel of that kind."""
    kinds: dict[str, list[str]] = {}
    for channel in pack.channels:
        kinds.setdefault(channel.kind.value, []).append(channel.id)
    entries = []
    for channel in pack.channels:
        words: list[LocalText | str | None] = [channel.name, channel.kind.value]
        for entry in catalogue().channels:
            same_kind = entry.kind == channel.kind.value and kinds[entry.kind] == [channel.id]
            ids = [c.id for c in pack.channels]
            if entry.id == channel.id or (same_kind and entry.id not in ids):
                words += [*entry.name.values(), *entry.aliases]
        entries.append((channel.id, tuple(words)))
    return entries


def system_names(pack: ScenarioPack) -> list[tuple[str, tuple[LocalText | str | None, ...]]]:
    """The same for infrastructure systems (for effects such as `power down in Xiulin`)."""
    kinds: dict[str, list[str]] = {}
    for system in pack.infrastructure:
        kinds.setdefault(system.kind.value, []).append(system.id)
    entries = []
    for system in pack.infrastructure:
        words: list[LocalText | str | None] = [system.name]
        if kinds[system.kind.value] == [system.id]:
            words.append(system.kind.value)
        for entry in catalogue().systems:
            if entry.id == system.id or (entry.kind == system.kind.value
                                         and kinds[entry.kind] == [system.id]
                                         and entry.id not in kinds.get(entry.kind, [])):
                words += [*entry.name.values(), *entry.aliases]
        entries.append((system.id, tuple(words)))
    return entries

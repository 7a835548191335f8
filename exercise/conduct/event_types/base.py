"""What every typed event payload shares: one pydantic model per event kind, a schema version
per kind, and the path from an older version to the current one (upcasters).

A payload is validated when it is appended (`stored_payload`) and parsed when it is folded
(`parse_payload`); between the two it travels as JSON, in the store and in exports."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

from exercise.conduct.events import EventKind

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


class EventData(BaseModel):
    """The payload of one event kind. `event_kind` and `version` are fixed per class; a change
    to the fields of a kind raises its version and adds an upcaster from the one before."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    event_kind: ClassVar[EventKind]
    version: ClassVar[int] = 1

    def free_form(self) -> bool:
        """Whether a field holds any JSON (checked by a round trip through JSON on append)."""
        return False

    def stored(self) -> dict[str, Any]:
        """The payload as JSON stores it (tuples as lists)."""
        return self.model_dump(mode="json")


class EventTypeError(ValueError):
    """A payload that is not what its event kind needs; the message says which field."""


class Registry:
    """The model of each event kind and the upcasters between its versions."""

    def __init__(self) -> None:
        self.models: dict[EventKind, type[EventData]] = {}
        self.upcasters: dict[tuple[EventKind, int], Upcaster] = {}

    def model(self, cls: type[EventData]) -> type[EventData]:
        """Class decorator: `cls` is the current payload model of `cls.event_kind`."""
        if cls.event_kind in self.models:
            raise ValueError(f"{cls.event_kind.value} has two payload models")
        self.models[cls.event_kind] = cls
        return cls

    def upcaster(self, kind: EventKind, from_version: int) -> Callable[[Upcaster], Upcaster]:
        """Decorator: turns a version `from_version` payload of `kind` into version + 1."""
        def register(fn: Upcaster) -> Upcaster:
            self.upcasters[(kind, from_version)] = fn
            return fn
        return register

    def current_version(self, kind: EventKind) -> int:
        return self.models[EventKind(kind)].version

    def upcast(self, kind: EventKind, payload: Mapping[str, Any], version: int) -> dict[str, Any]:
        """A payload of `version` brought to the current version of its kind."""
        target = self.current_version(kind)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise EventTypeError(f"{kind.value}: schema version {version!r} is not a version")
        if version > target:
            raise EventTypeError(
                f"{kind.value}: schema version {version} was written by a newer version of the "
                f"app (this one reads up to {target}); upgrade the app to read it")
        data = dict(payload)
        while version < target:
            step = self.upcasters.get((kind, version))
            if step is None:
                raise EventTypeError(f"{kind.value}: no upcaster from schema version {version}")
            data = step(data)
            version += 1
        return data

    def parse(self, kind: EventKind, payload: Mapping[str, Any] | EventData,
              version: int | None = None) -> EventData:
        """The typed payload of an event of `kind` (of `version`, default current)."""
        kind = EventKind(kind)
        cls = self.models[kind]
        if isinstance(payload, EventData):
            if not isinstance(payload, cls):
                raise EventTypeError(f"{kind.value} carries a {type(payload).__name__} payload")
            return payload
        if not isinstance(payload, Mapping):
            raise EventTypeError(f"{kind.value}: the payload must be a JSON object, "
                                 f"not {type(payload).__name__}")
        data = self.upcast(kind, payload, cls.version if version is None else version)
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(part) for part in first["loc"]) or "payload"
            raise EventTypeError(f"{kind.value}: {where}: {first['msg']}") from None

"""Where every node of a pack's YAML starts, without building its values: the doctor runs on a
pack the loader has already validated and needs only positions (a full second parse would
cost as much as the validation itself)."""

from __future__ import annotations

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from exercise.scenario.problems import Path
from exercise.scenario.yamlbuilder import YamlDocument

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NO_KEY = object()


class _Frame:
    __slots__ = ("path", "is_map", "key", "index")

    def __init__(self, path: Path | None, is_map: bool) -> None:
        self.path = path
        self.is_map = is_map
        self.key: object = None  # the key whose value comes next; None while awaiting a key
        self.index = 0


def yaml_positions(text: str) -> YamlDocument:
    """A document with positions (and key positions) only; `data` is None. Raises
    yaml.YAMLError on text that is not YAML (the loader has reported it already)."""
    document = YamlDocument(data=None)
    positions, key_positions = document.positions, document.key_positions
    stack: list[_Frame] = []
    loader = _Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            kind = event.__class__
            if kind in (MappingEndEvent, SequenceEndEvent):
                stack.pop()
                continue
            if kind not in (ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent):
                continue
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1)
            path: Path | None
            if not stack:
                path = ()
            else:
                parent = stack[-1]
                if parent.is_map and parent.key is None:  # this node is a key
                    parent.key = event.value if kind is ScalarEvent else _NO_KEY
                    if parent.path is not None and kind is ScalarEvent:
                        key_positions[(*parent.path, event.value)] = where
                    if kind in (MappingStartEvent, SequenceStartEvent):
                        stack.append(_Frame(None, kind is MappingStartEvent))
                    continue
                if parent.path is None:
                    path = None
                elif parent.is_map:
                    key = parent.key  # a scalar's text, or _NO_KEY after a key that is not a scalar
                    path = (*parent.path, key) if isinstance(key, str) else None
                else:
                    path = (*parent.path, parent.index)
                if parent.is_map:
                    parent.key = None
                else:
                    parent.index += 1
            if path is not None:
                positions.setdefault(path, where)
            if kind in (MappingStartEvent, SequenceStartEvent):
                stack.append(_Frame(path, kind is MappingStartEvent))
    finally:
        loader.dispose()
    return document

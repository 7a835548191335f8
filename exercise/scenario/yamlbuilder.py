"""Plain Python data with positions, built from a YAML parser's events with an explicit stack:
no recursion, only plain types, a cap on nesting, and a budget on values that counts every
alias expansion (an alias shares its anchor's value instead of copying it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from exercise.scenario.problems import Path, Problem

MAX_NODES = 500_000
MAX_DEPTH = 64

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_AS_TEXT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value", "tag:yaml.org,2002:yaml"}
_CONSTRUCTED = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
                "tag:yaml.org,2002:null"}
# Characters YAML 1.1 does not allow in a stream (everything but tab, LF, CR and printables).
_RESOLVED_FIRST = frozenset(Resolver.yaml_implicit_resolvers)

Position = tuple[int, int]


class SourceError(Exception):
    """The text cannot be read as YAML at all; carries the located problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class YamlDocument:
    data: Any
    positions: dict[Path, Position] = field(default_factory=dict)
    key_positions: dict[Path, Position] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Position | None:
        """The line and column of the deepest node on `path` that exists in the source."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        for end in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:end]))
            if found is not None:
                return found
        return None


_MERGE_KEY = object()
_BAD_KEY = object()


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("value", "path", "anchor", "bad", "size", "height", "key", "merges", "merge_at")

    def __init__(self, value: Any, path: Path | None, anchor: str | None, bad: bool):
        self.value = value
        self.path = path
        self.anchor = anchor
        self.bad = bad
        self.size = 1
        self.height = 1
        self.key: Any = None
        self.merges: list[dict[str, Any]] = []
        self.merge_at: Position = (1, 1)


class YamlBuilder:
    def __init__(self, file: str):
        self.file = file
        self.document = YamlDocument(data=None)
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.nodes = 0
        self.documents = 0
        self.resolver = Resolver()
        self.constructor = SafeConstructor()
        self.handlers = {
            DocumentStartEvent: self._document,
            ScalarEvent: self._scalar,
            AliasEvent: self._alias,
            MappingStartEvent: self._start,
            SequenceStartEvent: self._start,
            MappingEndEvent: self._end,
            SequenceEndEvent: self._end,
        }

    def _problem(self, event: Event, message: str, hint: str = "", **words: str) -> None:
        """`words`: the sentence's code and values (`problem.<code>` in the catalogue)."""
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        self.problems.append(Problem(message, hint=hint, file=self.file, line=line, column=column,
                                     extra=words))

    def _fatal(self, event: Event, message: str, hint: str) -> SourceError:
        self._problem(event, message, hint)
        return SourceError(self.problems[-1:])

    def _child_path(self, event: Event) -> Path | None:
        """The path of the node that starts with `event`; None inside keys and dropped values."""
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if parent.path is None:
            return None
        if isinstance(parent.value, list):
            return (*parent.path, len(parent.value))
        if parent.key is None or parent.key is _MERGE_KEY or parent.key is _BAD_KEY:
            return None
        return (*parent.path, parent.key)

    def _count(self, event: Event, size: int, height: int) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise self._fatal(event, f"the document expands to more than {MAX_NODES:,} values",
                              "anchors and aliases (&name, *name) may be expanding it; remove them")
        if len(self.stack) + height > MAX_DEPTH:
            raise self._fatal(event, f"nesting is deeper than {MAX_DEPTH} levels",
                              "flatten the structure")

    def _document(self, event: DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self._fatal(event, "the file holds more than one YAML document",
                              "keep one pack per file; remove the second '---'")

    def _start(self, event: MappingStartEvent | SequenceStartEvent) -> None:
        is_map = isinstance(event, MappingStartEvent)
        self._count(event, 1, 1)
        path = self._child_path(event)
        bad = event.tag not in (None, "!", _MAP if is_map else _SEQ)
        if bad:
            self._problem(event, f"the tag {event.tag} is not allowed", "remove the tag",
                          words="yaml_tag", tag=str(event.tag))
        if self.stack and self._awaiting_key():
            self._problem(event, "a key must be plain text, not a list or mapping", words="yaml_key_not_text")
        if path is not None:
            self.document.positions.setdefault(path, _mark(event))
        self.stack.append(_Frame({} if is_map else [], path, event.anchor, bad))

    def _end(self, event: Event) -> None:
        frame = self.stack.pop()
        if isinstance(frame.value, dict):
            for source in frame.merges:
                for key, value in source.items():
                    frame.value.setdefault(key, value)
        value = None if frame.bad else frame.value
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (value, frame.size, frame.height)
        self._deliver(value, frame.size, frame.height)

    def _alias(self, event: AliasEvent) -> None:
        if event.anchor not in self.anchors:
            self._problem(event, f"the alias *{event.anchor} has no anchor &{event.anchor} before it",
                          "define the anchor first; an alias cannot refer to itself",
                          words="yaml_alias", anchor=str(event.anchor))
            self._deliver(None, 1, 1)
            return
        value, size, height = self.anchors[event.anchor]
        self._count(event, size, height)
        path = self._child_path(event)
        if path is not None:
            self.document.positions.setdefault(path, _mark(event))
        self._deliver(value, size, height)

    def _tag(self, event: ScalarEvent) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0] or event.value[:1] not in _RESOLVED_FIRST:
                return _STR
            return self.resolver.resolve(ScalarNode, event.value, event.implicit)
        return tag

    def _scalar(self, event: ScalarEvent) -> None:
        tag = self._tag(event)
        stack = self.stack
        if stack:
            parent = stack[-1]
            container, key = parent.value, parent.key
            if key is None and container.__class__ is dict:
                self._key(event, tag)
                return
            if (tag == _STR and event.anchor is None and parent.path is not None
                    and key is not _MERGE_KEY and key is not _BAD_KEY):
                self._text_value(event, parent, parent.path, container, key)
                return
        self._count(event, 1, 0)
        path = self._child_path(event)
        if path is not None:
            self.document.positions.setdefault(path, _mark(event))
        value: Any = None
        if tag == _STR or tag in _AS_TEXT:
            value = event.value
        elif tag in _CONSTRUCTED:
            try:
                node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
                value = self.constructor.yaml_constructors[tag](self.constructor, node)
            except (yaml.YAMLError, ValueError, OverflowError) as exc:
                self._problem(event, f"cannot read this value: {exc}")
        else:
            self._problem(event, f"the tag {tag} is not allowed", "remove the tag", words="yaml_tag", tag=str(tag))
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1, 0)
        self._deliver(value, 1, 0)

    def _text_value(self, event: ScalarEvent, parent: _Frame, at: Path, container: Any, key: Any) -> None:
        """The common case, kept short: a plain text value at a place the source can show."""
        self.nodes += 1
        if self.nodes > MAX_NODES or len(self.stack) > MAX_DEPTH:
            self._count(event, 0, 0)
        if container.__class__ is list:
            path = (*at, len(container))
            container.append(event.value)
        else:
            path = (*at, key)
            container[key] = event.value
            parent.key = None
        mark = event.start_mark
        self.document.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        parent.size += 1

    def _awaiting_key(self) -> bool:
        parent = self.stack[-1]
        return isinstance(parent.value, dict) and parent.key is None

    def _key(self, event: ScalarEvent, tag: str) -> None:
        parent = self.stack[-1]
        if tag == _MERGE:
            parent.key = _MERGE_KEY
            parent.merge_at = _mark(event)
            return
        if event.tag not in (None, "!", _STR):
            self._problem(event, f"the tag {event.tag} is not allowed on a key", "remove the tag",
                          words="yaml_key_tag", tag=str(event.tag))
        key = event.value
        if key in parent.value:
            self._problem(event, f"the key {key!r} appears twice in this mapping", "keep one of them",
                          words="yaml_key_twice", key_text=repr(key))
            parent.key = _BAD_KEY
            return
        parent.key = key
        if parent.path is not None:
            self.document.key_positions[(*parent.path, key)] = _mark(event)

    def _deliver(self, value: Any, size: int, height: int) -> None:
        if not self.stack:
            self.document.data = value
            return
        parent = self.stack[-1]
        parent.size += size
        parent.height = max(parent.height, height + 1)
        if isinstance(parent.value, list):
            parent.value.append(value)
        elif parent.key is None:
            parent.key = _BAD_KEY  # a list or mapping used as a key; already reported
        else:
            if parent.key is _MERGE_KEY:
                self._merge(parent, value)
            elif parent.key is not _BAD_KEY:
                parent.value[parent.key] = value
            parent.key = None

    def _merge(self, parent: _Frame, value: Any) -> None:
        sources = value if isinstance(value, list) else [value]
        if all(isinstance(source, dict) for source in sources):
            parent.merges.extend(sources)
        else:
            line, column = parent.merge_at
            self.problems.append(Problem("a merge (<<) needs a mapping or a list of mappings",
                                         hint="merge an anchored mapping: <<: *defaults",
                                         file=self.file, line=line, column=column,
                                         extra={"words": "yaml_merge"}))


def _mark(event: Event) -> Position:
    return event.start_mark.line + 1, event.start_mark.column + 1

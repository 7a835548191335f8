"""Safe YAML reading that remembers where every value came from.

Only plain YAML types are built (no tags that construct objects), input must be UTF-8, the
file size is capped, and aliases may not expand a document beyond a node budget, so a
"billion laughs" file fails at once instead of eating memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from exercise.scenario.problems import Path, Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 500_000
MAX_DEPTH = 64

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_AS_TEXT = {"tag:yaml.org,2002:timestamp"}
_SCALARS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}

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


def decode(raw: bytes, file: str, limit: int = MAX_BYTES) -> str:
    if len(raw) > limit:
        raise SourceError(
            [
                Problem(
                    f"the file is {len(raw):,} bytes; the limit is {limit:,}",
                    hint="split the pack or remove embedded data",
                    file=file,
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            [
                Problem(
                    f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                    hint="save the file as UTF-8 in your editor",
                    file=file,
                    line=line,
                    column=column,
                )
            ]
        ) from None


def parse_yaml(text: str, file: str = "<pack>") -> YamlDocument:
    """Parse one YAML document into plain Python data with the position of every node."""
    if "\x00" in text:
        raise SourceError([Problem("the file contains NUL characters; it is not text", file=file)])
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.composer.ComposerError as exc:
        raise SourceError([_from_marked(exc, file)]) from None
    except yaml.MarkedYAMLError as exc:
        raise SourceError([_from_marked(exc, file)]) from None
    except yaml.YAMLError as exc:
        raise SourceError([Problem(f"not valid YAML: {exc}", file=file)]) from None
    document = YamlDocument(data=None)
    if root is None:
        return document
    builder = _Builder(document, file)
    document.data = builder.build(root, (), 0)
    if builder.problems:
        raise SourceError(builder.problems)
    return document


def _from_marked(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = " ".join(filter(None, [exc.context, exc.problem])) or "not valid YAML"
    if "expected a single document" in message:
        message = "the file holds more than one YAML document; keep one pack per file"
    return Problem(
        message,
        hint="check indentation and quoting around this place",
        file=file,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


class _Builder:
    def __init__(self, document: YamlDocument, file: str):
        self.document = document
        self.file = file
        self.nodes = 0
        self.problems: list[Problem] = []
        self.constructor = SafeConstructor()

    def _problem(self, node: Node, message: str, hint: str = "") -> None:
        self.problems.append(
            Problem(
                message,
                hint=hint,
                file=self.file,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
            )
        )

    def build(self, node: Node, path: Path, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise SourceError(
                [
                    Problem(
                        f"the document expands to more than {MAX_NODES:,} values",
                        hint="anchors and aliases (&name, *name) may be expanding it; remove them",
                        file=self.file,
                    )
                ]
            )
        if depth > MAX_DEPTH:
            raise SourceError(
                [
                    Problem(
                        f"nesting is deeper than {MAX_DEPTH} levels",
                        hint="an alias may refer to itself",
                        file=self.file,
                        line=node.start_mark.line + 1,
                        column=node.start_mark.column + 1,
                    )
                ]
            )
        self.document.positions.setdefault(
            path, (node.start_mark.line + 1, node.start_mark.column + 1)
        )
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self._problem(node, f"the tag {node.tag} is not allowed", "remove the tag")
                return None
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                self._problem(node, f"the tag {node.tag} is not allowed", "remove the tag")
                return None
            return self._mapping(node, path, depth)
        self._problem(node, "unsupported YAML node")
        return None

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag in _AS_TEXT:
            return node.value
        if node.tag not in _SCALARS:
            self._problem(node, f"the tag {node.tag} is not allowed", "remove the tag")
            return None
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            self._problem(node, f"cannot read this value: {exc}")
            return None

    def _mapping(self, node: MappingNode, path: Path, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        merged: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for source in sources:
                    if isinstance(source, MappingNode):
                        merged.extend(source.value)
                    else:
                        self._problem(source, "a merge (<<) needs a mapping")
                continue
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, "a key must be plain text, not a list or mapping")
                continue
            key = key_node.value
            if key in out:
                self._problem(
                    key_node, f"the key {key!r} appears twice in this mapping", "keep one of them"
                )
                continue
            self.document.key_positions[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.build(value_node, (*path, key), depth + 1)
        for key_node, value_node in merged:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key is not None and key not in out:
                out[key] = self.build(value_node, (*path, key), depth + 1)
        return out

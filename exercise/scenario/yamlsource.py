"""Safe YAML reading that remembers where every value came from.

Only plain YAML types are built (no tags that construct objects), input must be UTF-8 text
without control characters, the file size is capped, nesting is capped, and aliases may not
expand a document beyond a value budget, so a "billion laughs" file fails at once instead of
eating memory. Values are built straight from the parser's events (libyaml when present)
with an explicit stack: no recursion, and an alias shares the value of its anchor instead of
copying it.
"""

from __future__ import annotations

import re

import yaml
from yaml.events import StreamEndEvent

from exercise.scenario.problems import Problem
from exercise.scenario.yamlbuilder import (
    MAX_DEPTH,
    MAX_NODES,
    Position,
    SourceError,
    YamlBuilder,
    YamlDocument,
)

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "SourceError", "YamlDocument", "decode",
           "parse_yaml"]

MAX_BYTES = 5 * 1024 * 1024

_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def decode(raw: bytes, file: str, limit: int = MAX_BYTES, size: int | None = None) -> str:
    """UTF-8 text of `raw`; `size` is the whole file's size when only part of it was read."""
    if len(raw) > limit:
        raise SourceError(
            [
                Problem(
                    f"the file is {max(size or 0, len(raw)):,} bytes; the limit is {limit:,}",
                    hint="split the pack or remove embedded data",
                    file=file,
                    extra={"words": "too_big", "size": f"{max(size or 0, len(raw)):,}", "limit": f"{limit:,}"},
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        before = raw[line_start : exc.start].decode("utf-8", errors="replace")
        raise SourceError(
            [
                Problem(
                    f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                    hint="save the file as UTF-8 in your editor",
                    file=file,
                    extra={"words": "not_utf8", "byte": f"0x{raw[exc.start]:02x}"},
                    line=raw.count(b"\n", 0, exc.start) + 1,
                    column=len(before) + 1,
                )
            ]
        ) from None


def _position_of(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def parse_yaml(text: str, file: str = "<pack>") -> YamlDocument:
    """Parse one YAML document into plain Python data with the position of every node."""
    if bad := _NOT_PRINTABLE.search(text):
        line, column = _position_of(text, bad.start())
        what = "a NUL character" if bad.group() == "\x00" else f"the control character U+{ord(bad.group()):04X}"
        raise SourceError(
            [
                Problem(
                    f"the file contains {what}; a pack must be plain text",
                    hint="remove it, or save the file as UTF-8 text",
                    file=file,
                    line=line,
                    column=column,
                    extra={"words": "nul_character"} if bad.group() == "\x00" else
                    {"words": "control_character", "code": f"U+{ord(bad.group()):04X}"},
                )
            ]
        )
    builder = YamlBuilder(file)
    handlers = builder.handlers
    loader = _Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            handler = handlers.get(event.__class__)
            if handler is not None:
                handler(event)
            if event.__class__ is StreamEndEvent:
                break
    except yaml.MarkedYAMLError as exc:
        raise SourceError([_from_marked(exc, file)]) from None
    except yaml.YAMLError as exc:
        raise SourceError([Problem(f"not valid YAML: {exc}", file=file, line=1, column=1)]) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise SourceError(builder.problems)
    return builder.document


def _from_marked(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = " ".join(filter(None, [exc.context, exc.problem])) or "not valid YAML"
    return Problem(
        message,
        hint="check indentation and quoting around this place",
        file=file,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )

"""Problems from pydantic's validation errors, in the words of a pack's author: where the
field is, what is wrong, and a hint (did you mean, quote it, write [] ...)."""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from exercise.scenario.models import Metadata, ScenarioPack
from exercise.scenario.problems import Path, Problem

_DISCRIMINATED = {"conditions", "effects"}
_TAGS = {"after", "decision", "no_contact", "no_ack", "infrastructure", "agency"}


@cache
def list_item_type(name: str) -> type[BaseModel] | None:
    annotation = ScenarioPack.model_fields[name].annotation
    args = getattr(annotation, "__args__", ())
    if getattr(annotation, "__origin__", None) is list and args and isinstance(args[0], type):
        return args[0]
    return None


def problems_from(exc: ValidationError, prefix: Path, raw: Any) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Path, str]] = set()
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        # pydantic adds parts like 'function-after[...]' to a location; an unknown key is the
        # user's own text, whatever it contains
        if error["type"] == "extra_forbidden" and loc:
            loc = (*_clean_loc(loc[:-1]), loc[-1])
        else:
            loc = _clean_loc(loc)
        path = (*prefix, *loc)
        if (path, error["type"]) in seen:
            continue
        seen.add((path, error["type"]))
        problems.append(_problem_for(error, path, loc, raw))
    return problems


def _clean_loc(loc: tuple[Any, ...]) -> Path:
    out: list[str | int] = []
    for part in loc:
        if (
            part in _TAGS
            and len(out) >= 2
            and isinstance(out[-1], int)
            and out[-2] in _DISCRIMINATED
        ):
            continue
        if isinstance(part, str) and ("[" in part or part.startswith("function-")):
            continue
        out.append(part)
    return tuple(out)


def _problem_for(error: ErrorDetails, path: Path, loc: Path, raw: Any) -> Problem:
    kind = error["type"]
    field_name = str(path[-1]) if path else ""
    if kind == "missing":
        return Problem(
            f"the field {field_name!r} is missing",
            path=path[:-1],
            hint=hint_for(field_name),
            extra={"key": field_name},
        )
    if kind == "extra_forbidden":
        return unknown_field(field_name, _field_names_at(prefix_model(path), loc[:-1], raw),
                              path[:-1])
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    value = error.get("input")
    shown = _shown(value)
    hint = ""
    if isinstance(value, bool) and kind in {"string_type", "string_pattern_mismatch", "enum"}:
        hint = "YAML reads yes, no, on and off as true or false; put the value in quotes"
    elif isinstance(value, (int, float)) and kind == "string_type":
        hint = f"YAML reads {value} as a number; put it in quotes"
    elif value is None and kind in {"string_type", "list_type", "dict_type", "model_type"}:
        message = "this value is empty"
        hint = "write the value after the colon" + ("; write [] for an empty list"
                                                     if kind == "list_type" else "")
    elif kind == "string_pattern_mismatch":
        message = f"{shown} is not a valid id"
        hint = "ids use letters, digits, '-', '_' and '.', and start with a letter or digit"
    elif kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        message = f"{shown} is not one of {expected}"
        hint = _did_you_mean(value, re.findall(r"'([^']*)'", expected))
    elif kind == "literal_error" and field_name == "format_version":
        message = f"format_version {shown} is not supported; this version reads format 1"
    return Problem(message, path=path, hint=hint)


def _shown(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _did_you_mean(value: Any, known: list[str]) -> str:
    close = difflib.get_close_matches(str(value), known, n=1)
    return f"did you mean {close[0]!r}?" if close else ""


def prefix_model(path: Path) -> type[BaseModel]:
    section = path[0] if path else ""
    if isinstance(section, str) and section in ScenarioPack.model_fields:
        return list_item_type(section) or Metadata
    return ScenarioPack


def _field_names_at(model: type[BaseModel], loc: Path, raw: Any) -> list[str]:
    """The field names that apply at `loc` inside `model`, walking the raw data alongside so
    that in a union the member that fits the data is chosen (for did-you-mean)."""
    current: type[BaseModel] | None = model
    annotation: Any = None
    for part in loc:
        if isinstance(part, int):
            raw = raw[part] if isinstance(raw, list) and _has(raw, part) else None
            continue
        if annotation is not None:
            current, annotation = _best_model(annotation, raw), None
        if current is None:
            return []
        field_info = next(
            (f for name, f in current.model_fields.items() if part in (name, f.alias)), None
        )
        if field_info is None:
            return []
        annotation = field_info.annotation
        raw = raw[part] if isinstance(raw, dict) and part in raw else None
    if annotation is not None:
        current = _best_model(annotation, raw)
    if current is None:
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _has(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(part, int) and 0 <= part < len(container)


def _best_model(annotation: Any, raw: Any) -> type[BaseModel] | None:
    candidates: list[type[BaseModel]] = []
    stack = [annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            candidates.append(current)
        stack.extend(getattr(current, "__args__", ()) or ())
        stack.extend(getattr(current, "__origin__", None) and [current.__origin__] or [])
    if isinstance(raw, list):
        raw = raw[0] if raw else None
    keys = set(raw) if isinstance(raw, dict) else set()

    def fit(model: type[BaseModel]) -> int:
        names = {f.alias or n for n, f in model.model_fields.items()}
        return len(keys & names)

    return max(candidates, key=fit, default=None)


def unknown_field(key: str, known: list[str], path: Path) -> Problem:
    close = difflib.get_close_matches(str(key), known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "remove it, or check the spelling"
    return Problem(f"unknown field {key!r}", path=(*path, key), hint=hint, extra={"key": "1"})


_HINTS = {
    "metadata": "add metadata: with id, title, hazards, setting, summary, duration",
    "areas": "list at least one area, e.g. - {id: city, name: City}",
    "agencies": "list the agencies that play",
    "channels": "list the channels agencies use, e.g. - {id: phone, kind: landline}",
    "modules": "list at least one module with id, title, start and situation",
    "time": "write a scenario time such as T+00:30",
    "id": "give it a short unique id such as county-eoc",
}


def hint_for(name: str) -> str:
    return _HINTS.get(name, "")

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
            extra={"key": field_name, "words": "missing", "field": field_name,
                   "hint": hint_for(field_name)},
        )
    if kind == "extra_forbidden":
        return unknown_field(field_name, _field_names_at(prefix_model(path), loc[:-1], raw),
                              path[:-1])
    value = error.get("input")
    words = {"field": field_label(path), "value": _shown(value),
             **{name: _context(item) for name, item in (error.get("ctx") or {}).items()}}
    if isinstance(value, bool) and kind in {"string_type", "string_pattern_mismatch", "enum"}:
        code = "yaml_bool"
    elif isinstance(value, (int, float)) and kind == "string_type":
        code = "yaml_number"
    elif value is None and kind in {"string_type", "list_type", "dict_type", "model_type"}:
        code = "empty_list" if kind == "list_type" else "empty"
    elif kind == "enum":
        code = "enum"
        close = difflib.get_close_matches(str(value), re.findall(r"'([^']*)'", words.get("expected", "")), n=1)
        if close:
            code, words["close"] = "enum_close", repr(close[0])
    elif kind == "literal_error" and field_name == "format_version":
        code = "format_version"
    elif kind in ("value_error", "assertion_error"):
        message = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        for own, pattern in OWN_SENTENCES:
            if match := pattern.fullmatch(message):
                return Problem(message, path=path, extra={"words": own, "field": words["field"],
                                                          **match.groupdict()})
        return Problem(message, path=path, extra={"words": "own", "field": words["field"],
                                                  "detail": message})
    else:
        code = kind if kind in SENTENCES else "other"
    message, hint = (part.format(**words) for part in SENTENCES[code])
    return Problem(message, path=path, hint=hint, extra={"words": code, **words})


def field_label(path: Path) -> str:
    """The field a problem is about, as an author finds it: `hazards`, `item 2 of hazards`."""
    if not path:
        return "the pack"
    last = path[-1]
    if isinstance(last, int):
        owner = next((str(p) for p in reversed(path) if not isinstance(p, int)), "the list")
        return f"item {last + 1} of {owner}"
    return str(last)


def _context(item: Any) -> str:
    return item if isinstance(item, str) else repr(item) if not isinstance(item, (int, float)) else f"{item:g}"


# The models' own messages (exercise/scenario/text.py, timecode.py, models.py), read back into a
# code and its values so the catalogue can say them in the reader's language (`problem.<code>`
# makes the same English); a message not listed keeps its English (`own`).
_TEXT_HELP = r"write text as a string, or as a mapping of languages to strings: \{en: \.\.\., zh-TW: \.\.\.\}"
OWN_SENTENCES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((code, re.compile(pattern)) for code, pattern in (
    ("own_congestion_order", r"congestion must end after it starts"),
    ("own_latency_negative", r"latency cannot be negative"),
    ("own_text_empty", r"is empty"),
    ("own_text_empty_lang", r"the (?P<lang>\S+) text is empty"),
    ("own_text_too_long", r"is longer than (?P<limit>\d+) characters"),
    ("own_text_too_long_lang", r"the (?P<lang>\S+) text is longer than (?P<limit>\d+) characters"),
    ("own_not_text", f"is not text; {_TEXT_HELP}"),
    ("own_not_text_lang", f"the (?P<lang>\\S+) text is not text; {_TEXT_HELP}"),
    ("own_no_language", f"no language given; {_TEXT_HELP}"),
    ("own_unknown_language", r"unknown language (?P<value>'[^']*'); use one of (?P<languages>.+)"),
    ("own_time_minutes", r"(?P<value>.+) is not a whole number of minutes"),
    ("own_time_year", r"(?P<value>.+) is more than a year from scenario start"),
    ("own_time_sixty", r"(?P<value>.+) has (?P<minutes>\d+) minutes; minutes go from 00 to 59"),
    ("own_time_notation", r"(?P<value>.+) is not a time; write T\+02:30, T-48:00, D\+1 H\+3 M\+45 or plain minutes"),
    ("own_time", r"(?P<value>.+) is not a time"),
))


# pydantic's error types in the product's words: (what is wrong, what to write). The UI has the
# same sentences in each language under `problem.<code>` and `problem.<code>.hint`, with the
# same {fields}; `own` is a model's own message (already in the product's words).
SENTENCES: dict[str, tuple[str, str]] = {
    "yaml_bool": ("{field} should be text, but YAML read {value} as true or false",
                  "YAML reads yes, no, on and off as true or false; put the value in quotes"),
    "yaml_number": ("{field} should be text, but YAML read {value} as a number",
                    "YAML reads {value} as a number; put it in quotes"),
    "empty": ("this value is empty: {field} needs a value", "write the value after the colon"),
    "empty_list": ("this value is empty: {field} needs a list",
                   "write the value after the colon; write [] for an empty list"),
    "string_pattern_mismatch": ("{value} is not a valid id",
                                "ids use letters, digits, '-', '_' and '.', and start with a letter or digit"),
    "enum": ("{value} is not one of {expected}", "write one of {expected}"),
    "enum_close": ("{value} is not one of {expected}", "did you mean {close}?"),
    "format_version": ("format_version {value} is not supported; this version reads format 1",
                       "write format_version: 1"),
    "list_type": ("{field} should be a list, not {value}",
                  "write each item on its own line after '- ', or [a, b] on one line, or [] for none"),
    "tuple_type": ("{field} should be a list, not {value}", "write the items as [a, b]"),
    "set_type": ("{field} should be a list, not {value}", "write the items as [a, b]"),
    "dict_type": ("{field} should be a group of named values, not {value}",
                  "write one 'name: value' per line, indented under {field}"),
    "model_type": ("{field} should be a group of named values, not {value}",
                   "write one 'name: value' per line, indented under {field}"),
    "model_attributes_type": ("{field} should be a group of named values, not {value}",
                              "write one 'name: value' per line, indented under {field}"),
    "string_type": ("{field} should be text, not {value}", "write the text after the colon"),
    "string_too_short": ("{field} is too short", "write at least {min_length} character(s)"),
    "string_too_long": ("{field} is too long", "shorten it to at most {max_length} characters"),
    "too_short": ("{field} needs at least {min_length} item(s)", "add the missing items"),
    "too_long": ("{field} holds at most {max_length} item(s)", "remove the extra items"),
    "int_type": ("{field} should be a whole number, not {value}", "write digits only, e.g. 30"),
    "int_parsing": ("{field} should be a whole number, not {value}", "write digits only, e.g. 30"),
    "int_from_float": ("{field} should be a whole number, not {value}", "leave out the decimals"),
    "float_type": ("{field} should be a number, not {value}", "write a number such as 0.9"),
    "float_parsing": ("{field} should be a number, not {value}", "write a number such as 0.9"),
    "finite_number": ("{field} should be a finite number, not {value}", "write a number such as 0.9"),
    "bool_type": ("{field} should be true or false, not {value}", "write true or false"),
    "bool_parsing": ("{field} should be true or false, not {value}", "write true or false"),
    "greater_than": ("{field} must be more than {gt}, not {value}", "write a number above {gt}"),
    "greater_than_equal": ("{field} must be {ge} or more, not {value}", "write {ge} or a larger number"),
    "less_than": ("{field} must be less than {lt}, not {value}", "write a number below {lt}"),
    "less_than_equal": ("{field} must be {le} or less, not {value}", "write {le} or a smaller number"),
    "literal_error": ("{value} is not allowed for {field}", "write one of {expected}"),
    "union_tag_invalid": ("{value} is not a kind {field} knows", "write one of {expected_tags}"),
    "union_tag_not_found": ("{field} does not say which kind it is", "add {discriminator}"),
    "date_type": ("{field} should be a date, not {value}", "write it as 2026-08-14"),
    "date_parsing": ("{field} should be a date, not {value}", "write it as 2026-08-14"),
    "date_from_datetime_parsing": ("{field} should be a date, not {value}",
                                   "write it as 2026-08-14"),
    "datetime_type": ("{field} should be a date and time, not {value}",
                      "write it as 2026-08-14T09:00"),
    "datetime_parsing": ("{field} should be a date and time, not {value}",
                         "write it as 2026-08-14T09:00"),
    "datetime_from_date_parsing": ("{field} should be a date and time, not {value}",
                                   "write it as 2026-08-14T09:00"),
    "url_type": ("{field} should be a web address, not {value}",
                 "write it as https://example.org/page"),
    "url_parsing": ("{field} should be a web address, not {value}",
                    "write it as https://example.org/page"),
    "url_scheme": ("{field} should be a web address, not {value}",
                   "write it as https://example.org/page"),
    "other": ("{field} has a value that does not fit: {value}",
              "check what this field takes under 'The parts of a pack' in the README"),
}


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
    words = {"words": "unknown_close" if close else "unknown", "field": str(key),
             "close": repr(close[0]) if close else ""}
    return Problem(f"unknown field {key!r}", path=(*path, key), hint=hint,
                   extra={"key": "1", **words})


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

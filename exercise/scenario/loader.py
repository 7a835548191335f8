"""Loading a scenario pack: read safely, validate every section and every reference in one
pass, and locate each problem at a file, line and column."""

from __future__ import annotations

import difflib
import gc
import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from exercise.scenario.models import Metadata, ScenarioPack
from exercise.scenario.problems import Path, Problem, Severity
from exercise.scenario.references import check_references
from exercise.scenario.yamlsource import MAX_BYTES, SourceError, YamlDocument, decode, parse_yaml

_DISCRIMINATED = {"conditions", "effects"}
_TAGS = {"after", "decision", "no_contact", "no_ack", "infrastructure", "agency"}


@dataclass
class LoadResult:
    """A pack (when it has no errors) and every problem found, errors first."""

    file: str
    pack: ScenarioPack | None = None
    problems: list[Problem] = field(default_factory=list)
    content_hash: str = ""
    text: str = ""

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.warning]


def load_pack(path: str | FilePath, limit: int = MAX_BYTES) -> LoadResult:
    path = FilePath(path)
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            raw = handle.read(limit + 1)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return LoadResult(
            file=str(path),
            problems=[Problem(f"cannot read the file: {reason}", file=str(path),
                              hint="check the path; `exercise validate FOLDER` finds every pack")],
        )
    return load_pack_text(raw, file=str(path), limit=limit, size=size)


def load_pack_text(
    source: str | bytes, file: str = "<pack>", limit: int = MAX_BYTES, size: int | None = None
) -> LoadResult:
    raw = source.encode("utf-8", errors="surrogatepass") if isinstance(source, str) else source
    result = LoadResult(file=file, content_hash=hashlib.sha256(raw).hexdigest())
    try:
        result.text = decode(raw, file, limit, size)
        with _cyclic_gc_paused():
            document = parse_yaml(result.text, file)
    except SourceError as exc:
        result.problems = exc.problems
        return result
    with _cyclic_gc_paused():
        pack, problems = _validate(document)
    located = [_locate(problem, document, file) for problem in problems]
    result.problems = sorted(
        located, key=lambda p: (p.severity is not Severity.error, p.line or 0, p.column or 0)
    )
    result.pack = pack if not result.errors else None
    return result


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Loading allocates ~10 objects per YAML value and builds no reference cycles, so the
    cyclic collector only burns time (about a quarter of a large pack's load); reference
    counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pack_from_data(data: Any) -> ScenarioPack:
    """Validate already-parsed data (a pinned pack, say); raises ValueError listing problems."""
    pack, problems = _validate(YamlDocument(data=data))
    errors = [p for p in problems if p.severity is Severity.error]
    if errors or pack is None:
        raise ValueError("; ".join(str(p) for p in errors))
    return pack


def _validate(document: YamlDocument) -> tuple[ScenarioPack | None, list[Problem]]:
    data = document.data
    if not isinstance(data, dict):
        return None, [
            Problem(
                "a scenario pack is a YAML mapping with metadata, agencies, channels, modules, injects",
                hint="see scenarios/ for examples",
            )
        ]
    problems: list[Problem] = []
    fields = ScenarioPack.model_fields
    for key in data:
        if key not in fields:
            problems.append(_unknown_field(key, list(fields), ()))
    parts: dict[str, Any] = {}
    kept: dict[str, list[int]] = {}
    structural_ok = True
    for name, info in fields.items():
        if name not in data:
            if info.is_required():
                problems.append(Problem(f"the section {name!r} is missing", hint=_hint_for(name)))
                structural_ok = False
            continue
        value, section_problems = _validate_section(name, data[name], kept)
        problems.extend(section_problems)
        structural_ok = structural_ok and not section_problems
        if value is not None:
            parts[name] = value
    for name in fields:
        if name not in parts and fields[name].is_required():
            parts[name] = None if name == "metadata" else []
    partial = ScenarioPack.model_construct(**parts)
    for problem in check_references(partial, _raw_ids(data)):
        problems.append(_in_source(problem, kept, document))
    if not structural_ok or any(p.severity is Severity.error for p in problems):
        return None, problems
    return partial, problems


def _in_source(problem: Problem, kept: dict[str, list[int]], document: YamlDocument) -> Problem:
    """A reference problem found in the pack of valid entries, with its path (and the entry it
    names as 'first') pointing at the same entry in the source, where invalid ones still sit."""

    def source_path(path: Path) -> Path:
        if len(path) > 1 and path[0] in kept and isinstance(path[1], int):
            return (path[0], kept[str(path[0])][path[1]], *path[2:])
        return path

    message = problem.message
    if "first" in problem.extra:
        section, index = problem.extra["first"].rsplit(":", 1)
        first = source_path((section, int(index)))
        found = document.locate(first) if document.positions else None
        where = f"line {found[0]}" if found else f"{section}[{first[1]}]"
        message = message.replace(f"{section}[{index}]", where)
    return replace(problem, path=source_path(problem.path), message=message)


def _validate_section(
    name: str, value: Any, kept: dict[str, list[int]]
) -> tuple[Any, list[Problem]]:
    item_type = _list_item_type(name)
    if item_type is None or not isinstance(value, list):
        try:
            return _section_adapter(name).validate_python(value), []
        except ValidationError as exc:
            return None, _problems_from(exc, (name,), value)
    items: list[Any] = []
    problems: list[Problem] = []
    adapter = _adapter(item_type)
    kept[name] = []
    for index, raw in enumerate(value):
        try:
            items.append(adapter.validate_python(raw))
            kept[name].append(index)
        except ValidationError as exc:
            problems.extend(_problems_from(exc, (name, index), raw))
    minimum = next((m.min_length for m in ScenarioPack.model_fields[name].metadata
                    if hasattr(m, "min_length")), 0)
    if len(value) < (minimum or 0):
        problems.append(Problem(f"the section {name!r} needs at least {minimum} entry", path=(name,)))
    return items, problems


@lru_cache(maxsize=None)
def _list_item_type(name: str) -> type[BaseModel] | None:
    annotation = ScenarioPack.model_fields[name].annotation
    args = getattr(annotation, "__args__", ())
    if getattr(annotation, "__origin__", None) is list and args and isinstance(args[0], type):
        return args[0]
    return None


@lru_cache(maxsize=None)
def _section_adapter(name: str) -> TypeAdapter[Any]:
    return TypeAdapter(ScenarioPack.model_fields[name].annotation)


@lru_cache(maxsize=None)
def _adapter(item_type: type[BaseModel]) -> TypeAdapter[Any]:
    return TypeAdapter(item_type)


def _problems_from(exc: ValidationError, prefix: Path, raw: Any) -> list[Problem]:
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


def _problem_for(error: dict[str, Any], path: Path, loc: Path, raw: Any) -> Problem:
    kind = error["type"]
    field_name = str(path[-1]) if path else ""
    if kind == "missing":
        return Problem(
            f"the field {field_name!r} is missing",
            path=path[:-1],
            hint=_hint_for(field_name),
            extra={"key": field_name},
        )
    if kind == "extra_forbidden":
        return _unknown_field(field_name, _field_names_at(prefix_model(path), loc[:-1], raw),
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
        return _list_item_type(section) or Metadata
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


def _unknown_field(key: str, known: list[str], path: Path) -> Problem:
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


def _hint_for(name: str) -> str:
    return _HINTS.get(name, "")


def _raw_ids(data: dict[str, Any]) -> dict[str, set[str]]:
    """Ids present in the source even where their entries are malformed, so one bad agency
    does not also make every reference to it an error."""
    ids: dict[str, set[str]] = {}
    for section, value in data.items():
        if isinstance(value, list):
            ids[section] = {
                str(item["id"]) for item in value if isinstance(item, dict) and "id" in item
            }
    return ids


def _locate(problem: Problem, document: YamlDocument, file: str) -> Problem:
    position = document.locate(problem.path, key=bool(problem.extra.get("key") == "1"))
    line, column = position if position else (1, 1)
    return Problem(
        message=problem.message,
        path=problem.path,
        hint=problem.hint,
        severity=problem.severity,
        file=file,
        line=line,
        column=column,
        extra=problem.extra,
    )

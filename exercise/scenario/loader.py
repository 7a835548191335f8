"""Loading a scenario pack: read safely, validate every section and every reference in one
pass, and locate each problem at a file, line and column."""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path as FilePath
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from exercise.scenario.field_problems import hint_for, list_item_type, problems_from, unknown_field
from exercise.scenario.models import ScenarioPack
from exercise.scenario.problems import Path, Problem, Severity
from exercise.scenario.references import check_references
from exercise.scenario.yamlsource import MAX_BYTES, SourceError, YamlDocument, decode, parse_yaml


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
    def valid_pack(self) -> ScenarioPack:
        """The pack of a result that is ok (ValueError when the file has errors)."""
        if self.pack is None or self.errors:
            raise ValueError(f"{self.file} has {len(self.errors)} error(s)")
        return self.pack

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
        with cyclic_gc_paused():
            document = parse_yaml(result.text, file)
    except SourceError as exc:
        result.problems = exc.problems
        return result
    with cyclic_gc_paused():
        pack, problems = _validate(document)
    located = [_locate(problem, document, file) for problem in problems]
    result.problems = sorted(
        located, key=lambda p: (p.severity is not Severity.error, p.line or 0, p.column or 0)
    )
    result.pack = pack if not result.errors else None
    return result


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
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
                hint="see scenarios/ for examples", extra={"words": "not_a_mapping"},
            )
        ]
    problems: list[Problem] = []
    fields = ScenarioPack.model_fields
    for key in data:
        if key not in fields:
            problems.append(unknown_field(key, list(fields), ()))
    parts: dict[str, Any] = {}
    kept: dict[str, list[int]] = {}
    structural_ok = True
    for name, info in fields.items():
        if name not in data:
            if info.is_required():
                problems.append(Problem(f"the section {name!r} is missing", hint=hint_for(name),
                                        extra={"words": "missing_section", "field": name,
                                               "section": repr(name)}))
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
    item_type = list_item_type(name)
    if item_type is None or not isinstance(value, list):
        try:
            return _section_adapter(name).validate_python(value), []
        except ValidationError as exc:
            return None, problems_from(exc, (name,), value)
    items: list[Any] = []
    problems: list[Problem] = []
    adapter = _adapter(item_type)
    kept[name] = []
    for index, raw in enumerate(value):
        try:
            items.append(adapter.validate_python(raw))
            kept[name].append(index)
        except ValidationError as exc:
            problems.extend(problems_from(exc, (name, index), raw))
    minimum = next((m.min_length for m in ScenarioPack.model_fields[name].metadata
                    if hasattr(m, "min_length")), 0)
    if len(value) < (minimum or 0):
        problems.append(Problem(f"the section {name!r} needs at least {minimum} entry", path=(name,),
                                extra={"words": "section_too_short", "section": repr(name),
                                       "minimum": str(minimum)}))
    return items, problems


@cache
def _section_adapter(name: str) -> TypeAdapter[Any]:
    annotation = ScenarioPack.model_fields[name].annotation
    assert annotation is not None, name  # pydantic sets it for every declared field
    return TypeAdapter(annotation)


@cache
def _adapter(item_type: type[BaseModel]) -> TypeAdapter[Any]:
    return TypeAdapter(item_type)


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

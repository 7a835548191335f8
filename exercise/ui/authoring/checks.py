"""Checking an edited pack with the loader, and placing each problem on a table row and column
where it belongs to one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from exercise.scenario.loader import LoadResult, load_pack_text
from exercise.scenario.models import ScenarioPack
from exercise.scenario.problems import Problem
from exercise.ui.authoring.rows import COLUMNS, TABLES, Row, rows_to_data

# libyaml's dumper writes a pack about five times faster than the pure-Python one.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class CellProblem:
    """A problem of the edited pack, with the table row (0-based) and column it concerns."""

    problem: Problem
    table: str | None = None
    row: int | None = None
    column: str | None = None
    key: str = ""


@dataclass
class EditCheck:
    result: LoadResult
    problems: list[CellProblem]

    @property
    def pack(self) -> ScenarioPack | None:
        return self.result.pack if self.result.ok else None


def check_edits(pack: ScenarioPack, tables: Mapping[str, Sequence[Row]], file: str) -> EditCheck:
    """Load the pack with the edited tables exactly as a file would be loaded."""
    data = rows_to_data(pack, tables)
    text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    result = load_pack_text(text, file=file)
    return EditCheck(result, [locate(p, tables) for p in result.problems])


def locate(problem: Problem, tables: Mapping[str, Sequence[Row]]) -> CellProblem:
    path = problem.path
    if len(path) < 2 or path[0] not in TABLES or not isinstance(path[1], int):
        return CellProblem(problem)
    table, index = str(path[0]), path[1]
    rows = tables.get(table, ())
    key = _row_label(table, rows[index]) if index < len(rows) else ""
    missing = problem.extra.get("key")  # a missing field is reported on its item
    rest = path[2:] if len(path) > 2 else ((missing,) if missing else ())
    column = _column(table, rest) if rest else None
    return CellProblem(problem, table, index, column, key)


def _column(table: str, rest: tuple[Any, ...]) -> str | None:
    field = str(rest[0])
    language = next((str(p) for p in rest[1:] if isinstance(p, str)), None)
    candidates = [c for c, (f, _) in COLUMNS[table].items() if f == field]
    exact = [c for c in candidates if COLUMNS[table][c][1] == language]
    return next(iter(exact or candidates), None)


def _row_label(table: str, row: Row) -> str:
    if table == "links":
        return f"{row.get('from') or ''} → {row.get('to') or ''}"
    return str(row.get("id") or "")

"""The README's library table is what a facilitator reads to choose a pack: every shipped pack
has a row, and the row's agencies, modules, injects and planned time are the pack's own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exercise.scenario.loader import load_pack

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^\| `(?P<name>[^`]+)` \|.*\| (?P<agencies>[\d–]+) \| (?P<modules>[\d–]+) \| "
                 r"(?P<injects>[\d–]+) \| (?P<planned>[^|]+) \|$")


def _rows() -> dict[str, dict[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The scenario library", 1)[1].split("\n## ", 1)[0]
    return {m["name"]: m.groupdict() for line in section.splitlines() if (m := ROW.match(line))}


def _planned(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return f"{minutes} min"
    if rest == 0:
        return f"{hours} h"
    return f"{hours}.5 h" if rest == 30 else f"{hours} h {rest} min"


def _figures(path: Path) -> tuple[int, int, int, int]:
    pack = load_pack(path).pack
    assert pack is not None, path
    return (len(pack.agencies), len(pack.modules), len(pack.injects),
            int(pack.metadata.duration))


def test_every_shipped_pack_has_a_row() -> None:
    rows = _rows()
    missing = [p.name for p in sorted((ROOT / "scenarios").glob("*.yaml"))
               if p.name not in rows and not (p.name.startswith("example-") and "example-*.yaml" in rows)]
    assert missing == []


@pytest.mark.parametrize("name", sorted(n for n in _rows() if "*" not in n))
def test_a_rows_figures_are_the_packs_own(name: str) -> None:
    row = _rows()[name]
    agencies, modules, injects, minutes = _figures(ROOT / "scenarios" / name)
    assert (row["agencies"], row["modules"], row["injects"], row["planned"].strip()) == (
        str(agencies), str(modules), str(injects), _planned(minutes))


def test_the_examples_row_spans_both_examples() -> None:
    row = _rows()["example-*.yaml"]
    figures = [_figures(p) for p in sorted((ROOT / "scenarios").glob("example-*.yaml"))]
    for column, index in (("agencies", 0), ("modules", 1), ("injects", 2)):
        low, high = min(f[index] for f in figures), max(f[index] for f in figures)
        assert row[column] == (str(low) if low == high else f"{low}–{high}"), column

"""Time and peak memory of reading hostile workbooks (issue 13, item 3), against reading an
ordinary MSEL-sized sheet in the same run. Each file is read in a fresh process so that its
peak memory is its own. Target: any upload up to the size limit is refused or read within 5 s
and 200 MB of extra memory.

    .venv/bin/python benchmarks/bench_spreadsheet.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exercise.scenario.spreadsheets import tables as spreadsheet  # noqa: E402
from tests.authoring import bigbooks  # noqa: E402

_CHILD = """
import json, sys, time
def high_water_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
from exercise.scenario.spreadsheets.tables import SpreadsheetError, read_table
data = open(sys.argv[1], "rb").read()
before = high_water_kb()
start = time.perf_counter()
try:
    outcome = f"read {len(read_table(data, sys.argv[1]).rows)} rows"
except SpreadsheetError as exc:
    outcome = "refused: " + exc.problems[0].message[:60]
seconds = time.perf_counter() - start
peak = high_water_kb()
print(json.dumps({"seconds": seconds, "extra_mb": (peak - before) / 1024, "outcome": outcome}))
"""


def _cases() -> dict[str, Callable[[], bytes]]:
    width = 20
    return {
        "ordinary MSEL (400 rows x 15)": lambda: bigbooks.workbook(
            bigbooks.random_words(6000, 60), [[r * 15 + c for c in range(15)]
                                              for r in range(400)]),
        "95 MB of shared strings (issue 13)": bigbooks.expanding_shared_strings,
        "shared strings at the count limit": lambda: bigbooks.workbook(
            bigbooks.random_words(spreadsheet.MAX_SHARED_STRINGS, 40), [[0, 1, 2]]),
        "shared strings over the count limit": lambda: bigbooks.workbook(
            bigbooks.random_words(spreadsheet.MAX_SHARED_STRINGS + 1, 40), [[0, 1, 2]]),
        "shared text at the byte limit": lambda: bigbooks.workbook(
            bigbooks.random_words(spreadsheet.MAX_SHARED_STRING_BYTES // 2000 - 100, 1980),
            [[0, 1, 2]]),
        "cells at the limit": lambda: bigbooks.workbook(
            bigbooks.random_words(5000, 60), [[(r * width + c) % 5000 for c in range(width)]
                                              for r in range(spreadsheet.MAX_CELLS // width)]),
        "CSV at the size limit, 4 million cells": lambda: (
            ",".join(f"{i:04x}" for i in range(200)) + "\n").encode() * 20_000,
        "cells over the limit (10x)": lambda: bigbooks.workbook(
            bigbooks.random_words(5000, 60), [[(r * width + c) % 5000 for c in range(width)]
                                              for r in range(spreadsheet.MAX_CELLS // 2)]),
    }


def main() -> None:
    print(f"{'workbook':38} {'file MB':>7} {'s':>6} {'extra MB':>8} {'x time':>6}  outcome")
    baseline = None
    with tempfile.TemporaryDirectory() as folder:
        for name, build in _cases().items():
            data = build()
            path = Path(folder) / ("book.xlsx" if data[:2] == b"PK" else "sheet.csv")
            path.write_bytes(data)
            child = subprocess.run([sys.executable, "-c", _CHILD, str(path)], cwd=ROOT,
                                   capture_output=True, text=True, check=True)
            figures = json.loads(child.stdout)
            baseline = baseline or figures["seconds"]
            print(f"{name:38} {path.stat().st_size / 1e6:>7.1f} {figures['seconds']:>6.2f} "
                  f"{figures['extra_mb']:>8.0f} {figures['seconds'] / baseline:>6.1f}  "
                  f"{figures['outcome']}")


if __name__ == "__main__":
    main()

"""How long the edit page spends checking a pack on each edit, against loading the same pack
from its file (the baseline measured in the same run).

    .venv/bin/python benchmarks/bench_authoring.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from exercise.scenario.loader import load_pack, load_pack_text
from exercise.ui.authoring.checks import check_edits
from exercise.ui.authoring.rows import pack_rows

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def _median_ms(action: Callable[[], object], repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    print(f"{'pack':40} {'injects':>7} {'load file ms':>12} {'rows ms':>8} {'check ms':>9} {'ratio':>6}")
    for path in sorted(SCENARIOS.glob("*.yaml")):
        result = load_pack(path)
        if not result.ok or result.pack is None:
            continue
        pack, raw = result.pack, path.read_bytes()
        rows = pack_rows(pack)
        baseline = _median_ms(partial(load_pack_text, raw, file=path.name))
        to_rows = _median_ms(partial(pack_rows, pack))
        check = _median_ms(partial(check_edits, pack, rows, path.name))
        print(f"{path.name:40} {len(pack.injects):>7} {baseline:>12.1f} {to_rows:>8.1f} "
              f"{check:>9.1f} {check / baseline:>6.2f}")


if __name__ == "__main__":
    main()

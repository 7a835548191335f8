"""UI speed: rerun time of the scenario library page (AppTest, no browser), as a ratio to an
empty Streamlit script rerun measured in the same run.

Cases: the shipped library (first pack previewed), and a folder holding one large synthetic pack
(100 agencies, 300 links, 500 injects). Reruns after the first reuse the cached pack load and
contact-graph analysis, which is what a person clicking around the preview pays.

Run: .venv/bin/python benchmarks/bench_ui.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.synthetic import synthetic_pack_data  # noqa: E402

APP = ROOT / "exercise" / "ui" / "app.py"
RERUNS = 15


def rerun_times(at: AppTest, reruns: int = RERUNS) -> list[float]:
    at.run()
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception[0].message}")
    times = []
    for _ in range(reruns):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return times


def empty_app(folder: Path) -> AppTest:
    script = folder / "empty.py"
    script.write_text("import streamlit as st\nst.write('hello')\n", encoding="utf-8")
    return AppTest.from_file(str(script), default_timeout=120)


def library(scenarios: Path, data: Path) -> AppTest:
    os.environ["EXERCISE_SCENARIOS_DIR"] = str(scenarios)
    os.environ["EXERCISE_DATA_DIR"] = str(data)
    return AppTest.from_file(str(APP), default_timeout=120)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = work / "big"
        big.mkdir()
        data = synthetic_pack_data(agencies=100, links=300, injects=500)
        (big / "large.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        base = statistics.median(rerun_times(empty_app(work)))
        shipped = statistics.median(rerun_times(library(ROOT / "scenarios", work / "d1")))
        start = time.perf_counter()
        first = library(big, work / "d2")
        first.run()
        cold = time.perf_counter() - start
        large = statistics.median(rerun_times(first))
    print(f"empty script rerun           {base * 1000:8.1f} ms (baseline)")
    print(f"library, shipped packs       {shipped * 1000:8.1f} ms  ratio {shipped / base:6.1f}x")
    print(f"library, large pack (warm)   {large * 1000:8.1f} ms  ratio {large / base:6.1f}x")
    print(f"library, large pack (cold)   {cold * 1000:8.1f} ms  first load, parse and analysis")


if __name__ == "__main__":
    main()

"""Report speed: every format for a session of 10,000 events, with the ratio to writing the same
events as JSON Lines (the cheapest export) measured in the same run.

Run: .venv/bin/python benchmarks/bench_report.py
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_conduct import log_of_10k_events  # noqa: E402
from exercise.conduct.ports import SessionRecord  # noqa: E402
from exercise.conduct.state import fold  # noqa: E402
from exercise.report.export import FORMATS, ReportSource, render  # noqa: E402


def main() -> None:
    pack, events = log_of_10k_events()
    record = SessionRecord(events[0].session_id, "benchmark", pack.metadata.id, "", "",
                           datetime(2026, 1, 1, tzinfo=UTC))
    started = time.perf_counter()
    state = fold(pack, events)
    print(f"fold of {len(events):,} events: {(time.perf_counter() - started) * 1000:.0f} ms")
    source = ReportSource(record, events, state)
    timings = {}
    for fmt in ("jsonl", *[f for f in FORMATS if f != "jsonl"]):
        for lang in ("en", "zh-TW") if fmt in ("pdf", "docx") else ("en",):
            started = time.perf_counter()
            rendered = render(source, fmt, lang)
            seconds = time.perf_counter() - started
            timings[(fmt, lang)] = seconds
            base = timings[("jsonl", "en")]
            print(f"{fmt:>8} {lang:<5} {seconds * 1000:8.0f} ms  {len(rendered.data) / 1024:8.0f} KiB"
                  f"  ratio to jsonl {seconds / base:6.1f}x")
    print(f"all formats: {sum(timings.values()):.1f} s")


if __name__ == "__main__":
    main()

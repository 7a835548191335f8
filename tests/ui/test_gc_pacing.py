"""The server's cycle collector runs less often (exercise/ui/gc_pacing.py): with Python's default
young generation, a whole-heap collection of 0.2 to 0.4 s landed on every second or third round
of injects to a hundred desks."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from exercise.ui.gc_pacing import YOUNG_OBJECTS, collect_less_often

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


@pytest.mark.usefixtures("thresholds")
def test_the_young_generation_is_raised_and_the_older_ones_kept() -> None:
    gc.set_threshold(700, 10, 10)
    assert collect_less_often() == (YOUNG_OBJECTS, 10, 10)


@pytest.mark.usefixtures("thresholds")
def test_a_higher_threshold_set_by_someone_else_is_not_lowered() -> None:
    gc.set_threshold(YOUNG_OBJECTS * 5, 20, 30)
    assert collect_less_often() == (YOUNG_OBJECTS * 5, 20, 30)


@pytest.mark.usefixtures("thresholds")
def test_short_lived_objects_of_many_runs_cause_no_whole_heap_collection() -> None:
    """A hundred runs, each holding a few hundred objects (in cycles, as Streamlit's are) until
    it ends: with the default pacing they are moved to the old generation and collected with
    the whole heap; paced, the young collections free them first."""
    def whole_heap_collections() -> int:
        full: list[int] = []

        def note(phase: str, info: dict[str, int]) -> None:
            if phase == "stop" and info["generation"] == 2:
                full.append(1)

        gc.collect()
        gc.freeze()  # the test process's own heap out of the count, however big it is
        gc.callbacks.append(note)
        try:
            for _round in range(20):
                live = []
                for _run in range(100):
                    run: list[object] = []
                    for _ in range(300):
                        node: dict[str, object] = {}
                        node["self"] = node  # a cycle: only the collector frees it
                        run.append(node)
                    live.append(run)
                del live, run
        finally:
            gc.callbacks.remove(note)
            gc.unfreeze()
        return len(full)

    gc.set_threshold(700, 10, 10)
    unpaced = whole_heap_collections()
    collect_less_often()
    paced = whole_heap_collections()
    assert unpaced >= 3
    assert paced == 0


def test_the_server_process_is_paced() -> None:
    code = "import gc, exercise.ui.asgi; print(gc.get_threshold()[0])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert int(out.split()[-1]) >= YOUNG_OBJECTS

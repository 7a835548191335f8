"""The caches Streamlit's script threads share (issue #15, item 5): many threads at once, with
evictions, get each its own right answer and nothing breaks."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

from exercise.conduct.state import ExerciseState
from exercise.scenario.loader import load_pack
from exercise.ui import live
from exercise.ui.views.facilitator import model as facilitator_model
from tests.ui.conftest import EXAMPLE


def test_the_console_memo_gives_each_state_its_own_result_under_many_threads() -> None:
    states = [cast(ExerciseState, object()) for _ in range(600)]  # the memo only keys on identity
    calls: dict[int, int] = {}
    lock = threading.Lock()

    def compute(index: int) -> int:
        with lock:
            calls[index] = calls.get(index, 0) + 1
        return index * 7

    def work(index: int) -> bool:
        state = states[index % len(states)]
        got: Any = facilitator_model.memoised("t", state, index % 3,
                                              lambda: compute(index % len(states)))
        return bool(got == (index % len(states)) * 7)

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(work, range(6000)))
    assert len(facilitator_model._memo) <= facilitator_model._MEMO_SIZE


def test_the_planned_graph_is_cached_per_pack_object_and_language() -> None:
    pack = load_pack(EXAMPLE).pack
    other = load_pack(EXAMPLE).pack
    assert pack is not None and other is not None
    first, hub = live._plan(pack, "en")
    assert live._plan(pack, "en")[0] is first  # the same pack: the plan is not built again
    assert live._plan(other, "en")[0] is not first  # an equal pack read again: its own plan
    assert live._plan(pack, "zh-TW")[0] is not first and hub is not None

    with ThreadPoolExecutor(max_workers=8) as pool:
        plans = list(pool.map(lambda i: live._plan(pack, ("en", "zh-TW")[i % 2])[1], range(200)))
    assert set(plans) == {hub}

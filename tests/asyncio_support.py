"""Running a coroutine from a synchronous test whatever else the test process runs: a test worker
that has run the browser tests keeps Playwright's event loop running in its main thread, where
`asyncio.run` refuses to start, so the coroutine gets a thread and a loop of its own."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def until(check: Callable[[], object], seconds: float) -> bool:
    """Whether `check()` came true within `seconds` (asked every 50 ms)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        await asyncio.sleep(0.05)
    return False

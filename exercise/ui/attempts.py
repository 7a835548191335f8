"""Rate limit for organizer-secret attempts: a few tries free, then a wait that doubles with
every further wrong try, both per browser session and for the whole process (so opening new
browser sessions does not reset the count). Pure: the clock is passed in."""

from __future__ import annotations

import threading
from dataclasses import dataclass

FREE_TRIES = 3
FIRST_WAIT_SECONDS = 2.0
MAX_WAIT_SECONDS = 300.0
# The whole process tolerates more wrong tries (several organizers may mistype at once).
PROCESS_FREE_TRIES = 20
PROCESS_KEY = "*"


@dataclass
class _Record:
    failures: int = 0
    locked_until: float = 0.0


def wait_after(failures: int, free: int) -> float:
    """Seconds to wait after `failures` wrong tries when `free` are allowed without a wait."""
    if failures < free:
        return 0.0
    return min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (failures - free))


class Attempts:
    """Wrong tries per key (a browser session) and for the process; thread-safe."""

    def __init__(self) -> None:
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, key: str, now: float) -> float:
        """How long `key` must wait before its next try (0 when it may try now)."""
        with self._lock:
            own = self._records.get(key, _Record())
            process = self._records.get(PROCESS_KEY, _Record())
            return max(0.0, own.locked_until - now, process.locked_until - now)

    def failed(self, key: str, now: float) -> None:
        with self._lock:
            for name, free in ((key, FREE_TRIES), (PROCESS_KEY, PROCESS_FREE_TRIES)):
                record = self._records.setdefault(name, _Record())
                record.failures += 1
                record.locked_until = now + wait_after(record.failures, free)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._records.pop(key, None)

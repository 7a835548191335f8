"""Python's cycle collector paced for a server of many live pages.

With Python's default thresholds (700, 10, 10), an inject to a hundred desks cost about forty
young collections a round, and every second or third round a collection of the whole heap that
took 0.2 to 0.4 s of the one core the desks' script runs share (logged with `gc.callbacks` in a
copy of benchmarks/bench_live.py): every desk of that round waited for it. A desk's redraw
allocates objects that live until its run ends; a young collection in the middle of a hundred
runs moves them to the older generations, and a whole-heap collection follows once the objects
moved since the last one reach a quarter of the heap. With a young generation of 20,000 objects
most of them die by their reference count before any collection sees them: the same benchmark
ran no whole-heap collection at all, and about thirty young ones instead of a thousand.

Cyclic garbage then waits a little longer to be freed (at most 20,000 young objects: a few MiB).
Only the server process is paced (exercise/ui/asgi.py); commands and tests keep the defaults.
"""

from __future__ import annotations

import gc

YOUNG_OBJECTS = 20_000


def collect_less_often() -> tuple[int, int, int]:
    """Raise the young generation's threshold to YOUNG_OBJECTS (never lower it, nor touch the
    older generations'); the thresholds now in force."""
    young, middle, old = gc.get_threshold()
    if young < YOUNG_OBJECTS:
        gc.set_threshold(YOUNG_OBJECTS, middle, old)
    return gc.get_threshold()

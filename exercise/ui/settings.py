"""Where the app finds its packs and keeps its data (set by `exercise serve`)."""

from __future__ import annotations

import functools
import os
from pathlib import Path


def scenarios_dir() -> Path:
    return Path(os.environ.get("EXERCISE_SCENARIOS_DIR", "scenarios")).resolve()


def data_dir() -> Path:
    """The data folder, made if missing. Every page run asks for it (the store is found by
    it): resolved and made once per setting and working folder, not on every run."""
    return _data_dir(os.environ.get("EXERCISE_DATA_DIR", "data"), os.getcwd())


@functools.lru_cache(maxsize=16)
def _data_dir(setting: str, cwd: str) -> Path:
    path = (Path(cwd) / setting).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path

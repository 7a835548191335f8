"""Where the app finds its packs and keeps its data (set by `exercise serve`)."""

from __future__ import annotations

import os
from pathlib import Path


def scenarios_dir() -> Path:
    return Path(os.environ.get("EXERCISE_SCENARIOS_DIR", "scenarios")).resolve()


def data_dir() -> Path:
    path = Path(os.environ.get("EXERCISE_DATA_DIR", "data")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path

"""The shipped scenario library: `scenarios/` of a checkout, installed as `exercise.packs` from a
wheel (setup.py maps the folder), so `drill` and `serve` work outside the checkout too."""

from __future__ import annotations

import importlib.util
from pathlib import Path

EXAMPLE_PACK = "example-typhoon-township.yaml"


def shipped_packs_dir() -> Path:
    """The folder holding the shipped packs, wherever the package is installed."""
    spec = importlib.util.find_spec("exercise.packs")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if (Path(location) / EXAMPLE_PACK).is_file():
                return Path(location)
    return Path(__file__).resolve().parents[2] / "scenarios"


def default_scenarios_dir(cwd: Path | None = None) -> Path:
    """`./scenarios` when the app is started beside one, else the shipped library."""
    here = (cwd or Path.cwd()) / "scenarios"
    return here if here.is_dir() else shipped_packs_dir()


def example_pack() -> Path:
    return shipped_packs_dir() / EXAMPLE_PACK

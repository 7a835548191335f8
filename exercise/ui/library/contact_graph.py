"""The planned contact graph for the preview, from the contact-graph engine (exercise.network).

Returns None while the engine has no DOT rendering yet; the preview then says so."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from exercise.scenario.models import ScenarioPack


@dataclass(frozen=True)
class GraphView:
    dot: str
    findings: list[str]


def planned_view(pack: ScenarioPack, lang: str) -> GraphView | None:
    try:
        importlib.import_module("exercise.network.dot")
    except ImportError:
        return None
    return None

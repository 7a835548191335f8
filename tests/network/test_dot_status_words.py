"""Issue #16 item 17: in the contact graph colour is never the only sign of a status; a degraded
or down agency and link carry the status in words (English and Traditional Chinese)."""

from __future__ import annotations

import networkx as nx
import pytest

from exercise.network.dot import render_dot
from exercise.scenario.models import Status


def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_node("eoc", label="Township EOC", status=Status.up)
    graph.add_node("village", label="Upper Village", status=Status.down)
    graph.add_node("clinic", label="Clinic", status=Status.degraded)
    graph.add_edge("eoc", "village", status=Status.down, channels=["mobile"])
    graph.add_edge("eoc", "clinic", status=Status.degraded, channels=["radio"])
    graph.add_edge("clinic", "eoc", status=Status.up, channels=["landline"])
    return graph


@pytest.mark.parametrize(("lang", "down", "degraded"), [("en", "down", "degraded"),
                                                        ("zh-TW", "中斷", "降級")])
def test_degraded_and_down_say_so_in_words(lang: str, down: str, degraded: str) -> None:
    dot = render_dot(_graph(), lang=lang)
    assert f'label="Upper Village ({down})"' in dot
    assert f'label="Clinic ({degraded})"' in dot
    assert 'label="Township EOC"' in dot  # a working agency stays as it is
    assert f'"eoc" -> "village" [color="#c92a2a", style="dashed", label="{down}"]' in dot
    assert f'label="radio ({degraded})"' in dot
    assert 'label="landline"' in dot

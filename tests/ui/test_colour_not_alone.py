"""Issue #16 item 17: colour is never the only carrier of meaning. The library's timeline tells
an inject's type by shape as well as colour (its legend shows both)."""

from __future__ import annotations

from pathlib import Path

from exercise.i18n import translator
from exercise.scenario.loader import load_pack
from exercise.ui.library.timeline import timeline_chart

EXAMPLE = Path(__file__).parents[2] / "scenarios" / "example-typhoon-township.yaml"


def test_the_timeline_tells_the_inject_type_by_shape_as_well_as_colour() -> None:
    spec = timeline_chart(load_pack(EXAMPLE).pack, translator("en"))
    [points] = [layer for layer in spec["layer"] if "color" in layer["encoding"]]
    encoding = points["encoding"]
    assert encoding["shape"]["field"] == encoding["color"]["field"] == "type"
    assert points["mark"]["type"] == "point" and points["mark"]["filled"] is True

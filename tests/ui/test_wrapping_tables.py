"""Long sentences in tables wrap (issue #16 item 14): the single points of failure of the
preview are a table whose cells wrap, shown as typed."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.network.findings import fragility_findings
from exercise.scenario.loader import load_pack
from tests.ui.conftest import EXAMPLE
from tests.ui.play_support import rendered

PAGE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.library import library_page
library_page()
"""


def test_the_single_points_of_failure_wrap(data_dir: Path) -> None:
    at = AppTest.from_string(PAGE, default_timeout=120)
    at.query_params["pack"] = "shipped/example-typhoon-township.yaml"
    at.run()
    assert not at.exception, at.exception
    pack = load_pack(EXAMPLE).pack
    assert pack is not None
    longest = max((f.text for f in fragility_findings(pack, "en")), key=len)
    [findings] = [tb.value for tb in at.table if "Finding" in tb.value.columns]
    shown = [rendered(str(cell)) for cell in findings["Finding"]]
    assert longest in shown
    assert not [df for df in at.dataframe if "Finding" in df.value.columns]

"""The what-if tab of the scenario preview: an outage makes an agency unreachable in the cascade,
the ranking of single failures appears on request, and the delivery chance is estimated."""

from __future__ import annotations

import math

from streamlit.testing.v1 import AppTest

PAGE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.library import library_page
library_page()
"""


def _open(data_dir) -> AppTest:  # type: ignore[no-untyped-def]
    at = AppTest.from_string(PAGE, default_timeout=120)
    at.query_params["pack"] = "shipped/example-typhoon-township.yaml"
    return at.run()


def _cascade(at: AppTest):  # type: ignore[no-untyped-def]
    table = next(d.value for d in at.dataframe if "Knows after (min)" in d.value.columns)
    return dict(zip(table["Agency"], table["Knows after (min)"], strict=True))


def test_outages_before_the_day_cut_an_agency_off_from_the_warning(data_dir) -> None:  # type: ignore[no-untyped-def]
    at = _open(data_dir)
    assert not at.exception, at.exception
    assert math.isfinite(_cascade(at)["Upper Village chief"])
    at.multiselect(key="whatif.outages").set_value(
        ["mobile@upper-valley", "radio-repeater@upper-valley"]).run()
    assert _cascade(at)["Upper Village chief"] == math.inf


def test_ranking_and_delivery_chance_on_request(data_dir) -> None:  # type: ignore[no-untyped-def]
    at = _open(data_dir)
    at.button(key="whatif.rank").click().run()
    assert not at.exception, at.exception
    ranking = next(d.value for d in at.dataframe if "Failure" in d.value.columns)
    assert len(ranking) >= 1 and ranking["Agencies losing a route"].max() >= 1
    assert "Township EOC" in ranking["Failure"].iloc[0]  # the township is the valley's only way in
    [estimate] = [b for b in at.button if b.label == "Estimate"]
    estimate.click().run()
    assert not at.exception, at.exception
    assert any("95 % confidence" in s.value or "95 % interval" in s.value for s in at.success)

"""What-if results in the preview (issue #16 item 15): results stay on screen across clicks,
an outage is named with its area, and delivery chances read as people write them."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.i18n import translator
from exercise.network.montecarlo import DeliveryEstimate
from exercise.ui.library.whatif import estimate_words, percent
from tests.ui.play_support import rendered

PAGE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.library import library_page
library_page()
"""


def _open() -> AppTest:
    at = AppTest.from_string(PAGE, default_timeout=120)
    at.query_params["pack"] = "shipped/example-typhoon-township.yaml"
    return at.run()


def _ranking_shown(at: AppTest) -> bool:
    return any("Failure" in d.value.columns for d in at.dataframe)


def test_ranking_and_estimate_stay_on_screen_across_clicks(data_dir: Path) -> None:
    at = _open()
    at.button(key="whatif.rank").click().run()
    assert _ranking_shown(at)
    [estimate] = [b for b in at.button if b.label == "Estimate"]
    estimate.click().run()
    assert not at.exception, at.exception
    assert _ranking_shown(at), "the ranking vanished when the estimate was asked for"
    assert [s for s in at.success if "→" in s.value]
    at.multiselect(key="whatif.outages").set_value(["mobile@upper-valley"]).run()
    assert _ranking_shown(at) and [s for s in at.success if "→" in s.value]
    assert any("earlier settings" in c.value for c in at.caption)


def test_an_outage_is_named_by_its_area_first(data_dir: Path) -> None:
    at = _open()
    box = at.multiselect(key="whatif.outages")
    assert "Upper valley: Mobile network" in box.options
    box.set_value(["mobile@upper-valley"]).run()
    assert any("Down: Upper valley: Mobile network" in rendered(c.value) for c in at.caption)


def _estimate(successes: int, trials: int, low: float, high: float) -> DeliveryEstimate:
    return DeliveryEstimate("a", "b", 30, trials, successes, 1, low, high)


def test_delivery_chances_never_read_100_0_to_100_0() -> None:
    t = translator("en")
    every = estimate_words(_estimate(10_000, 10_000, 0.99962, 1.0), "County", "Village", t)
    assert "100.0" not in every and not re.search(r"(\S+ %)–\1", every)
    assert "all 10,000 trials" in every and "at least 99.9 %" in every
    none = estimate_words(_estimate(0, 10_000, 0.0, 0.00038), "County", "Village", t)
    assert "none of 10,000 trials" in none and "at most 0.1 %" in none
    narrow = estimate_words(_estimate(9_999, 10_000, 0.99944, 0.99998), "County", "Village", t)
    assert "–" not in narrow and "99.9" in narrow  # one figure when the interval collapses
    wide = estimate_words(_estimate(6_000, 10_000, 0.5904, 0.6095), "County", "Village", t)
    assert "60 % (95 % interval 59 %–61 %" in wide
    assert percent(0.873, t) == "87.3 %" and percent(1.0, t) == "100 %"
    assert percent(0.873, translator("zh-TW")) == "87.3%"

"""The library preview says when each inject falls as the room will live it: the day and time of
day beside T+, in the reader's language, in the MSEL table and the timeline's labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.i18n import Translator
from exercise.scenario.loader import load_pack
from exercise.ui.library.timeline import msel_table, timeline_rows

PACK = Path(__file__).resolve().parents[2] / "scenarios" / "barrier-lake-outburst.yaml"


@pytest.fixture(scope="module")
def pack():
    loaded = load_pack(PACK).pack
    assert loaded is not None
    return loaded


@pytest.mark.parametrize(("lang", "first"), [("en", "Day 1 15:10 (T+00:10)"),
                                             ("zh-TW", "第 1 天 15:10（T+00:10）")])
def test_the_msel_table_shows_day_and_time_of_day(pack, lang: str, first: str) -> None:
    t = Translator(lang)
    times = list(msel_table(pack, t)[t("column.time")])
    assert min(i.time for i in pack.injects) == 10 and times[0] == first
    assert all("T+" in text and ("Day" in text or "第" in text) for text in times)


def test_the_timeline_labels_carry_the_time_of_day(pack) -> None:
    rows = timeline_rows(pack, Translator("en"))
    late = rows[(rows["hours"] >= 9) & (rows["hours"] < 33)].iloc[0]  # 15:00 + 9 h is midnight
    assert late["time"].startswith("Day 2 ")

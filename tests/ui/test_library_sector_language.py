"""The library's agencies table names each sector in the reader's language (AppTest)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

EXAMPLE_KEY = "shipped/example-typhoon-township.yaml"


def _agencies_frame(at: AppTest, sector_header: str) -> list[str]:
    [frame] = [df.value for df in at.dataframe if sector_header in df.value.columns]
    return [str(v) for v in frame[sector_header]]


def test_a_zh_tw_preview_lists_sectors_in_chinese(app: AppTest) -> None:
    app.query_params["lang"] = "zh-TW"
    app.query_params["pack"] = EXAMPLE_KEY
    app.run()
    assert not app.exception
    sectors = _agencies_frame(app, "領域")
    assert "消防與救災" in sectors and "災害應變" in sectors
    assert "fire and rescue" not in sectors


def test_an_english_preview_lists_sectors_in_english(app: AppTest) -> None:
    app.query_params["pack"] = EXAMPLE_KEY
    app.run()
    assert not app.exception
    sectors = _agencies_frame(app, "Sector")
    assert "fire and rescue" in sectors and "消防與救災" not in sectors

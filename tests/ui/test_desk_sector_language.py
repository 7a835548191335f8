"""The desk's profile names the agency's sector in the reader's language; a pack written before
sectors had languages (one plain string) still loads and shows it as written (AppTest)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.ui.play_support import EXAMPLE, new_session, open_page, texts

TWO_LANGUAGES = "    sector: {en: fire and rescue, zh-TW: 消防與救災}\n"


def _plain_sector_pack() -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert TWO_LANGUAGES in text
    return text.replace(TWO_LANGUAGES, "    sector: fire and rescue\n", 1)


def test_the_profile_shows_the_sector_in_chinese_on_a_zh_tw_desk(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "desk", played.table("Fire Bureau"), lang="zh-TW")
    assert not app.exception
    shown = texts(app)
    assert "領域：消防與救災" in shown
    assert "fire and rescue" not in shown


def test_the_profile_shows_the_sector_in_english_on_an_english_desk(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "desk", played.table("Fire Bureau"))
    assert not app.exception
    shown = texts(app)
    assert "Sector: fire and rescue" in shown
    assert "消防與救災" not in shown


def test_an_old_pack_with_a_plain_sector_loads_and_shows_it_as_written(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir, _plain_sector_pack())
    open_page(app, "desk", played.table("Fire Bureau"), lang="zh-TW")
    assert not app.exception
    assert "領域：fire and rescue" in texts(app)

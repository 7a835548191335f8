"""A desk whose representative is seated in an EOC sees it, and the EOC's desk sees who sits in
its room (AppTest)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.ui.play_support import EXAMPLE, new_session, open_page, texts


def _seated_pack() -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    block = "    sector: {en: fire and rescue, zh-TW: 消防與救災}\n    area: nanhe\n"
    assert block in text
    return text.replace(block, block + "    seated_in: county-eoc\n    ownership: government\n", 1)


def test_a_seated_desk_sees_where_it_sits_and_the_eoc_sees_its_room(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir, _seated_pack())
    open_page(app, "desk", played.table("Fire Bureau"))
    assert not app.exception
    shown = texts(app)
    assert "Your representative sits in County EOC: you talk to it in person" in shown
    assert "Ownership: government" in shown
    open_page(app, "desk", played.table("County EOC"))
    assert "Seated in your room (in person): Fire Bureau" in texts(app)

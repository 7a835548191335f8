"""The Traditional Chinese font ships with the app, is served offline, and covers every
character the app and its shipped packs show."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from exercise.cli.serve import STREAMLIT_FLAGS
from exercise.ui.fonts.build_font import OUTPUT, characters_of, common_traditional, project_text_files

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "exercise" / "ui"


def _theme() -> dict:
    return tomllib.loads((UI / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]


def test_font_is_small_enough_to_ship() -> None:
    assert OUTPUT.exists()
    assert OUTPUT.stat().st_size < 3 * 1024 * 1024
    assert (OUTPUT.parent / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") == 1


def test_font_covers_the_translations_and_the_shipped_packs() -> None:
    ttlib = pytest.importorskip("fontTools.ttLib", reason="fonttools[woff] is in the test extra")
    pytest.importorskip("brotli", reason="fonttools[woff] is in the test extra")
    cmap = ttlib.TTFont(str(OUTPUT))["cmap"].getBestCmap()
    needed = {c for c in characters_of(project_text_files()) if 0x2E80 <= ord(c) <= 0xFFEF}
    missing = sorted(c for c in needed if ord(c) not in cmap)
    assert missing == [], (
        f"{len(missing)} characters are not in the shipped font: {''.join(missing[:40])}; "
        "run .venv/bin/python -m exercise.ui.fonts.build_font and commit the font"
    )
    common = sorted(c for c in common_traditional() if 0x4E00 <= ord(c) <= 0x9FFF)
    assert len(common) > 5000
    assert all(ord(c) in cmap for c in common)


def test_theme_serves_the_font_from_the_app_itself() -> None:
    theme = _theme()
    [face] = theme["fontFaces"]
    assert face["url"].startswith("app/static/")
    assert (UI / "static" / face["url"].removeprefix("app/static/")).exists()
    assert face["family"] in theme["font"] and face["family"] in theme["headingFont"]
    assert "U+4E00-9FFF" in face["unicodeRange"]


def test_serve_flags_agree_with_the_project_config() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    flags = dict(flag.removeprefix("--").split("=", 1) for flag in STREAMLIT_FLAGS)
    assert flags["runner.postScriptGC"] == "false"
    assert flags["browser.gatherUsageStats"] == "false"
    assert flags["server.enableStaticServing"] == "true"
    for name, value in flags.items():
        section, key = name.split(".", 1)
        if section in config and key in config[section]:
            assert str(config[section][key]).lower() == value.lower(), name

"""What every page needs from the person's browser session: the language and the folders."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from exercise.ui import settings
from exercise.ui.i18n import LANGUAGE_NAMES, Translator, translator

LANGUAGE_KEY = "lang"


def language_switch() -> Translator:
    """English / 繁體中文, kept in the URL (`?lang=zh-TW`) so a reload or a shared link keeps it.

    The widget lives in the entry script, so its query parameter survives page switches."""
    lang = st.sidebar.segmented_control(
        "Language / 語言",
        options=list(LANGUAGE_NAMES),
        format_func=LANGUAGE_NAMES.__getitem__,
        default="en",
        required=True,
        key=LANGUAGE_KEY,
        bind="query-params",
    )
    return translator(lang)


def current_translator() -> Translator:
    return translator(st.session_state.get(LANGUAGE_KEY))


def scenarios_dir() -> Path:
    return settings.scenarios_dir()


def data_dir() -> Path:
    return settings.data_dir()

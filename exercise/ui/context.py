"""What every page needs from the person's browser session: the language and the folders."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from exercise.i18n import LANGUAGE_NAMES, Translator, normalize_language, translator
from exercise.scenario.text import DEFAULT_LANGUAGE
from exercise.ui import settings

LANGUAGE_KEY = "lang"


def language_switch() -> Translator:
    """English / 繁體中文, kept in the URL as `?lang=zh-TW` so a reload or a shared link keeps it.

    The widget lives in the entry script, so its value outlives page switches; the URL is
    written on every run because Streamlit clears unbound query parameters on a page switch
    (binding the widget instead would put the label, `?lang=繁體中文`, in the URL)."""
    if LANGUAGE_KEY not in st.session_state:
        st.session_state[LANGUAGE_KEY] = normalize_language(st.query_params.get(LANGUAGE_KEY))
    choice = st.sidebar.segmented_control(
        "Language / 語言",
        options=list(LANGUAGE_NAMES),
        format_func=LANGUAGE_NAMES.__getitem__,
        required=True,
        key=LANGUAGE_KEY,
    )
    lang = normalize_language(choice)
    if lang == DEFAULT_LANGUAGE:
        if LANGUAGE_KEY in st.query_params:
            del st.query_params[LANGUAGE_KEY]
    elif st.query_params.get(LANGUAGE_KEY) != lang:
        st.query_params[LANGUAGE_KEY] = lang
    return translator(lang)


def current_translator() -> Translator:
    return translator(st.session_state.get(LANGUAGE_KEY))


def scenarios_dir() -> Path:
    return settings.scenarios_dir()


def data_dir() -> Path:
    return settings.data_dir()


_PAGES: dict[str, st.Page] = {}


def register_pages(pages: dict[str, list[st.Page]]) -> None:
    """The entry script's pages by URL path, so a page can link to another with parameters.
    Every run registers the same paths, so concurrent runs never see the map empty."""
    _PAGES.update({page.url_path: page for section in pages.values() for page in section})


def page_for(url_path: str) -> st.Page | None:
    return _PAGES.get(url_path)

"""`<html lang>` of every page in the person's language (issue #16): screen readers pick their
voice from it and browsers break CJK lines by it. Streamlit writes `lang="en"` into its page
and offers no setting, so a tiny script sent with the page sets it in the page itself (not in
an iframe, which could not reach its parent), again whenever the language is switched. The
element is hidden: it draws nothing."""

from __future__ import annotations

import json

import streamlit as st

from exercise.i18n import normalize_language

KEY = "page-language"
_HIDE = f"<style>.st-key-{KEY}{{display:none}}</style>"


def lang_script(lang: str) -> str:
    """The script that sets the page's language to `lang` (a known language code only)."""
    value = json.dumps(normalize_language(lang))
    return f"<script>document.documentElement.lang = {value};</script>"


def page_language(lang: str) -> None:
    st.html(_HIDE)
    with st.container(key=KEY):
        st.html(lang_script(lang), unsafe_allow_javascript=True)

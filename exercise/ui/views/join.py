"""Join: enter a code (or paste a join link) and go to the page of its role, with the code in
the URL (`?k=…`) so a reload keeps who you are. The code is checked again by that page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import streamlit as st

from exercise.conduct.access import MAX_TOKEN, authorize
from exercise.conduct.errors import ConductError, refusal
from exercise.scenario.text import DEFAULT_LANGUAGE
from exercise.ui.context import current_translator
from exercise.ui.gate import CODE_PARAM, PAGE_OF_ROLE, code_in_url, event_store
from exercise.ui.widgets import plain

URL_PATH = "join"


def code_from(entered: str) -> str:
    """The code in what was typed: the code itself, or the `k` parameter of a pasted link."""
    text = entered.strip()
    if "k=" in text:
        values = parse_qs(urlsplit(text).query or text.lstrip("?")).get(CODE_PARAM)
        if values:
            return values[0].strip()
    return text


def _page_at(url_path: str) -> st.Page:
    """A page to switch to, named by its URL path: Streamlit identifies a callable page by its
    path alone, so this reaches the page registered there without importing its module."""
    def placeholder() -> None:  # never run: the registered page runs
        return None

    return st.Page(placeholder, url_path=url_path)


def join_page() -> None:
    t = current_translator()
    st.title(t("join.title"), anchor=False)
    st.caption(t("join.help"))
    with st.form("join.form"):
        entered = st.text_input(t("join.code"), value=code_in_url() or "", key="join.code",
                                max_chars=2000, type="password")
        go = st.form_submit_button(t("join.submit"), type="primary")
    if not go:
        return
    code = code_from(entered)
    if not code or len(code) > MAX_TOKEN:
        st.error(t("join.malformed"))
        return
    try:
        caller = authorize(event_store(), code)
    except ConductError as exc:
        st.error(plain(refusal(exc, t)))
        return
    params = {CODE_PARAM: code}
    if t.lang != DEFAULT_LANGUAGE:
        params["lang"] = t.lang
    st.switch_page(_page_at(PAGE_OF_ROLE[caller.role]), query_params=params)

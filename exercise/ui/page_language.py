"""`<html lang>` of every page in the person's language (issue #16): screen readers pick their
voice from it and browsers break CJK lines by it. Streamlit writes `lang="en"` into its page
and offers no setting, so a tiny script sent with the page sets it in the page itself (not in
an iframe, which could not reach its parent), again whenever the language is switched. The
element is hidden: it draws nothing."""

from __future__ import annotations

import json

import streamlit as st

from exercise.i18n import LANGUAGES, normalize_language, translator

KEY = "page-language"
HIDE_STYLE = f"<style>.st-key-{KEY}{{display:none}}</style>"


# A drawing wider than its column scrolls sideways in its box (`ui.graph_view`): the box is
# made reachable by keyboard (Tab, then the arrow keys scroll it) and named for screen readers.
_GRAPH_BOXES = """
window.exerciseGraphLabel = %s;
if (!window.exerciseGraphBoxes) {
  window.exerciseGraphBoxes = true;
  const mark = () => document.querySelectorAll('[class*="st-key-graph-view-"]').forEach(box => {
    if (box.getAttribute('tabindex') !== '0') box.setAttribute('tabindex', '0');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', window.exerciseGraphLabel);
  });
  new MutationObserver(mark).observe(document.body, {childList: true, subtree: true});
  mark();
}
"""


def lang_script(lang: str) -> str:
    """The script that sets the page's language to `lang` (a known language code only), and
    makes the graph boxes reachable by keyboard, named in that language."""
    code = normalize_language(lang)
    label = json.dumps(translator(code)("graphdraw.box")).replace("</", "<\\/")
    return (f"<script>document.documentElement.lang = {json.dumps(code)};"
            + _GRAPH_BOXES % label + "</script>")


def own_html() -> set[str]:
    """Every HTML this module may draw: constants of the app, never pack or player text."""
    return {HIDE_STYLE, *(lang_script(lang) for lang in LANGUAGES)}


def page_language(lang: str) -> None:
    st.html(HIDE_STYLE)
    with st.container(key=KEY):
        st.html(lang_script(lang), unsafe_allow_javascript=True)

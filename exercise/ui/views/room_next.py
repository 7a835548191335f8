"""What the facilitator does once the exercise has ended: the next steps as links that carry
the facilitator's code (and the language), so no page asks for the code again."""

from __future__ import annotations

import streamlit as st

from exercise.i18n import Translator
from exercise.scenario.text import DEFAULT_LANGUAGE
from exercise.ui.context import page_for
from exercise.ui.gate import CODE_PARAM, code_in_url

# (label key, page, extra query parameters)
STEPS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("room.next.hotwash", "hotwash", {}),
    ("room.next.plan", "hotwash", {"tab": "plan"}),
    ("room.next.debrief", "debrief", {}),
)


def step_params(code: str, lang: str, extra: dict[str, str]) -> dict[str, str]:
    params = {CODE_PARAM: code, **extra}
    if lang != DEFAULT_LANGUAGE:
        params["lang"] = lang
    return params


def next_steps_links(t: Translator, panel_key: str) -> None:
    code = code_in_url() or ""
    with st.container(border=True, key="room-next-steps"):
        st.markdown(f"**{t('room.next.title')}**")
        columns = st.columns(len(STEPS) + 1)
        for column, (label, path, extra) in zip(columns, STEPS, strict=False):  # the last is for sharing
            page = page_for(path)
            if page is not None:
                column.page_link(page, label=t(label), query_params=step_params(code, t.lang, extra))
        columns[-1].button(t("room.next.share"), key="room.next.share", on_click=_open_links,
                           args=(panel_key,), help=t("room.next.share_help"))


def _open_links(panel_key: str) -> None:
    st.session_state[panel_key] = "links"

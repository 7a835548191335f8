"""Select boxes that follow a live switch of language.

A select box (and a multiselect) tells the browser its choice as the label it shows, and sends
it again only when the choice is set. After a switch of language its options arrive in the new
language but the box still shows the old label ("Upper Village chief" in a Chinese page) until
a reload. On the first run in a new language, the page hands each of its keyed boxes its own
value again, which makes Streamlit send the label in the new language.

Only select-type widgets may be named here: a button's or an upload's state cannot be set."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

LAST_LANGUAGE = "_language_follow.last"


def follow_language(lang: str, chosen: Callable[[str], bool]) -> list[str]:
    """Re-set the values of the widget keys `chosen` accepts when `lang` is not the language
    of this person's previous run; returns the keys re-set."""
    last = st.session_state.get(LAST_LANGUAGE)
    st.session_state[LAST_LANGUAGE] = lang
    if last is None or last == lang:
        return []
    keys = [key for key in list(st.session_state.keys()) if isinstance(key, str) and chosen(key)]
    for key in keys:
        st.session_state[key] = st.session_state[key]
    return keys


def desk_boxes(key: str) -> bool:
    """The desk's keyed select boxes: receiver, channel, resource line, inject linked to."""
    return key.startswith("desk.") and key.rsplit(".", 1)[-1] in ("to", "channel", "line", "inject")


CONSOLE_BOXES = frozenset({"queue.chosen", "facilitator.jump", "facilitator.speed"})
WHATIF_BOXES = frozenset({"whatif.source", "whatif.outages"})

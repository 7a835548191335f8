"""What the agency desk's parts share: names of agencies and channels in the reader's language,
the agency this browser plays, and commands run from buttons with their outcome kept to show."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import streamlit as st

from exercise.conduct.errors import ConductError, refusal
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.network.graph import agency_label
from exercise.scenario.models import ScenarioPack
from exercise.scenario.text import localize
from exercise.ui.clock_words import time_text
from exercise.ui.context import current_translator

AGENCY_KEY = "desk.agency"
FLASH_KEY = "desk.flash"


def party_name(pack: ScenarioPack, party: str | None, lang: str) -> str:
    """An agency's short name, a simulated actor's name, or the id itself."""
    if not party:
        return ""
    if party in pack._index("agencies"):
        return agency_label(pack, party, lang)
    for actor in pack.actors:
        if actor.id == party:
            return localize(actor.name, lang)
    return party


def channel_label(pack: ScenarioPack, channel_id: str | None, lang: str) -> str:
    if not channel_id:
        return ""
    channel = pack._index("channels").get(channel_id)
    if channel is None or channel.name is None:
        return channel_id
    return localize(channel.name, lang)


def minute_text(minute: float | None, pack: ScenarioPack, t: Translator) -> str:
    """A scenario time as people say it: Day 2 20:30 (T+12:00), or T+12:00 with no known start."""
    return time_text(minute, pack, t)


def player_time(minute: float | None, state: ExerciseState, t: Translator) -> str:
    """A scenario time as the facilitator lets players see it (both, time of day, or T+)."""
    return time_text(minute, state.pack, t, state.player_clock)


def chosen_agency(agencies: tuple[str, ...]) -> str:
    """The agency this browser plays now: one of the table's own, whatever the session says."""
    current = st.session_state.get(AGENCY_KEY)
    return current if current in agencies else agencies[0]


def flash(kind: str, text: str, scope: str = FLASH_KEY) -> None:
    st.session_state[scope] = (kind, text)


def show_flash(scope: str = FLASH_KEY, keep: bool = False) -> None:
    """The outcome of the last button, once (text shown as typed, never as markup); with
    `keep`, until the next outcome replaces it (for parts that refresh on their own)."""
    from exercise.ui.widgets import plain

    found = st.session_state.get(scope) if keep else st.session_state.pop(scope, None)
    if found is None:
        return
    kind, text = found
    (st.error if kind == "error" else st.success)(plain(text))


def act(command: Callable[..., Any], *args: Any, done: str = "", scope: str = FLASH_KEY,
        **kwargs: Any) -> Any:
    """A button callback: run one command; keep its error (or `done`) to show on the rerun."""
    try:
        result = command(*args, **kwargs)
    except ConductError as exc:
        flash("error", refusal(exc, current_translator()), scope)
        return None
    if done:
        flash("success", done, scope)
    return result


def nonce(key: str) -> str:
    """An id for one form submission: a double click records once, a new message twice."""
    if key not in st.session_state:
        st.session_state[key] = secrets.token_hex(8)
    return str(st.session_state[key])


def renew(key: str) -> None:
    st.session_state[key] = secrets.token_hex(8)


def options_text(t: Translator, pack: ScenarioPack, inject_id: str, option: str) -> str:
    try:
        inject = pack.inject(inject_id)
    except KeyError:
        return option
    for item in inject.options:
        if item.id == option:
            return t.text(item.label)
    return option


def session_title(state: ExerciseState, t: Translator) -> str:
    """The session's name; a name that is the pack's English title (the default) follows the
    reader's language."""
    title = state.pack.metadata.title
    if not state.name or state.name == localize(title, "en"):
        return t.text(title)
    return state.name


def table_title(state: ExerciseState, label: str, agencies: tuple[str, ...], t: Translator) -> str:
    """A table's label; the default label of a one-agency table (its English name) follows the
    reader's language."""
    if len(agencies) == 1:
        try:
            agency = state.pack.agency(agencies[0])
        except KeyError:
            return label
        if label == localize(agency.short_name or agency.name, "en"):
            return t.text(agency.short_name or agency.name)
    return label

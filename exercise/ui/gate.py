"""The composition root of the app: the one event store per process, and who the person in
this browser is (their code travels in the URL as `?k=…`, so a reload keeps it)."""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st
from streamlit.errors import StreamlitAPIException

from exercise.conduct.access import Caller, authorize
from exercise.conduct.errors import ConductError
from exercise.conduct.ports import EventStore
from exercise.store import StoreUnavailable, open_store
from exercise.ui.context import current_translator, data_dir

CODE_PARAM = "k"
# The page each role's code opens (join links, QR codes, the join page). Observers get the
# evaluator view read-only; the projector also takes an observer code.
PAGE_OF_ROLE = {
    "agency": "desk",
    "evaluator": "evaluate",
    "observer": "evaluate",
    "debrief": "debrief",
    "facilitator": "facilitator",
}
T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _store(folder: str) -> EventStore:
    from pathlib import Path

    return open_store(None, Path(folder))


def event_store() -> EventStore:
    """The store, opened once per process; a broken database URL stops the page with its reason."""
    try:
        return _store(str(data_dir()))
    except StoreUnavailable as exc:
        st.error(str(exc))
        st.stop()
        raise  # unreachable: st.stop() raises


ORGANIZER_SECRET_ENV = "EXERCISE_ORGANIZER_SECRET"


def organizer_secret() -> str | None:
    """On a shared server, starting sessions needs this secret: from the environment, or
    `organizer_secret` in .streamlit/secrets.toml. Unset on a laptop: anyone in the room may."""
    value = os.environ.get(ORGANIZER_SECRET_ENV, "").strip()
    if value:
        return value
    try:
        value = str(st.secrets.get("organizer_secret", "")).strip()
    except (FileNotFoundError, KeyError, StreamlitAPIException):  # no secrets file at all
        return None
    return value or None


def organizer_allowed(given: str) -> bool:
    secret = organizer_secret()
    return secret is None or hmac.compare_digest(given.strip().encode(), secret.encode())


def code_in_url() -> str | None:
    value = st.query_params.get(CODE_PARAM)
    return value.strip() if isinstance(value, str) and value.strip() else None


def require_caller(*roles: str) -> tuple[EventStore, str, Caller]:
    """The store, the code and the caller behind the code in the URL, checked inside the page
    (a hidden page is not access control). Stops the page with a message otherwise."""
    t = current_translator()
    store = event_store()
    token = code_in_url()
    if token is None:
        st.warning(t("access.no_code"))
        st.stop()
    try:
        caller = authorize(store, token)
    except ConductError as exc:
        st.error(str(exc))
        st.stop()
        raise
    if roles and caller.role not in roles:
        st.error(t("access.wrong_role", role=caller.role, allowed=", ".join(roles)))
        st.stop()
    return store, token, caller


def run_command(command: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Run one command; a domain error is shown as its message (never a traceback) and
    nothing is recorded twice."""
    try:
        return command(*args, **kwargs)
    except ConductError as exc:
        st.error(str(exc))
        return None

"""The composition root of the app: the one event store per process, and who the person in
this browser is (their code travels in the URL as `?k=…`, so a reload keeps it)."""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st
from streamlit.errors import StreamlitAPIException

from exercise.conduct.access import Caller, authorize, token_hash
from exercise.conduct.errors import ConductError, refusal
from exercise.conduct.ports import EventStore
from exercise.store import StoreUnavailable, open_store
from exercise.ui.attempts import Attempts
from exercise.ui.context import current_translator, data_dir
from exercise.ui.live import fragment_run
from exercise.ui.widgets import plain

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
        st.error(plain(str(exc)))
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


def _digest(value: str) -> bytes:
    # Compared as fixed-length digests: compare_digest on raw strings leaks their length.
    return hashlib.sha256(value.encode("utf-8")).digest()


def organizer_allowed(given: str) -> bool:
    """Whether `given` is the organizer secret (always, when none is set); constant time."""
    secret = organizer_secret()
    return secret is None or hmac.compare_digest(_digest(given.strip()), _digest(secret))


UNLOCK_KEY = "organizer.unlocked"
BROWSER_KEY = "organizer.browser"
ATTEMPTS = Attempts()  # wrong tries, per browser session and for the whole process


def _now() -> float:
    return time.monotonic()


def _unlock_mark(secret: str) -> str:
    # What this browser session keeps once unlocked: not the secret, and void if it changes.
    return hashlib.sha256(b"organizer-unlock:" + secret.encode("utf-8")).hexdigest()


def organizer_unlocked() -> bool:
    """True on a laptop (no secret), or once this browser session has given the secret."""
    secret = organizer_secret()
    if secret is None:
        return True
    mark = st.session_state.get(UNLOCK_KEY)
    return isinstance(mark, str) and hmac.compare_digest(mark, _unlock_mark(secret))


def require_organizer(form_key: str) -> bool:
    """Organizer work (changing the library, listing sessions): True when this browser may do
    it; otherwise shows the organizer-secret form and returns False. Wrong tries are slowed
    down per browser session and for the whole process."""
    if organizer_unlocked():
        return True
    t = current_translator()
    st.info(t("organizer.locked"))
    with st.form(f"organizer.unlock.{form_key}"):
        given = st.text_input(t("organizer.secret"), type="password", max_chars=200)
        submitted = st.form_submit_button(t("organizer.unlock"), type="primary")
    if not submitted:
        return False
    browser = st.session_state.setdefault(BROWSER_KEY, secrets.token_hex(16))
    now = _now()
    wait = ATTEMPTS.wait_seconds(browser, now)
    if wait > 0:  # the secret is not even compared while a wait is running
        st.error(t("organizer.wait", seconds=math.ceil(wait)))
        return False
    secret = organizer_secret()
    if secret is not None and organizer_allowed(given):
        ATTEMPTS.succeeded(browser)
        st.session_state[UNLOCK_KEY] = _unlock_mark(secret)
        st.rerun()
    ATTEMPTS.failed(browser, now)
    st.error(t("organizer.refused"))
    return False


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
        st.error(plain(refusal(exc, t)))
        st.stop()
        raise
    if roles and caller.role not in roles:
        st.error(t("access.wrong_role", role=caller.role, allowed=", ".join(roles)))
        st.stop()
    return store, token, caller


# The codes of each session as this process last read them: (monotonic time of the read, the
# session's grants by code hash, each True when revoked). Read at most every CODE_CHECK_SECONDS
# per process and session, however many pages follow it (one read of a grant per redraw cost a
# third of a desk's inbox redraw); a code not in the last read is read again at once.
CODE_CHECK_SECONDS = 1.0
_grants_read: dict[tuple[int, str], tuple[float, dict[str, bool]]] = {}
_grants_guard = threading.Lock()


def _session_grants(store: EventStore, session_id: str, now: float,
                    fresh: bool = False) -> dict[str, bool]:
    key = (id(store), session_id)
    known = _grants_read.get(key)
    if not fresh and known is not None and 0 <= now - known[0] < CODE_CHECK_SECONDS:
        return known[1]
    revoked = {grant.token_hash: grant.revoked for grant in store.grants(session_id)}
    with _grants_guard:
        if len(_grants_read) > 256:
            _grants_read.clear()
        _grants_read[key] = (now, revoked)
    return revoked


def code_still_valid(store: EventStore, session_id: str, token: str,
                     now: float | None = None) -> bool:
    """Whether `token` is still a good code of `session_id` (known there, not revoked), as this
    process read the session's codes at most CODE_CHECK_SECONDS ago: a revocation is seen within
    that time."""
    now = _now() if now is None else now
    code = token_hash(token.strip())
    revoked = _session_grants(store, session_id, now).get(code)
    if revoked is None:  # a code given since the last read, or none of this session's
        revoked = _session_grants(store, session_id, now, fresh=True).get(code)
    return revoked is False


def stop_if_code_refused(store: EventStore, session_id: str) -> None:
    """In a live part, before it draws: on a fragment rerun whose code is no longer good (revoked
    since the page was drawn), run the whole page again instead, whose `require_caller` shows the
    refusal and stops it (and with it every live part and its timer).

    An open page is kept current by fragment reruns alone (its timer, the pushes), and those never
    run the page, nor its `require_caller`: without this a desk left open on a revoked code went
    on receiving every new inject. Whole runs have checked the code already."""
    if fragment_run() and not code_still_valid(store, session_id, code_in_url() or ""):
        st.rerun(scope="app")


def run_command(command: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Run one command; a domain error is shown as its message (never a traceback) and
    nothing is recorded twice."""
    try:
        return command(*args, **kwargs)
    except ConductError as exc:
        st.error(plain(refusal(exc, current_translator())))
        return None

"""The menu each person sees: the pages their code may open, each link carrying the code
(`?k=`) and the language, so no page reached from the menu asks for the code again.

Streamlit's own page menu drops query parameters on a page switch and lists every page to
everyone; the app registers all pages hidden (a page must be registered to be opened by URL)
and draws this menu instead. The projector shows no menu. A hidden page is not access
control: every page checks the code itself."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from exercise.conduct.access import authorize
from exercise.conduct.errors import ConductError
from exercise.i18n import Translator
from exercise.scenario.text import DEFAULT_LANGUAGE
from exercise.ui.gate import CODE_PARAM, code_in_url, event_store

# Sections and their pages, in menu order: (section, url paths).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("prepare", ("library", "sessions", "new", "import", "edit")),
    ("run", ("facilitator", "projector", "instructor")),
    ("play", ("join", "desk", "evaluate", "hotwash", "debrief")),
)
PREPARE = ("library", "sessions", "new", "import", "edit")
# The pages each role's code may open (None: no code, or one that is not valid).
ROLE_PAGES: Mapping[str | None, tuple[str, ...]] = {
    None: (*PREPARE, "join"),
    "facilitator": (*PREPARE, "facilitator", "projector", "instructor", "hotwash", "debrief"),
    "agency": ("desk",),
    "evaluator": ("evaluate", "hotwash", "debrief"),
    "observer": ("evaluate", "hotwash", "debrief", "projector"),
    "debrief": ("debrief",),
}
# Pages drawn without a menu (the room's screen).
NO_MENU = frozenset({"projector"})
# Other names people type for a page: each opens the page instead of "Page not found".
# `/start` is where a facilitator starts an exercise: the sessions page.
ALIASES: Mapping[str, str] = {
    "library": "library", "home": "library", "packs": "library", "scenarios": "library",
    "console": "facilitator", "facilitate": "facilitator",
    "evaluator": "evaluate", "evaluation": "evaluate", "observer": "evaluate",
    "observe": "evaluate", "hot-wash": "hotwash", "feedback": "hotwash",
    "improvement-plan": "hotwash", "report": "debrief", "aar": "debrief",
    "session": "sessions", "start": "sessions", "start-session": "sessions",
    "new-session": "sessions", "begin": "sessions", "exercises": "sessions",
    "play": "join", "code": "join", "table": "desk",
    "editor": "edit", "new-exercise": "new", "create": "new", "screen": "projector", "compare": "instructor",
}
ROLE_KEY = "menu.role"


def role_of_code() -> str | None:
    """The role of the code in the URL, looked up once per code and browser session."""
    code = code_in_url()
    if code is None:
        return None
    known = st.session_state.get(ROLE_KEY)
    if isinstance(known, tuple) and len(known) == 2 and known[0] == code:
        return known[1]
    try:
        role: str | None = authorize(event_store(), code).role
    except ConductError:
        role = None  # the page itself says what is wrong with the code
    st.session_state[ROLE_KEY] = (code, role)
    return role


def menu_pages(role: str | None) -> list[tuple[str, list[str]]]:
    """The sections and pages shown to `role`, in menu order; empty sections left out."""
    allowed = set(ROLE_PAGES.get(role, ROLE_PAGES[None]))
    shown = [(section, [p for p in paths if p in allowed]) for section, paths in SECTIONS]
    return [(section, paths) for section, paths in shown if paths]


def draw_menu(pages: Mapping[str, st.Page], current: str, role: str | None, t: Translator) -> None:
    """The sidebar menu of `role`; every link keeps the code and the language."""
    if current in NO_MENU:
        return
    params: dict[str, str] = {}
    code = code_in_url()
    if code is not None and role is not None:
        params[CODE_PARAM] = code
    if t.lang != DEFAULT_LANGUAGE:
        params["lang"] = t.lang
    with st.sidebar.container(key="room-menu"):
        for section, paths in menu_pages(role):
            st.caption(t(f"nav.section.{section}"))
            for path in paths:
                st.page_link(pages[path], label=t(f"nav.{path}"), query_params=params or None)

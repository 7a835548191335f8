"""Streamlit entry: language switch, the pages, and the menu of the person's role.

Pages carry no icons: emoji need a colour font that many room laptops lack, and Material
icons are fetched from the internet.

Every page is registered hidden (so any page opens by its URL, and the obvious other names in
`menu.ALIASES` too); the sidebar menu is drawn by `exercise.ui.menu` with only the pages the
person's code may open, each link keeping the code.

Run with `exercise serve` (or `make run`). Pages are plain functions in `exercise/ui/views/`
(not `pages/`, which Streamlit would also read as a legacy pages folder).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from exercise.ui.context import language_switch, register_pages
from exercise.ui.menu import ALIASES, NO_MENU, draw_menu, role_of_code
from exercise.ui.page_language import page_language
from exercise.ui.views.authoring_edit import authoring_edit_page
from exercise.ui.views.authoring_import import authoring_import_page
from exercise.ui.views.authoring_new import authoring_new_page
from exercise.ui.views.debrief import debrief_page
from exercise.ui.views.desk.page import desk_page
from exercise.ui.views.evaluator import evaluator_page
from exercise.ui.views.facilitator.page import facilitator_page
from exercise.ui.views.hotwash import hotwash_page
from exercise.ui.views.instructor import instructor_page
from exercise.ui.views.join import join_page
from exercise.ui.views.library import library_page
from exercise.ui.views.projector import projector_page
from exercise.ui.views.sessions import sessions_page

log = logging.getLogger("exercise.ui")

PAGE_FUNCTIONS: dict[str, Callable[[], None]] = {
    "library": library_page,
    "sessions": sessions_page,
    "new": authoring_new_page,
    "import": authoring_import_page,
    "edit": authoring_edit_page,
    "facilitator": facilitator_page,
    "projector": projector_page,
    "instructor": instructor_page,
    "join": join_page,
    "desk": desk_page,
    "evaluate": evaluator_page,
    "hotwash": hotwash_page,
    "debrief": debrief_page,
}

t = language_switch()
st.set_page_config(page_title=t("app.title"), layout="wide")
page_language(t.lang)
# The root address shows the library; `/library` and the other names open their page too.
# (The home page's own path is never shown: Streamlit serves the default page at the root.)
home = st.Page(library_page, title=t("nav.library"), url_path="index", default=True)
pages = {path: st.Page(run, title=t(f"nav.{path}"), url_path=path, visibility="hidden")
         for path, run in PAGE_FUNCTIONS.items() if path != "library"}
aliases = {alias: st.Page(PAGE_FUNCTIONS[target], title=t(f"nav.{target}"), url_path=alias,
                          visibility="hidden")
           for alias, target in ALIASES.items()}
pages["library"] = aliases["library"]
register_pages({"": list(pages.values())})
current = st.navigation([home, *pages.values(),
                         *(page for alias, page in aliases.items() if alias != "library")],
                        position="hidden")
shown = ALIASES.get(current.url_path, current.url_path)
if shown in NO_MENU:  # the room's screen: the sidebar starts closed
    st.set_page_config(initial_sidebar_state="collapsed")
draw_menu(pages, shown, role_of_code(), t)
try:
    current.run()
except Exception as exc:  # a page bug must not show a traceback to the room
    log.exception("page failed")
    st.error(t("error.unexpected", kind=type(exc).__name__))

"""Streamlit entry: language switch and navigation between the pages of each role.

Pages carry no icons: emoji need a colour font that many room laptops lack, and Material
icons are fetched from the internet.

Run with `exercise serve` (or `make run`). Pages are plain functions in `exercise/ui/views/`
(not `pages/`, which Streamlit would also read as a legacy pages folder).
"""

from __future__ import annotations

import logging

import streamlit as st

from exercise.ui.context import language_switch, register_pages
from exercise.ui.views.authoring_edit import authoring_edit_page
from exercise.ui.views.authoring_import import authoring_import_page
from exercise.ui.views.debrief import debrief_page
from exercise.ui.views.desk import desk_page
from exercise.ui.views.evaluator import evaluator_page
from exercise.ui.views.facilitator import facilitator_page
from exercise.ui.views.hotwash import hotwash_page
from exercise.ui.views.instructor import instructor_page
from exercise.ui.views.join import join_page
from exercise.ui.views.library import library_page
from exercise.ui.views.projector import projector_page
from exercise.ui.views.sessions import sessions_page

log = logging.getLogger("exercise.ui")

t = language_switch()
st.set_page_config(page_title=t("app.title"), layout="wide")
pages = {
    t("nav.section.prepare"): [
        st.Page(
            library_page,
            title=t("nav.library"),
            url_path="library",
            default=True,
        ),
        st.Page(sessions_page, title=t("nav.sessions"), url_path="sessions"),
        st.Page(authoring_import_page, title=t("nav.import"), url_path="import"),
        st.Page(authoring_edit_page, title=t("nav.edit"), url_path="edit"),
    ],
    t("nav.section.run"): [
        st.Page(facilitator_page, title=t("nav.facilitator"), url_path="facilitator"),
        st.Page(projector_page, title=t("nav.projector"), url_path="projector"),
        st.Page(instructor_page, title=t("nav.instructor"), url_path="instructor"),
    ],
    t("nav.section.play"): [
        st.Page(join_page, title=t("nav.join"), url_path="join"),
        st.Page(desk_page, title=t("nav.desk"), url_path="desk"),
        st.Page(evaluator_page, title=t("nav.evaluate"), url_path="evaluate"),
        st.Page(hotwash_page, title=t("nav.hotwash"), url_path="hotwash"),
        st.Page(debrief_page, title=t("nav.debrief"), url_path="debrief"),
    ],
}
register_pages(pages)
try:
    st.navigation(pages).run()
except Exception as exc:  # a page bug must not show a traceback to the room
    log.exception("page failed")
    st.error(t("error.unexpected", kind=type(exc).__name__))

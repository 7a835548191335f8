"""Agency desk: one per table, opened with `/desk?k=TABLE_CODE` (the code in the URL keeps the
table's identity across reloads). The code is checked here, inside the page; a table sees and
acts only for the agencies it plays."""

from __future__ import annotations

import streamlit as st

from exercise.conduct.reading import session_state
from exercise.conduct.sessions import join
from exercise.ui.context import current_translator
from exercise.ui.gate import require_caller, run_command
from exercise.ui.language_follow import desk_boxes, follow_language
from exercise.ui.views.desk.clock import desk_clock
from exercise.ui.views.desk.common import (
    AGENCY_KEY,
    chosen_agency,
    party_name,
    session_title,
    table_title,
)
from exercise.ui.views.desk.contacts import contact_directory, profile
from exercise.ui.views.desk.feedback import feedback_form
from exercise.ui.views.desk.forms import action_form, message_form, request_form
from exercise.ui.views.desk.inbox import PHONE_ONE_SCROLL, desk_live
from exercise.ui.widgets import plain

URL_PATH = "desk"
JOINED_KEY = "desk.joined"


def desk_page() -> None:
    t = current_translator()
    store, token, caller = require_caller("agency")
    if st.session_state.get(JOINED_KEY) != caller.token_hash:
        if run_command(join, store, token) is not None:  # recorded once, however many reloads
            st.session_state[JOINED_KEY] = caller.token_hash
    state = session_state(store, caller.session_id)
    agencies = caller.agencies
    pack, lang = state.pack, t.lang
    st.session_state[AGENCY_KEY] = chosen_agency(agencies)
    if len(agencies) > 1:
        st.sidebar.selectbox(t("desk.agency.choose"), agencies, key=AGENCY_KEY,
                             format_func=lambda a: party_name(pack, a, lang))
    agency = st.session_state[AGENCY_KEY]
    st.title(plain(party_name(pack, agency, lang)), anchor=False)
    table = table_title(state, caller.label, caller.agencies, t)
    st.caption(plain(t("desk.caption", table=table, session=session_title(state, t))))
    if state.ended:
        st.info(t("desk.ended"))
    st.html(PHONE_ONE_SCROLL)
    follow_language(lang, desk_boxes)  # a live switch: the boxes show the new language
    desk_clock(store, caller.session_id)
    desk_live(store, caller.session_id)
    send, ask, log, contacts, about, feedback = st.tabs([
        t("desk.tab.send"), t("desk.tab.request"), t("desk.tab.action"),
        t("desk.tab.contacts"), t("desk.tab.profile"), t("desk.tab.feedback")], key="desk.tab")
    with send:
        message_form(store, token, state, t, agency)
    with ask:
        request_form(store, token, state, t, agency)
    with log:
        action_form(store, token, state, t, agency)
    with contacts:
        contact_directory(store, caller.session_id)
    with about:
        profile(state, t, agency)
    with feedback:
        feedback_form(store, token, state, t, role="Player", agency=agency)

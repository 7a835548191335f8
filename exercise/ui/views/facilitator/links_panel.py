"""Join links in the console: who has joined, a code for a late table or another evaluator,
and a projector link (an observer code) — each new code shown once, with its QR code."""

from __future__ import annotations

import streamlit as st

from exercise.conduct.ports import EventStore
from exercise.conduct.reading import session_state
from exercise.conduct.sessions import add_access, revoke_access
from exercise.i18n import Translator
from exercise.report.words import evaluator as evaluator_label
from exercise.scenario.models import Agency
from exercise.ui.context import current_translator
from exercise.ui.gate import code_in_url, run_command
from exercise.ui.views.facilitator.links import base_url, is_local_only, join_url, qr_png
from exercise.ui.widgets import plain

NEW_LINK_KEY = "facilitator.new_link"


def links_panel(store: EventStore, session_id: str) -> None:
    t = current_translator()
    state = session_state(store, session_id)
    st.subheader(t("links.title"), anchor=False)
    st.caption(t("links.once"))
    st.dataframe([{t("links.table"): table.label, t("links.agencies"): ", ".join(table.agencies),
                   t("links.joined"): "✓" if table.joined else "—"} for table in state.tables],
                 hide_index=True)
    address = st.text_input(t("sessions.address"), value=base_url(st.context.url),
                            help=t("sessions.address_help"), key="links.address")
    if is_local_only(address):
        st.info(t("sessions.address_local"))
    _new_code_form(store, session_id, state.pack.agencies, address, t)
    _revoke_form(store, session_id, t)
    shown = st.session_state.get(NEW_LINK_KEY)
    if isinstance(shown, tuple) and len(shown) == 3 and shown[0] == session_id:
        _, label, url = shown
        with st.container(border=True):
            st.markdown(f"**{plain(label)}**")
            st.image(qr_png(url), width=200, alt=t("a11y.qr_alt", url=url))
            st.code(url, language=None, wrap_lines=True)


def _new_code_form(store: EventStore, session_id: str, agencies: list[Agency], address: str,
                   t: Translator) -> None:
    names = {a.id: t.text(a.short_name or a.name) for a in agencies}
    roles = ("observer", "agency", "evaluator", "debrief")
    with st.form("links.new"):
        role = st.selectbox(t("links.role"), roles, format_func=lambda r: t(f"codes.role.{r}"))
        label = st.text_input(t("links.label"), max_chars=80, help=t("links.label_help"))
        chosen = st.multiselect(t("links.agencies"), list(names), format_func=names.__getitem__)
        submitted = st.form_submit_button(t("links.make"))
    if not submitted:
        return
    label = label.strip() or (t("links.projector") if role == "observer" else t(f"codes.role.{role}"))
    code = run_command(add_access, store, code_in_url() or "", role, label,
                       chosen if role == "agency" else ())
    if code is not None:
        url = join_url(address, role, code, t.lang)
        st.session_state[NEW_LINK_KEY] = (session_id, f"{t(f'codes.role.{role}')}: {label}", url)


def _grant_label(role: str, label: str, t: Translator) -> str:
    """A code by its role and label in the reader's language: the labels the session gave
    ("observer", "Evaluator 2") are the product's words, a facilitator's own label is theirs."""
    name = t(f"codes.role.{role}")
    if label == role:
        return name
    return f"{name}: {evaluator_label(t, label)}"


def _revoke_form(store: EventStore, session_id: str, t: Translator) -> None:
    """Revoke one code (a leaked one): refused everywhere from then on."""
    grants = [g for g in store.grants(session_id) if g.role != "facilitator" and not g.revoked]
    if not grants:
        return
    labels = {g.token_hash: _grant_label(g.role, g.label, t) for g in grants}
    with st.form("links.revoke"):
        chosen = st.selectbox(t("conduct.links.revoke_which"), list(labels),
                              format_func=labels.__getitem__, key="links.revoke.which")
        sure = st.checkbox(t("conduct.links.revoke_confirm"), key="links.revoke.sure")
        submitted = st.form_submit_button(t("conduct.links.revoke"))
    if not submitted:
        return
    if not sure:
        st.warning(t("conduct.links.revoke_unconfirmed"))
        return
    grant = run_command(revoke_access, store, code_in_url() or "", chosen)
    if grant is not None:
        st.success(plain(t("conduct.links.revoked", code=labels[chosen])))

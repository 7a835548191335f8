"""What a table sends out from its desk: a message through a chosen channel, a request for
resources, an action for the log. Each form turns one submission into one command."""

from __future__ import annotations

import streamlit as st

from exercise.conduct import play
from exercise.conduct.events import EventKind
from exercise.conduct.ports import EventStore
from exercise.conduct.state import ExerciseState
from exercise.ui.gate import run_command
from exercise.ui.i18n import Translator
from exercise.ui.views.desk_common import (
    channel_label,
    flash,
    minute_text,
    nonce,
    party_name,
    renew,
    show_flash,
)
from exercise.ui.views.desk_inbox import resource_label
from exercise.ui.widgets import plain


def contacts_first(state: ExerciseState, agency: str) -> list[str]:
    """Other agencies, those of the contact plan first."""
    world = state.world
    planned = [*world.planned_successors(agency), *world.planned_predecessors(agency)]
    ordered = list(dict.fromkeys(a for a in planned if a != agency))
    ordered += [a.id for a in state.pack.agencies if a.id != agency and a.id not in ordered]
    return ordered


def message_form(store: EventStore, token: str, state: ExerciseState, t: Translator,
                 agency: str) -> None:
    pack, lang = state.pack, t.lang
    receivers = contacts_first(state, agency)
    channels = pack.channels_usable_by(agency)
    if not receivers or not channels:
        st.info(t("desk.send.nobody"))
        return
    key = f"desk.send.{agency}"
    show_flash(f"{key}.flash")
    with st.form(key):
        receiver = st.selectbox(t("desk.send.to"), receivers, key=f"{key}.to",
                                format_func=lambda a: party_name(pack, a, lang))
        channel = st.selectbox(t("desk.send.channel"), channels, key=f"{key}.channel",
                               format_func=lambda c: channel_label(pack, c, lang))
        # keyed by the submission id: a message that went out leaves an empty box
        text = st.text_area(t("desk.send.text"), key=f"{key}.text.{nonce(key + '.nonce')}",
                            max_chars=4000)
        about = inject_choice(state, t, agency, f"{key}.inject")
        sent = st.form_submit_button(t("desk.send.submit"), type="primary")
    if not sent:
        return
    events = run_command(play.send_message, store, token, agency, receiver, channel, text,
                         inject_id=about, request_id=nonce(f"{key}.nonce"), lang=lang)
    if events is None:
        return
    renew(f"{key}.nonce")
    failed = [e for e in events if e.kind is EventKind.message_failed]
    if failed:
        flash("error", t("desk.send.failed", channel=channel_label(pack, channel, lang),
                         reason=failed[0].payload.get("reason", "")), f"{key}.flash")
    else:
        flash("success", t("desk.send.sent", receiver=party_name(pack, receiver, lang),
                           time=minute_text(events[0].payload.get("deliver_at"))), f"{key}.flash")
    st.rerun()


def inject_choice(state: ExerciseState, t: Translator, agency: str, key: str) -> str | None:
    """An optional inject of this agency's inbox to link an entry to."""
    items = sorted(state.inbox_of(agency), key=lambda i: i.scenario_minute, reverse=True)
    choices: list[str | None] = [None, *(i.inject_id for i in items)]

    def label(inject_id: str | None) -> str:
        if inject_id is None:
            return t("desk.inject.none")
        return f"{inject_id} · {t.text(state.inject(inject_id).title)}"

    return st.selectbox(t("desk.inject.about"), choices, key=key, format_func=label)


def request_form(store: EventStore, token: str, state: ExerciseState, t: Translator,
                 agency: str) -> None:
    pack, lang = state.pack, t.lang
    lines = [line for line in state.resource_lines() if line.agency != agency]
    if not lines:
        st.info(t("desk.request.none"))
        return
    key = f"desk.request.{agency}"

    def label(index: int) -> str:
        line = lines[index]
        return t("desk.request.line", holder=party_name(pack, line.agency, lang),
                 resource=resource_label(state, t, line.resource), free=line.free, held=line.held)

    with st.form(key):
        index = st.selectbox(t("desk.request.what"), range(len(lines)), key=f"{key}.line",
                             format_func=label)
        quantity = st.number_input(t("desk.request.quantity"), min_value=1,
                                   max_value=play.MAX_QUANTITY, value=1, step=1,
                                   key=f"{key}.quantity")
        note = st.text_input(t("desk.request.note"), key=f"{key}.note", max_chars=2000)
        about = inject_choice(state, t, agency, f"{key}.inject")
        asked = st.form_submit_button(t("desk.request.submit"))
    if not asked:
        return
    line = lines[int(index)]
    events = run_command(play.request_resource, store, token, agency, line.agency, line.resource,
                         int(quantity), note, inject_id=about, request_id=nonce(f"{key}.nonce"))
    if events is None:
        return
    renew(f"{key}.nonce")
    refusal = [e for e in events if e.kind is EventKind.resource_answered]
    if refusal:
        st.error(plain(t("desk.request.refused", reason=refusal[0].payload.get("reason", ""))))
    else:
        st.success(plain(t("desk.request.sent", holder=party_name(pack, line.agency, lang))))


def action_form(store: EventStore, token: str, state: ExerciseState, t: Translator,
                agency: str) -> None:
    key = f"desk.action.{agency}"
    show_flash(f"{key}.flash")
    with st.form(key):
        text = st.text_area(t("desk.action.text"), key=f"{key}.text.{nonce(key + '.nonce')}",
                            max_chars=4000)
        about = inject_choice(state, t, agency, f"{key}.inject")
        logged = st.form_submit_button(t("desk.action.submit"))
    if logged:
        event = run_command(play.log_action, store, token, agency, text, inject_id=about,
                            request_id=nonce(f"{key}.nonce"))
        if event is not None:
            renew(f"{key}.nonce")
            flash("success", t("desk.action.logged"), f"{key}.flash")
            st.rerun()
    mine = [a for a in state.actions if a.agency == agency]
    for entry in sorted(mine, key=lambda a: a.seq, reverse=True)[:20]:
        st.caption(plain(f"{minute_text(entry.scenario_minute)} · {entry.text}"))

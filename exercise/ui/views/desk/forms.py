"""What a table sends out from its desk: a message through a chosen channel, a request for
resources, an action for the log. Each form turns one submission into one command."""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd
import streamlit as st

from exercise.conduct import play
from exercise.conduct.events import EventKind
from exercise.conduct.holdings import holding_now, holdings_now
from exercise.conduct.ports import EventStore
from exercise.conduct.reading import session_state
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.ui.context import current_translator
from exercise.ui.gate import run_command
from exercise.ui.live import LIVE_SECONDS, LiveView, live_fragment
from exercise.ui.views.desk.common import (
    AGENCY_KEY,
    channel_label,
    flash,
    nonce,
    party_name,
    player_time,
    renew,
    show_flash,
)
from exercise.ui.views.desk.inbox import resource_label
from exercise.ui.widgets import plain


def contacts_first(state: ExerciseState, agency: str) -> list[str]:
    """Other agencies, those of the contact plan first."""
    world = state.world
    planned = [*world.planned_successors(agency), *world.planned_predecessors(agency)]
    ordered = list(dict.fromkeys(a for a in planned if a != agency))
    ordered += [a.id for a in state.pack.agencies if a.id != agency and a.id not in ordered]
    return ordered


def planned_channel(state: ExerciseState, sender: str, receiver: str,
                    channels: list[str]) -> str:
    """The channel the contact plan names first between the two (either way), else the first."""
    world = state.world
    for channel in [*world.planned_channels(sender, receiver),
                    *world.planned_channels(receiver, sender)]:
        if channel in channels:
            return channel
    return channels[0]


def message_form(store: EventStore, token: str, state: ExerciseState, t: Translator,
                 agency: str) -> None:
    pack, lang = state.pack, t.lang
    receivers = contacts_first(state, agency)
    channels = pack.channels_usable_by(agency)
    if not receivers or not channels:
        st.info(t("desk.send.nobody"))
        return
    key = f"desk.send.{agency}"
    show_flash(f"{key}.flash", keep=True)  # the outcome of the last one stays until the next
    resend_button(store, token, state, t, agency)
    # Outside the form: choosing a receiver sets the channel the contact plan names for it.
    receiver = st.selectbox(t("desk.send.to"), receivers, key=f"{key}.to",
                            format_func=lambda a: party_name(pack, a, lang),
                            on_change=_planned_for_receiver, args=(state, agency, channels, key))
    if st.session_state.get(f"{key}.channel") not in channels:
        st.session_state[f"{key}.channel"] = planned_channel(state, agency, receiver, channels)
    with st.form(key):
        channel = st.selectbox(t("desk.send.channel"), channels, key=f"{key}.channel",
                               format_func=lambda c: channel_label(pack, c, lang))
        # keyed by a box id renewed only when a message went out: a message that failed keeps
        # the text the player typed
        text = st.text_area(t("desk.send.text"), key=f"{key}.text.{nonce(key + '.box')}",
                            max_chars=4000)
        about = inject_choice(state, t, agency, f"{key}.inject")
        sent = st.form_submit_button(t("desk.send.submit"), type="primary")
    if not sent:
        return
    if send_and_report(store, token, state, t, agency, receiver, channel, text, about):
        st.rerun()


def _planned_for_receiver(state: ExerciseState, agency: str, channels: list[str],
                          key: str) -> None:
    receiver = st.session_state.get(f"{key}.to")
    if receiver:
        st.session_state[f"{key}.channel"] = planned_channel(state, agency, receiver, channels)


def send_and_report(store: EventStore, token: str, state: ExerciseState, t: Translator,
                    agency: str, receiver: str, channel: str, text: str,
                    about: str | None) -> bool:
    """Send one message; keep its outcome to show. A failure keeps the text and offers the
    first channel that still works. True when something was recorded."""
    pack, lang = state.pack, t.lang
    key = f"desk.send.{agency}"
    events = run_command(play.send_message, store, token, agency, receiver, channel, text,
                         inject_id=about, request_id=nonce(f"{key}.nonce"), lang=lang)
    if events is None:
        return False
    renew(f"{key}.nonce")
    failed = [e for e in events if e.kind is EventKind.message_failed]
    if failed:
        flash("error", t("desk.send.failed", channel=channel_label(pack, channel, lang),
                         reason=failed[0].payload.get("reason", "")), f"{key}.flash")
        suggestions = [c for c in failed[0].payload.get("suggestions", ())
                       if c in pack.channels_usable_by(agency)]
        st.session_state[f"{key}.resend"] = (
            (receiver, suggestions[0], text, about) if suggestions else None)
    else:
        renew(f"{key}.box")  # went out: the next message starts in an empty box
        st.session_state.pop(f"{key}.resend", None)
        flash("success", t("desk.send.sent", receiver=party_name(pack, receiver, lang),
                           time=player_time(events[0].payload.get("deliver_at"), state, t)), f"{key}.flash")
    return True


def resend_button(store: EventStore, token: str, state: ExerciseState, t: Translator,
                  agency: str) -> None:
    """After a failure: the same text to the same receiver by the channel that still works, in
    one click."""
    key = f"desk.send.{agency}"
    kept = st.session_state.get(f"{key}.resend")
    if not (isinstance(kept, tuple) and len(kept) == 4):
        return
    receiver, channel, text, about = kept
    label = t("room.resend", channel=channel_label(state.pack, channel, t.lang),
              receiver=party_name(state.pack, receiver, t.lang))
    if st.button(plain(label), key=f"{key}.resend.go", type="primary"):
        st.session_state.pop(f"{key}.resend", None)
        if send_and_report(store, token, state, t, agency, receiver, channel, text, about):
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
    lines = [line for line in holdings_now(state) if line.agency != agency]
    if not lines:
        st.info(t("desk.request.none"))
        return
    key = f"desk.request.{agency}"
    show_flash(f"{key}.flash", keep=True)  # the outcome of the last one stays until the next
    free_now(store, state.session_id)  # counts that refresh on their own, never stale

    def label(index: int) -> str:  # no counts here: a form keeps its labels until submitted
        line = lines[index]
        return t("room.request.line", holder=party_name(pack, line.agency, lang),
                 resource=resource_label(state, t, line.resource))

    box = nonce(f"{key}.box")  # renewed when a request went out: the form starts afresh
    with st.form(key):
        index = st.selectbox(t("desk.request.what"), range(len(lines)), key=f"{key}.line",
                             format_func=label)
        quantity = st.number_input(t("desk.request.quantity"), min_value=1,
                                   max_value=play.MAX_QUANTITY, value=1, step=1,
                                   key=f"{key}.quantity.{box}")
        note = st.text_input(t("desk.request.note"), key=f"{key}.note.{box}", max_chars=2000)
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
    if refusal:  # the values stay for the player to lower the quantity
        st.error(plain(t("desk.request.refused", reason=over_capacity_words(
            store, state, t, line.agency, line.resource, int(quantity)))))
        return
    renew(f"{key}.box")
    flash("success", t("desk.request.sent", holder=party_name(pack, line.agency, lang)),
          f"{key}.flash")
    st.rerun()


def over_capacity_words(store: EventStore, state: ExerciseState, t: Translator, holder: str,
                        resource: str, asked: int) -> str:
    """Why a request was refused at once, with names from the pack and current counts."""
    line = holding_now(session_state(store, state.session_id), holder, resource)
    names = {"holder": party_name(state.pack, holder, t.lang),
             "resource": resource_label(state, t, resource)}
    if line.held == 0:
        return t("room.request.none_held", **names)
    return t("room.request.over", **names, held=line.held, committed=line.committed,
             free=line.free, asked=asked)


def free_shows(view: LiveView) -> Hashable:
    return tuple(holdings_now(view.state))  # changes with a commit and the handover it makes


@live_fragment(run_every=LIVE_SECONDS, depends=free_shows)
def free_now(view: LiveView) -> None:
    """What each other agency holds and has free now: drawn again only when a commitment
    changed (a redraw built a table on every desk for every new event)."""
    t = current_translator()
    state, lang = view.state, t.lang
    agency = st.session_state.get(AGENCY_KEY)
    lines = [line for line in holdings_now(state) if line.agency != agency]
    # a plain table: its text is on the page for screen readers and browser tests alike
    st.table(pd.DataFrame([{t("room.request.col.holder"): party_name(state.pack, line.agency, lang),
                            t("room.request.col.resource"): resource_label(state, t, line.resource),
                            t("room.request.col.free"): line.free,
                            t("room.request.col.held"): line.held} for line in lines]),
             hide_index=True)


def action_form(store: EventStore, token: str, state: ExerciseState, t: Translator,
                agency: str) -> None:
    key = f"desk.action.{agency}"
    show_flash(f"{key}.flash", keep=True)  # the outcome of the last one stays until the next
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
        st.caption(plain(f"{player_time(entry.scenario_minute, state, t)} · {entry.text}"))

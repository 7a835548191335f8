"""The live parts of an agency desk: the clock; the inbox of injects (newest first, unread
marked) with acknowledge and decisions; messages with their delivery status; and resource
requests to answer. Each is drawn again on its own, only when what it shows changed (the clock
each scenario minute; the inbox when an inject reached or was acknowledged by this agency; the
messages and requests when one of this agency's changed); the rest of the page stays."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from exercise.conduct import play
from exercise.conduct.ports import EventStore
from exercise.conduct.records import InboxItem, Message, ResourceRequest
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.ui.context import current_translator
from exercise.ui.gate import code_in_url, stop_if_code_refused
from exercise.ui.live import DESK_SECONDS, LiveView, live_fragment
from exercise.ui.views.desk.common import (
    AGENCY_KEY,
    act,
    channel_label,
    party_name,
    player_time,
    show_flash,
)
from exercise.ui.views.desk.reasons import failure_reason
from exercise.ui.widgets import plain

INBOX_FLASH = "desk.inbox.flash"
REQUESTS_FLASH = "desk.requests.flash"
INBOX_HEIGHT = 560


def clock_shows(view: LiveView) -> Hashable:
    state = view.state
    return int(view.minute), state.clock, state.ended, state.player_clock


@live_fragment(run_every=DESK_SECONDS, depends=clock_shows)
def desk_clock(view: LiveView) -> None:
    """The scenario time and whether the clock runs: drawn again each scenario minute (a small
    part of its own, so the inbox is not rebuilt every minute on every desk)."""
    stop_if_code_refused(view.store, view.session_id)  # a revoked code is shown nothing new
    clock_line(view, current_translator())


def desk_agency() -> str:
    return str(st.session_state.get(AGENCY_KEY, ""))


def _desk_of(view: LiveView) -> str:
    return str(view.viewer or "")


def inbox_shows(view: LiveView) -> Hashable:
    """What the inbox part shows of the session: this agency's injects, and the count of
    requests it has to answer (an event between two other agencies, or a message, leaves it as
    it is)."""
    agency = _desk_of(view)
    state = view.state
    return (agency, tuple(state.inbox.get(agency, {}).values()),
            sum(1 for q in state.requests.values() if q.holder == agency and q.status == "open"),
            state.player_clock, state.ended)


def messages_shows(view: LiveView) -> Hashable:
    """What the messages part shows: this agency's messages, and the channels that work (a
    failed message says why)."""
    agency = _desk_of(view)
    state = view.state
    return (agency, tuple(m for m in state.messages.values() if agency in (m.sender, m.receiver)),
            state.world.version, state.player_clock, state.ended)


def requests_shows(view: LiveView) -> Hashable:
    """What the requests part shows: this agency's requests, and what it holds free of what it
    is asked for (asked for every desk on every event: not every agency's holdings)."""
    agency = _desk_of(view)
    state = view.state
    mine = tuple(q for q in state.requests.values() if agency in (q.holder, q.requester))
    free = tuple(state.resource_line(agency, q.resource) for q in mine
                 if q.holder == agency and q.status == "open")
    return agency, mine, free, state.player_clock, state.ended


@live_fragment(run_every=DESK_SECONDS, depends=inbox_shows, viewer=desk_agency)
def desk_inbox(view: LiveView) -> None:
    """The injects, and how many wait for this desk: drawn again when an inject reaches this
    agency or is acknowledged (an inject redraws this part only, not the messages or
    requests)."""
    stop_if_code_refused(view.store, view.session_id)  # a revoked code is shown nothing new
    t = current_translator()
    agency = desk_agency()
    state = view.state
    show_flash(INBOX_FLASH)
    unread = sum(1 for i in state.inbox_of(agency) if not i.acknowledged)
    to_answer = sum(1 for q in state.open_requests() if q.holder == agency)
    st.caption(plain(t("desk.waiting", unread=unread, open=to_answer)))
    inbox_panel(view, t, code_in_url() or "", agency)


@live_fragment(run_every=DESK_SECONDS, depends=messages_shows, viewer=desk_agency)
def desk_messages(view: LiveView) -> None:
    stop_if_code_refused(view.store, view.session_id)
    messages_panel(view.state, current_translator(), desk_agency())


@live_fragment(run_every=DESK_SECONDS, depends=requests_shows, viewer=desk_agency)
def desk_requests(view: LiveView) -> None:
    stop_if_code_refused(view.store, view.session_id)
    show_flash(REQUESTS_FLASH)
    requests_panel(view.state, current_translator(), code_in_url() or "", desk_agency())


def desk_live(store: EventStore, session_id: str) -> None:
    """The desk's live tabs: injects, messages and requests, each a part of its own. The tab
    labels stay the same (a label that changed with a count would reset the open tab on a
    poll); what waits is counted in the line above the injects."""
    t = current_translator()
    inbox, messages, requests = st.tabs([t("desk.tab.inbox"), t("desk.messages"),
                                         t("desk.tab.requests")], key="desk.live.tab")
    with inbox:
        desk_inbox(store, session_id)
    with messages:
        desk_messages(store, session_id)
    with requests:
        desk_requests(store, session_id)


def clock_line(view: LiveView, t: Translator) -> None:
    state = view.state
    if state.ended:
        words = t("desk.clock.ended")
    elif not state.clock.started:
        words = t("desk.clock.not_started")
    elif not state.clock.running:
        words = t("desk.clock.paused")
    else:
        words = t("desk.clock.running")
    st.markdown(f"**{player_time(view.minute, view.state, t)}** · {plain(words)}")


# On a phone the inbox is part of the page (one scroll, not a scroll box inside a scrolling
# page); on a wider screen it keeps its own height so the forms below stay in reach. Fixed CSS,
# no user text; drawn by the page (a style drawn inside a live part does not reach the page).
PHONE_ONE_SCROLL = """<style>
@media (max-width: 640px) {
  .st-key-desk-inbox { height: auto !important; max-height: none !important;
                       overflow: visible !important; }
}
</style>"""


def shown_key(agency: str) -> str:
    return f"desk.inbox.shown.{agency}"


def inbox_panel(view: LiveView, t: Translator, token: str, agency: str) -> None:
    """The injects this reader has been shown, newest first. An inject that arrives while they
    read is announced (a toast, and a button on a line that is always there) and joins the list
    only when they ask: what is being read never moves under them."""
    items = {i.inject_id: i for i in sorted(view.state.inbox_of(agency),
                                            key=lambda i: (i.scenario_minute, i.inject_id),
                                            reverse=True)}
    if not items:
        st.info(t("desk.inbox.empty"))
        return
    shown = [i for i in st.session_state.get(shown_key(agency), []) if i in items]
    new = [i for i in items if i not in shown]
    if not shown:  # nothing is being read: show everything
        shown, new = list(items), []
    st.session_state[shown_key(agency)] = shown
    announce(view.state, t, agency, new, again=view.lost)
    with st.container(height=INBOX_HEIGHT, border=False, key="desk-inbox"):
        for inject_id in shown:
            inject_card(view.state, t, token, items[inject_id], view.store)


def announce(state: ExerciseState, t: Translator, agency: str, new: list[str],
             again: bool = False) -> None:
    """A toast for each new inject (once; `again` when the last drawing never reached the
    browser), and a line that is always drawn, so the list below keeps its place: the count of
    new injects and the button that shows them."""
    told_key = f"desk.inbox.told.{agency}"
    told = set() if again else set(st.session_state.get(told_key, ()))
    for inject_id in new:
        if inject_id not in told:
            st.toast(plain(t("room2.inbox.arrived", title=t.text(state.inject(inject_id).title))))
    st.session_state[told_key] = told | set(new)
    # one row (a horizontal container: a third of the cost of columns, measured)
    line = st.container(horizontal=True, vertical_alignment="center")
    line.caption(plain(t("room2.inbox.new", count=len(new)) if new else t("room2.inbox.no_new")))
    line.button(t("room2.inbox.show_new", count=len(new)), key=f"desk.inbox.reveal.{agency}",
                  disabled=not new, type="primary" if new else "secondary",
                  on_click=_reveal, args=(agency, new))


def _reveal(agency: str, new: list[str]) -> None:
    """Put the new injects on top of the list, as the reader asked."""
    shown = list(st.session_state.get(shown_key(agency), []))
    st.session_state[shown_key(agency)] = [*new, *(i for i in shown if i not in new)]


def inject_card(state: ExerciseState, t: Translator, token: str, item: InboxItem,
                store: EventStore) -> None:
    """One inject of the inbox; `store` is the page's (the view's)."""
    pack, lang = state.pack, t.lang
    inject = state.inject(item.inject_id)
    mark = t("desk.inbox.unread") + " · " if not item.acknowledged else ""
    with st.container(border=True):
        st.markdown(f"**{plain(mark + t.text(inject.title))}**")
        details = [player_time(item.scenario_minute, state, t), item.inject_id,
                   t("desk.inbox.from", sender=party_name(pack, inject.from_, lang))]
        if inject.channel:
            details.append(t("desk.inbox.via", channel=channel_label(pack, inject.channel, lang)))
        st.caption(plain(" · ".join(details)))
        st.markdown(plain(t.text(inject.message)))
        key = f"{item.agency}.{item.inject_id}"
        if item.acknowledged:
            st.caption(plain(t("desk.inbox.acknowledged", time=player_time(item.acknowledged_minute, state, t))))
        else:
            st.button(t("desk.inbox.acknowledge"), key=f"desk.ack.{key}", type="primary",
                      on_click=act, args=(play.acknowledge, store, token, item.agency,
                                          item.inject_id),
                      kwargs={"scope": INBOX_FLASH})
        if inject.options:
            decision_part(state, t, token, item, key)


def decision_part(state: ExerciseState, t: Translator, token: str, item: InboxItem,
                  key: str) -> None:
    inject = state.inject(item.inject_id)
    labels = {o.id: t.text(o.label) for o in inject.options}
    if item.decision is not None:
        chosen = labels.get(item.decision, item.decision)
        st.success(plain(t("desk.decision.made", option=chosen,
                           time=player_time(item.decision_minute, state, t))))
        if item.rationale:
            st.caption(plain(t("desk.decision.rationale_was", rationale=item.rationale)))
        return
    option = st.radio(t("desk.decision.choose"), list(labels), format_func=lambda o: plain(labels[o]),
                      key=f"desk.option.{key}", index=None)
    rationale = st.text_input(t("desk.decision.rationale"), key=f"desk.rationale.{key}",
                              max_chars=2000)
    st.button(t("desk.decision.submit"), key=f"desk.decide.{key}", disabled=option is None,
              on_click=_decide, args=(token, item.agency, item.inject_id, key,
                                      t("desk.decision.recorded")))
    del rationale  # read back from the session when the button is pressed


def _decide(token: str, agency: str, inject_id: str, key: str, done: str) -> None:
    """Read the choice when the button is pressed (arguments bound at render time may lag)."""
    option = st.session_state.get(f"desk.option.{key}") or ""
    rationale = st.session_state.get(f"desk.rationale.{key}") or ""
    act(play.decide, state_store(), token, agency, inject_id, option, rationale,
        scope=INBOX_FLASH, done=done)


def messages_panel(state: ExerciseState, t: Translator, agency: str) -> None:
    mine = sorted(state.messages_of(agency), key=lambda m: m.seq, reverse=True)
    received = [m for m in mine if m.receiver == agency and m.status == "delivered"]
    sent = [m for m in mine if m.sender == agency]
    st.markdown(f"**{plain(t('desk.messages.received'))}**")
    if not received:
        st.caption(t("desk.messages.none"))
    for message in received:
        message_card(state, t, message, incoming=True)
    st.markdown(f"**{plain(t('desk.messages.sent'))}**")
    if not sent:
        st.caption(t("desk.messages.none"))
    for message in sent:
        message_card(state, t, message, incoming=False)


def message_card(state: ExerciseState, t: Translator, message: Message, incoming: bool) -> None:
    pack, lang = state.pack, t.lang
    channel = channel_label(pack, message.channel, lang)
    with st.container(border=True):
        if incoming:
            head = t("desk.messages.from", sender=party_name(pack, message.sender, lang),
                     channel=channel, time=player_time(message.delivered_minute, state, t))
        else:
            head = t("desk.messages.to", receiver=party_name(pack, message.receiver, lang),
                     channel=channel, time=player_time(message.scenario_minute, state, t))
        st.caption(plain(head))
        st.markdown(plain(message.text))
        if incoming:
            return
        if message.status == "delivered":
            st.caption(plain("✓ " + t("desk.messages.delivered",
                                     time=player_time(message.delivered_minute, state, t))))
        elif message.status == "pending":
            st.caption(plain("… " + t("desk.messages.pending",
                                     time=player_time(message.deliver_at, state, t))))
        else:
            st.error(plain(t("desk.messages.failed", reason=failure_reason(state, message, t.lang))))


def requests_panel(state: ExerciseState, t: Translator, token: str, agency: str) -> None:
    def answer(request: ResourceRequest) -> None:
        if request.note:
            st.caption(plain(request.note))
        if request.status == "open":
            answer_form(state, t, token, request)
        else:
            st.caption(plain(answer_words(state, t, request)))

    _request_list(state, t, "desk.requests.to_me", agency, "holder", answer)
    _request_list(state, t, "desk.requests.from_me", agency, "requester",
                  lambda request: st.caption(plain(answer_words(state, t, request))))


def _request_list(state: ExerciseState, t: Translator, title: str, agency: str, side: str,
                  details: Callable[[ResourceRequest], object]) -> None:
    """The requests where `agency` is the `side` (holder or requester), newest first."""
    mine = [q for q in state.requests.values() if getattr(q, side) == agency]
    st.markdown(f"**{plain(t(title))}**")
    if not mine:
        st.caption(t("desk.requests.none"))
    for request in sorted(mine, key=lambda q: q.scenario_minute, reverse=True):
        with st.container(border=True):
            st.markdown(plain(request_words(state, t, request)))
            details(request)


def resource_label(state: ExerciseState, t: Translator, resource: str) -> str:
    for item in state.pack.resource_types:
        if item.id == resource:
            return t.text(item.name)
    return resource


def request_words(state: ExerciseState, t: Translator, request: ResourceRequest) -> str:
    pack, lang = state.pack, t.lang
    return t("desk.requests.line", time=player_time(request.scenario_minute, state, t),
             requester=party_name(pack, request.requester, lang),
             holder=party_name(pack, request.holder, lang), quantity=request.quantity,
             resource=resource_label(state, t, request.resource))


def answer_words(state: ExerciseState, t: Translator, request: ResourceRequest) -> str:
    if request.status == "open":
        return t("desk.requests.status.open")
    words = t(f"desk.requests.status.{request.status}", quantity=request.committed,
              time=player_time(request.answered_minute, state, t))
    return words + (f" — {request.reason}" if request.reason else "")


def answer_form(state: ExerciseState, t: Translator, token: str, request: ResourceRequest) -> None:
    line = state.resource_line(request.holder, request.resource)
    st.caption(plain(t("desk.requests.free", free=line.free, held=line.held)))
    key = f"desk.answer.{request.request_id}"
    with st.form(key, border=False):
        st.number_input(t("desk.requests.commit"), min_value=0, max_value=int(request.quantity),
                        value=int(min(request.quantity, max(line.free, 0))), step=1,
                        key=f"{key}.quantity")
        st.text_input(t("desk.requests.reason"), key=f"{key}.reason", max_chars=2000)
        st.caption(t("desk.requests.answer_help"))
        st.form_submit_button(t("desk.requests.answer"), on_click=_answer,
                              args=(token, request.request_id, key))


def _answer(token: str, request_id: str, key: str) -> None:
    quantity = st.session_state.get(f"{key}.quantity")
    act(play.answer_request, state_store(), token, request_id,
        int(quantity) if quantity is not None else 0, st.session_state.get(f"{key}.reason") or "",
        scope=REQUESTS_FLASH)


def state_store() -> object:
    from exercise.ui.gate import event_store

    return event_store()

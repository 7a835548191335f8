"""The live parts of an agency desk (its clock is in `clock`): the inbox of injects (newest
first, unread marked) with acknowledge and decisions; messages with their delivery status; and
resource requests to answer. Each is drawn again on its own, only when what it shows changed
(the inbox when an inject reached or was acknowledged by this agency; the messages and requests
when one of this agency's changed); the rest of the page stays.

The inbox is two parts: its announcement (what waits, and the injects that arrived since the
reader's list was drawn) and the list being read. A new inject redraws the announcement only:
the list changes when the reader asks for the new injects, or when one of its injects is
acknowledged or decided, so its cards are not rebuilt on every desk for every inject."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

import streamlit as st

from exercise.conduct import play
from exercise.conduct.ports import EventStore
from exercise.conduct.records import InboxItem, Message, ResourceRequest
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.ui.context import current_translator
from exercise.ui.gate import code_in_url, stop_if_code_refused
from exercise.ui.live import DESK_SECONDS, LiveView, live_fragment, redraw_after_this_run
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
# Set by a click that changes what the other inbox part shows (the list's "Show new"; an
# acknowledgement or a decision, and its outcome, for the announcement): that part is drawn
# again right after the click's run (a click reruns only the part it is in).
REVEALED_KEY = "desk.inbox.revealed"
ACTED_KEY = "desk.inbox.acted"


def desk_agency() -> str:
    return str(st.session_state.get(AGENCY_KEY, ""))


def _desk_of(view: LiveView) -> str:
    return str(view.viewer or "")


def inbox_shows(view: LiveView) -> Hashable:
    """What the inbox's announcement shows of the session: this agency's injects, and the count
    of requests it has to answer (an event between two other agencies, or a message, leaves it
    as it is)."""
    agency = _desk_of(view)
    state = view.state
    return (agency, tuple(state.inbox.get(agency, {}).values()),
            sum(1 for q in state.requests.values() if q.holder == agency and q.status == "open"),
            state.player_clock, state.ended)


def list_viewer() -> Hashable:
    """Who the inject list is drawn for: the desk's agency and the injects its reader chose to
    be shown (as the announcement last wrote them)."""
    agency = desk_agency()
    return agency, tuple(st.session_state.get(shown_key(agency), ()))


def inject_list_shows(view: LiveView) -> Hashable:
    """What the inject list shows: the injects its reader is shown, as they stand now (an
    acknowledgement or a decision changes a card), and the clock's words on them. An inject
    that arrives while a list is shown leaves it as it is: it is announced above it."""
    agency, chosen = view.viewer if isinstance(view.viewer, tuple) else ("", ())
    state = view.state
    items, shown, _new = shown_and_new(state, str(agency), chosen)
    return agency, tuple(items[i] for i in shown), state.player_clock, state.ended


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


@live_fragment(run_every=DESK_SECONDS, depends=inbox_shows, viewer=desk_agency,
               timeless=True)
def desk_inbox(view: LiveView) -> None:
    """How many injects and requests wait for this desk, and the injects that arrived since its
    list was drawn: drawn again when an inject reaches this agency or is acknowledged (an inject
    redraws this part only, not the list being read, the messages or the requests)."""
    stop_if_code_refused(view.store, view.session_id)  # a revoked code is shown nothing new
    t = current_translator()
    agency = desk_agency()
    state = view.state
    show_flash(INBOX_FLASH)
    unread = sum(1 for i in state.inbox_of(agency) if not i.acknowledged)
    to_answer = sum(1 for q in state.open_requests() if q.holder == agency)
    st.caption(plain(t("desk.waiting", unread=unread, open=to_answer)))
    inbox_panel(view, t, agency)
    if st.session_state.pop(REVEALED_KEY, False):  # the list shows what the reader asked for
        redraw_after_this_run(desk_inject_list, view.session_id)


@live_fragment(run_every=DESK_SECONDS, depends=inject_list_shows, viewer=list_viewer,
               timeless=True)
def desk_inject_list(view: LiveView) -> None:
    """The injects being read, newest first: drawn again when the reader asks for the new ones,
    or when one of them is acknowledged or decided."""
    stop_if_code_refused(view.store, view.session_id)
    agency = desk_agency()
    inject_list(view, current_translator(), code_in_url() or "", agency)
    if st.session_state.pop(ACTED_KEY, False):  # the counts above, and the click's outcome
        redraw_after_this_run(desk_inbox, view.session_id)


@live_fragment(run_every=DESK_SECONDS, depends=messages_shows, viewer=desk_agency,
               timeless=True)
def desk_messages(view: LiveView) -> None:
    stop_if_code_refused(view.store, view.session_id)
    messages_panel(view.state, current_translator(), desk_agency())


@live_fragment(run_every=DESK_SECONDS, depends=requests_shows, viewer=desk_agency,
               timeless=True)
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
        desk_inbox(store, session_id)  # first: the list reads what it writes
        desk_inject_list(store, session_id)
    with messages:
        desk_messages(store, session_id)
    with requests:
        desk_requests(store, session_id)


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


def shown_and_new(state: ExerciseState, agency: str, chosen: Iterable[str],
                  ) -> tuple[dict[str, InboxItem], list[str], list[str]]:
    """The agency's injects by id, newest first; of those, the ones its reader is shown (the
    `chosen` ones still in the inbox, in their order; every one when none is: nothing is being
    read) and the new ones (the rest, newest first)."""
    items = {i.inject_id: i for i in sorted(state.inbox_of(agency),
                                            key=lambda i: (i.scenario_minute, i.inject_id),
                                            reverse=True)}
    shown = [i for i in chosen if i in items]
    if not shown:  # nothing is being read: show everything
        return items, list(items), []
    showing = set(shown)
    return items, shown, [i for i in items if i not in showing]


def inbox_panel(view: LiveView, t: Translator, agency: str) -> None:
    """The announcement above the list being read. An inject that arrives while they read is
    announced (a toast, and a button on a line that is always there) and joins the list only
    when they ask: what is being read never moves under them. Writes what the list shows."""
    items, shown, new = shown_and_new(view.state, agency,
                                      st.session_state.get(shown_key(agency), ()))
    if not items:
        st.info(t("desk.inbox.empty"))
        return
    st.session_state[shown_key(agency)] = shown
    announce(view.state, t, agency, new, again=view.lost)


def inject_list(view: LiveView, t: Translator, token: str, agency: str) -> None:
    """The injects this reader has been shown, newest first."""
    items, shown, _new = shown_and_new(view.state, agency,
                                       st.session_state.get(shown_key(agency), ()))
    if not items:
        return
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
    st.session_state[REVEALED_KEY] = True


def _act_on_inject(command: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """A card's button: `act`, and the announcement above is drawn again after this run."""
    st.session_state[ACTED_KEY] = True
    act(command, *args, **kwargs)


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
                      on_click=_act_on_inject, args=(play.acknowledge, store, token,
                                                     item.agency, item.inject_id),
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
    _act_on_inject(play.decide, state_store(), token, agency, inject_id, option, rationale,
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

"""The live parts of the console that watch the tables: alerts, the feed of what they do, the
contact graph coloured by world state, and the resource board."""

from __future__ import annotations

import streamlit as st

from exercise.i18n import Translator
from exercise.network.graph import agency_label
from exercise.ui.clock_words import time_text
from exercise.ui.context import current_translator
from exercise.ui.graph_focus import world_focus
from exercise.ui.graph_view import graph_chart
from exercise.ui.live import LiveView, contact_picture, live_fragment
from exercise.ui.views.desk.common import table_title
from exercise.ui.views.desk.inbox import resource_label
from exercise.ui.views.desk.reasons import failure_reason
from exercise.ui.views.facilitator.model import (
    DEFAULT_SILENT_AFTER,
    DEFAULT_UNACKNOWLEDGED_AFTER,
    FeedEntry,
    feed,
    resource_rows,
    silent_tables,
    to_voice,
    unacknowledged,
)
from exercise.ui.views.room_words import activity_detail, activity_other
from exercise.ui.widgets import plain

UNACK_KEY = "facilitator.unack_after"
SILENT_KEY = "facilitator.silent_after"
LISTED = 6


def _name(view: LiveView, agency: str, lang: str) -> str:
    try:
        return agency_label(view.state.pack, agency, lang)
    except KeyError:
        return agency


@live_fragment()
def alerts(view: LiveView) -> None:
    t = current_translator()
    state = view.state
    if not state.clock.started or state.ended:
        return
    unack_after = float(st.session_state.get(UNACK_KEY, DEFAULT_UNACKNOWLEDGED_AFTER))
    silent_after = float(st.session_state.get(SILENT_KEY, DEFAULT_SILENT_AFTER))
    late = unacknowledged(state, view.minute, unack_after)
    quiet = silent_tables(state, view.minute, silent_after)
    if late:
        lines = [t("alerts.unack_line", inject=u.inject_id, agency=_name(view, u.agency, t.lang),
                   minutes=int(u.waited)) for u in late[:LISTED]]
        more = [t("alerts.more", count=len(late) - LISTED)] if len(late) > LISTED else []
        st.warning(plain(t("alerts.unack", count=len(late), minutes=int(unack_after))) + "  \n"
                   + "  \n".join(plain(line) for line in lines + more))
    if quiet:
        names = ", ".join(table_title(state, s.table, s.agencies, t) for s in quiet[:LISTED * 2])
        st.warning(plain(t("alerts.silent", count=len(quiet), minutes=int(silent_after),
                           tables=names)))
    voice = to_voice(state)
    if voice:
        lines = [t("room2.voice.line", time=time_text(v.released_minute, state.pack, t), inject=v.inject_id,
                   title=t.text(state.inject(v.inject_id).title),
                   agencies=", ".join(_name(view, a, t.lang) for a in v.agencies))
                 for v in voice[:LISTED]]
        more = [t("alerts.more", count=len(voice) - LISTED)] if len(voice) > LISTED else []
        st.info(plain(t("room2.voice.title", count=len(voice))) + "  \n"
                + "  \n".join(plain(line) for line in lines + more))


def alert_settings(t: Translator) -> None:
    """Thresholds of the alerts, kept for this browser session (not widget keys: the panel
    that shows them is not always on screen)."""
    st.markdown(f"**{plain(t('alerts.settings'))}**")
    a, b = st.columns(2)
    st.session_state[UNACK_KEY] = int(a.number_input(
        t("alerts.unack_after"), 1, 600, int(st.session_state.get(UNACK_KEY, DEFAULT_UNACKNOWLEDGED_AFTER))))
    st.session_state[SILENT_KEY] = int(b.number_input(
        t("alerts.silent_after"), 1, 600, int(st.session_state.get(SILENT_KEY, DEFAULT_SILENT_AFTER))))


def feed_line(entry: FeedEntry, view: LiveView, t: Translator) -> str:
    """One line of the feed in words; player text is escaped, never read as Markdown."""
    who = _name(view, entry.agency, t.lang)
    other = _name(view, entry.other, t.lang) if entry.kind in (
        "sent", "delivered", "failed", "requested", "answered") else entry.other
    other = activity_other(entry, view.state, t, other)  # names, never ids or status codes
    message = view.state.messages.get(entry.ref) if entry.kind == "failed" else None
    detail = (failure_reason(view.state, message, t.lang) if message is not None
              else activity_detail(entry, view.state, t))
    text = t(f"feed.{entry.kind}", who=who, other=other, detail=detail)
    return f"`{time_text(entry.minute, view.state.pack, t)}` " + plain(text)


@live_fragment()
def feed_panel(view: LiveView) -> None:
    t = current_translator()
    entries = feed(view.state)
    st.subheader(t("feed.title"), anchor=False)
    if not entries:
        st.caption(t("feed.empty"))
        return
    st.markdown("  \n".join(feed_line(e, view, t) for e in entries))


@live_fragment()
def graph_panel(view: LiveView) -> None:
    t = current_translator()
    picture = contact_picture(view, t.lang)
    if picture.unreachable:
        st.error(plain(t("graph.unreachable", hub=picture.hub_label,
                         names=", ".join(picture.unreachable),
                         minute=time_text(picture.change_minute or 0, view.state.pack, t))))
    if picture.restored:
        st.success(plain(t("graph.restored", hub=picture.hub_label,
                           names=", ".join(picture.restored))))
    if picture.cut_links:
        st.caption(t("graph.cut_links", count=picture.cut_links))
    graph_chart(picture.dot, "console")
    world_focus(view.state.world, view.minute, t.lang)
    world = view.state.world.in_language(t.lang)  # the reasons in the reader's language
    problems = list(dict.fromkeys(h.summary() for _, _, h in world.not_up(int(view.minute))))
    if problems:
        st.markdown(f"**{plain(t('graph.world'))}**")
        st.markdown("\n".join(f"- {plain(text)}" for text in problems[:20]))


@live_fragment()
def resources_panel(view: LiveView) -> None:
    t = current_translator()
    state = view.state
    rows = resource_rows(state)
    st.subheader(t("resources.title"), anchor=False)
    if rows:
        st.dataframe([{t("resources.agency"): _name(view, r.agency, t.lang),
                       t("resources.type"): resource_label(state, t, r.resource),
                       t("resources.held"): r.held, t("holdings.received"): r.received,
                       t("resources.committed"): r.committed, t("resources.free"): r.free}
                      for r in rows], hide_index=True)
    else:
        st.caption(t("resources.none"))
    requests = state.open_requests()
    st.markdown(f"**{plain(t('resources.open_requests', count=len(requests)))}**")
    if requests:
        st.dataframe([{t("queue.col.time"): time_text(q.scenario_minute, state.pack, t),
                       t("resources.requester"): _name(view, q.requester, t.lang),
                       t("resources.holder"): _name(view, q.holder, t.lang),
                       t("resources.type"): resource_label(state, t, q.resource),
                       t("resources.quantity"): q.quantity,
                       t("resources.note"): q.note} for q in requests], hide_index=True)

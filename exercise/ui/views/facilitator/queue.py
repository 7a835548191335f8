"""The inject queue (released, due, waiting on a condition, upcoming, held, skipped) with release
now, hold and skip; and the ad-hoc inject form."""

from __future__ import annotations

import secrets

import pyarrow as pa
import streamlit as st

from exercise.conduct import facilitation as cmd
from exercise.conduct.activity import simulated_agencies
from exercise.conduct.ports import EventStore
from exercise.conduct.reading import session_state
from exercise.conduct.schedule import InjectLine
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.scenario.models import AfterInject, Condition, DecisionChosen, NoContact, ScenarioPack
from exercise.ui.clock_words import time_text
from exercise.ui.context import current_translator
from exercise.ui.gate import code_in_url, event_store, run_command
from exercise.ui.live import LiveView, live_fragment, poll, shared_poll
from exercise.ui.views.desk.common import act, flash, options_text, show_flash
from exercise.ui.views.facilitator.model import board, memoised
from exercise.ui.widgets import plain

SHOWN = 40  # rows per group; the rest are counted
GROUPS = ("due", "waiting", "upcoming", "held", "skipped", "released")


def _row(line: InjectLine, state: ExerciseState, t: Translator) -> dict[str, str]:
    inject = state.inject(line.inject_id)
    at = line.scenario_minute if line.scenario_minute is not None else line.time
    return {
        t("queue.col.status"): t(f"queue.status.{line.status}"),
        t("queue.col.time"): time_text(at, state.pack, t),
        t("queue.col.id"): line.inject_id,
        t("queue.col.title"): t.text(inject.title),
        t("queue.col.to"): ", ".join(_receiver(state, a, t) for a in line.to),
        t("queue.col.conditions"): "; ".join(
            (("✓ " if status.met else "… ") + condition_words(condition, state, t))
            for condition, status in zip(inject.conditions, line.conditions, strict=False)),
    }


def condition_words(condition: Condition, state: ExerciseState, t: Translator) -> str:
    """A release condition in the reader's language, with names and option labels."""
    pack = state.pack

    def name(agency_id: str) -> str:
        try:
            return _agency_name(state, agency_id, t)
        except KeyError:
            return agency_id

    if isinstance(condition, AfterInject):
        if condition.delay:
            return t("room2.condition.after_delay", inject=condition.after, minutes=condition.delay)
        return t("room2.condition.after", inject=condition.after)
    if isinstance(condition, DecisionChosen):
        option = options_text(t, pack, condition.decision, condition.option)
        if condition.by:
            return t("room2.condition.chosen_by", option=option, inject=condition.decision,
                     agency=name(condition.by))
        return t("room2.condition.chosen", option=option, inject=condition.decision)
    if isinstance(condition, NoContact):
        first, second = condition.no_contact
        return t("room2.condition.no_contact", first=name(first), second=name(second),
                 time=time_text(condition.by, pack, t))
    if condition.agency:
        return t("room2.condition.no_ack_by", inject=condition.no_ack, agency=name(condition.agency),
                 time=time_text(condition.by, pack, t))
    return t("room2.condition.no_ack", inject=condition.no_ack, time=time_text(condition.by, pack, t))


def _agency_name(state: ExerciseState, agency_id: str, t: Translator) -> str:
    agency = state.pack.agency(agency_id)
    return t.text(agency.short_name or agency.name)


def _receiver(state: ExerciseState, agency_id: str, t: Translator) -> str:
    """A receiver's name, marked when nobody plays it (the facilitator voices it)."""
    name = _agency_name(state, agency_id, t)
    return t("room2.queue.simulated", agency=name) if agency_id in simulated_agencies(state) else name


def queue_rows(state: ExerciseState, minute: float, t: Translator) -> list[dict[str, str]]:
    """One table: due, waiting, upcoming, held, skipped, then released newest first — at most
    SHOWN rows of each group (memoised per state, minute and language)."""
    def compute() -> list[dict[str, str]]:
        current = board(state, minute)
        rows = []
        for name in GROUPS:
            lines = list(getattr(current, name))
            if name == "released":
                lines.reverse()
            rows += [_row(line, state, t) for line in lines[:SHOWN]]
        return rows
    return memoised("queue_rows", state, (int(minute), t.lang), compute)


def counts_line(state: ExerciseState, minute: float, t: Translator) -> str:
    current = board(state, minute)
    return " · ".join(f"**{plain(t(f'queue.group.{name}', count=len(getattr(current, name))))}**"
                      for name in GROUPS)


def queue_panel(store: EventStore, session_id: str) -> None:
    """The live queue, then the actions. The actions stay outside the part that refreshes on its
    own: a button that is redrawn under the pointer at every event (and on a busy server is
    being redrawn all the time) is one a person cannot rely on."""
    queue_table(store, session_id)
    _actions(shared_poll(store, session_id), current_translator())


@live_fragment()
def queue_table(view: LiveView) -> None:
    t = current_translator()
    state = view.state
    current = board(state, view.minute)
    if state.release_mode == "manual" and current.due:
        st.warning(t("queue.awaiting_approval", count=len(current.due)))
    st.markdown(counts_line(state, view.minute, t))
    rows = queue_rows(state, view.minute, t)
    if rows:
        table = memoised("queue_table", state, (int(view.minute), t.lang),
                         lambda: pa.Table.from_pylist(rows))
        st.dataframe(table, hide_index=True, key="queue.table")


OUTCOME_KEY = "queue.outcome"
CHOSEN_KEY = "queue.chosen"


def inject_labels(state: ExerciseState, t: Translator) -> dict[str, str]:
    """Every inject of the pack in time order, labelled by what never changes during play.

    When the options or labels followed the queue (status in the label, released injects
    dropped), a browser that received new options while a choice was on its way reset it to the
    first option, and *Release now* released the wrong inject. So the list is the whole MSEL,
    fixed for the session, and the status is shown beside it."""
    ordered = sorted(state.pack.injects, key=lambda i: (i.time, i.id))
    return {i.id: f"{i.id} · {time_text(i.time, state.pack, t)} · {t.text(i.title)}" for i in ordered}


def _status_of(current: object, inject_id: str) -> InjectLine | None:
    for name in GROUPS:
        for line in getattr(current, name):
            if line.inject_id == inject_id:
                return line
    return None


def _actions(view: LiveView, t: Translator) -> None:
    state = view.state
    show_flash(OUTCOME_KEY, keep=True)
    if state.ended:
        return
    current = board(state, view.minute)
    st.markdown(f"**{plain(t('queue.act'))}**")
    if state.release_mode == "manual":
        st.button(t("queue.release_every_due"), key="queue.release_due", type="primary",
                  on_click=_release_due, args=(view.session_id, t))
    labels = inject_labels(state, t)
    a, b = st.columns([3, 2])
    chosen = a.selectbox(t("queue.inject"), list(labels), format_func=labels.__getitem__,
                         key=CHOSEN_KEY)
    b.text_input(t("queue.reason"), max_chars=1000, key="queue.reason")
    line = _status_of(current, chosen) if chosen else None
    if line is not None:
        st.caption(plain(t("queue.chosen_status", inject=line.inject_id,
                           status=t(f"queue.status.{line.status}"))))
    left, middle, right = st.columns(3)
    for column, verb, primary in ((left, "release", True), (middle, "hold", False),
                                  (right, "skip", False)):
        column.button(t("queue.release_now" if verb == "release" else f"queue.{verb}"),
                      key=f"queue.{verb}", type="primary" if primary else "secondary",
                      width="stretch", on_click=_act_on_chosen, args=(verb, t, state.pack))


def _act_on_chosen(verb: str, t: Translator, pack: ScenarioPack) -> None:
    """A button callback: act on the inject chosen when the button was pressed, and keep the
    outcome (done, or refused with the reason) on screen until the next action."""
    inject_id = st.session_state.get(CHOSEN_KEY)
    if not inject_id:
        flash("error", t("queue.none_chosen"), OUTCOME_KEY)
        return
    store, token = event_store(), code_in_url() or ""
    reason = str(st.session_state.get("queue.reason") or "")
    if verb == "release":
        event = act(cmd.release_now, store, token, inject_id, scope=OUTCOME_KEY)
        if event is not None:
            flash("success", t("queue.done.release", inject=inject_id,
                               time=time_text(event.scenario_minute, pack, t)), OUTCOME_KEY)
        return
    command = cmd.hold if verb == "hold" else cmd.skip
    act(command, store, token, inject_id, reason, scope=OUTCOME_KEY,
        done=t(f"queue.done.{verb}", inject=inject_id))


def _release_due(session_id: str, t: Translator) -> None:
    """Release what is due when the button is pressed (not what was due when it was drawn)."""
    store, token = event_store(), code_in_url() or ""
    view = poll(store, session_id)
    released = []
    for line in board(view.state, view.minute).due:
        if act(cmd.release_now, store, token, line.inject_id, scope=OUTCOME_KEY) is None:
            return
        released.append(line.inject_id)
    if released:
        flash("success", t("queue.done.release_due", injects=", ".join(released)), OUTCOME_KEY)
    else:
        flash("success", t("queue.done.nothing_due"), OUTCOME_KEY)


ADHOC_OUTCOME = "adhoc.outcome"


def adhoc_form(store: EventStore, session_id: str) -> None:
    """Write an inject during play; it is released at once."""
    t = current_translator()
    state = session_state(store, session_id)
    if state.ended or not state.clock.started:
        return
    pack = state.pack
    agencies = {a.id: t.text(a.short_name or a.name) for a in pack.agencies}
    senders = {**agencies, **{a.id: t.text(a.name) for a in pack.actors}}
    systems = {"": t("adhoc.no_effect"), **{s.id: t.text(s.name) for s in pack.infrastructure}}
    areas = {"": t("adhoc.every_area"), **{a.id: t.text(a.name) for a in pack.areas}}
    st.subheader(t("adhoc.title"), anchor=False)
    show_flash(ADHOC_OUTCOME)  # what the last one did: released to whom, when
    with st.form("adhoc.form", clear_on_submit=True):
        title = st.text_input(t("adhoc.inject_title"), max_chars=300)
        message = st.text_area(t("adhoc.message"), max_chars=4000)
        a, b = st.columns(2)
        to = a.multiselect(t("adhoc.to"), list(agencies), format_func=agencies.__getitem__)
        sender = b.selectbox(t("adhoc.from"), list(senders), format_func=senders.__getitem__)
        c, d, e = st.columns(3)
        system = c.selectbox(t("adhoc.effect_system"), list(systems), format_func=systems.__getitem__)
        area = d.selectbox(t("adhoc.effect_area"), list(areas), format_func=areas.__getitem__)
        status = e.selectbox(t("adhoc.effect_status"), ("down", "degraded", "up"),
                             format_func=lambda s: t(f"adhoc.status.{s}"))
        if st.form_submit_button(t("adhoc.release"), type="primary"):
            effects = []
            if system:
                effects.append({"system": system, "status": status, **({"area": area} if area else {})})
            kind = "infrastructure" if effects else "information"
            # A fresh id per submission: the same text written again later is a new inject (the
            # form clears on submit, so a double click sends an empty second form).
            event = run_command(cmd.adhoc_inject, event_store(), code_in_url() or "", title=title,
                                message=message, to=to, sender=sender, type=kind,
                                effects=effects, request_id=secrets.token_hex(8))
            if event is not None:
                flash("success", t("room.adhoc.released", inject=event.payload.get("inject_id", ""),
                                   title=title.strip(), to=", ".join(agencies[a] for a in to),
                                   time=time_text(event.scenario_minute or 0, pack, t)), ADHOC_OUTCOME)
                st.rerun()

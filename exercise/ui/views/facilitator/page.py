"""Facilitator console: the clock, the inject queue, the feed, the live contact graph, the
resource board, alerts, join links and the end of the session. Open with `/facilitator?k=CODE`;
the role is checked here, inside the page."""

from __future__ import annotations

import streamlit as st

from exercise.conduct import facilitation as cmd
from exercise.conduct.ports import EventStore
from exercise.i18n import Translator
from exercise.ui.clock_words import time_text
from exercise.ui.context import current_translator
from exercise.ui.gate import code_in_url, event_store, require_caller
from exercise.ui.language_follow import CONSOLE_BOXES, follow_language
from exercise.ui.live import LiveView, live_fragment, shared_poll
from exercise.ui.views.desk.common import act, flash, session_title, show_flash
from exercise.ui.views.facilitator import board as board
from exercise.ui.views.facilitator import queue as queue
from exercise.ui.views.facilitator.common import do
from exercise.ui.views.facilitator.links_panel import links_panel
from exercise.ui.views.facilitator.model import current_module
from exercise.ui.widgets import plain

URL_PATH = "facilitator"
SPEEDS = (1.0, 5.0, 10.0, 30.0)
PANELS = ("clock", "module", "injects", "adhoc", "feed", "graph", "resources", "links", "end")
PANEL_KEY = "facilitator.panel"


def console_page() -> st.Page:
    """The console as a navigation target (for `st.switch_page` from the sessions page)."""
    return st.Page(facilitator_page, url_path=URL_PATH)


def facilitator_page() -> None:
    t = current_translator()
    store, _, caller = require_caller("facilitator")
    follow_language(t.lang, CONSOLE_BOXES.__contains__)  # a live switch: boxes follow it
    clock_panel(store, caller.session_id)
    view = shared_poll(store, caller.session_id)
    if view.state.ended:  # the next steps, whatever panel is open
        next_steps(t)
    board.alerts(store, caller.session_id)
    panel = st.segmented_control(t("console.panel"), PANELS, default="injects", key=PANEL_KEY,
                                 format_func=lambda p: t(f"console.panel.{p}"),
                                 label_visibility="collapsed") or "injects"
    if panel == "clock":
        clock_settings(store, caller.session_id)
    elif panel == "module":
        module_panel(store, caller.session_id)
    elif panel == "injects":
        queue.queue_panel(store, caller.session_id)
    elif panel == "adhoc":
        queue.adhoc_form(store, caller.session_id)
    elif panel == "feed":
        board.feed_panel(store, caller.session_id)
    elif panel == "graph":
        board.graph_panel(store, caller.session_id)
    elif panel == "resources":
        board.resources_panel(store, caller.session_id)
    elif panel == "links":
        links_panel(store, caller.session_id)
    else:
        _end_panel(store, t, ended=view.state.ended)


def clock_words(view: LiveView, t: Translator, players: bool = False) -> tuple[str, str]:
    """The clock as shown (`Day 1 07:20 (T+01:20)`, or `T+01:20` with no known start; for the
    players' screens as the facilitator chose) and its state in words."""
    clock = view.state.clock
    mode = t(f"clock.mode.{clock.mode.replace(' ', '_')}")
    if view.state.ended:
        mode = t("sessions.status.ended")
    elif clock.started:
        mode += " · " + t("clock.speed_words", speed=f"{clock.speed:g}")
    shows = view.state.player_clock if players else "both"
    return time_text(view.minute, view.state.pack, t, shows), mode


@live_fragment()
def clock_panel(view: LiveView) -> None:
    t = current_translator()
    state = view.state
    module = current_module(state.pack, view.minute)
    left, right = st.columns([2, 3])
    with left:
        shown, mode = clock_words(view, t)
        st.markdown(f"# {shown}")
        st.caption(plain(f"{mode} · {t(f'clock.release_mode.{state.release_mode}')}"))
    with right:
        st.subheader(plain(session_title(state, t) or state.session_id), anchor=False)
        st.markdown(f"**{plain(t('console.module'))}:** {plain(t.text(module.title))}")
    clock_controls(view, t)


def clock_controls(view: LiveView, t: Translator) -> None:
    """Start, pause, resume and advance: drawn with the page, outside the part that refreshes
    on its own, so the buttons stay put under the pointer."""
    if view.state.ended:
        return
    if not view.state.clock.started:
        _start_controls(t)
    else:
        _running_controls(view, t)


def _start_controls(t: Translator) -> None:
    with st.form("facilitator.start"):
        a, b = st.columns(2)
        speed = a.selectbox(t("clock.speed"), SPEEDS, index=0,
                            format_func=lambda s: t("clock.speed_words", speed=f"{s:g}"))
        paced = b.checkbox(t("clock.paced"), help=t("clock.paced_help"))
        if st.form_submit_button(t("clock.start"), type="primary"):
            do(cmd.start_clock, speed=speed, paced=paced)


ADVANCE_KEY = "facilitator.advance_minutes"


def _running_controls(view: LiveView, t: Translator) -> None:
    """The buttons used all the time; the rest of the clock is in the Clock panel. They sit in
    a part that refreshes on its own, so each keeps one key and carries the action its label
    showed when pressed: a click is carried out or its refusal stays on screen."""
    clock = view.state.clock
    show_flash(CLOCK_OUTCOME, keep=True)
    left, middle, _ = st.columns([1, 1, 3])
    verb = "pause" if clock.running else "resume"
    left.button(t(f"clock.{verb}"), key="facilitator.pause_resume", width="stretch",
                type="secondary" if clock.running else "primary",
                on_click=_clock_command, args=(verb, None))
    if clock.paced:
        minutes = int(st.session_state.get(ADVANCE_KEY, 10))
        middle.button(t("clock.advance_n", minutes=minutes), key="facilitator.advance",
                      type="primary", width="stretch", on_click=_clock_command,
                      args=("advance", float(minutes)))


CLOCK_OUTCOME = "facilitator.clock.outcome"


def _clock_command(verb: str, minutes: float | None) -> None:
    store, token = event_store(), code_in_url() or ""
    st.session_state.pop(CLOCK_OUTCOME, None)
    if verb == "advance":
        act(cmd.advance, store, token, minutes, scope=CLOCK_OUTCOME)
        return
    changed = act(cmd.pause if verb == "pause" else cmd.resume, store, token, scope=CLOCK_OUTCOME)
    if changed is None and CLOCK_OUTCOME not in st.session_state:  # someone else was quicker
        t = current_translator()
        flash("success", t(f"clock.already_{verb}d"), CLOCK_OUTCOME)


def clock_settings(store: EventStore, session_id: str) -> None:
    """Speed, facilitator-paced mode, jumps, release mode and alert thresholds."""
    t = current_translator()
    view = shared_poll(store, session_id)
    clock, state = view.state.clock, view.state
    if not clock.started or state.ended:
        st.caption(t("clock.settings_later"))
        return
    a, b = st.columns(2)
    speed = a.selectbox(t("clock.speed"), SPEEDS, key="facilitator.speed",
                        index=SPEEDS.index(clock.speed) if clock.speed in SPEEDS else 0,
                        format_func=lambda s: t("clock.speed_words", speed=f"{s:g}"))
    if speed != clock.speed and a.button(t("clock.set_speed"), key="facilitator.set_speed"):
        do(cmd.set_speed, speed)
    paced = b.toggle(t("clock.paced"), value=clock.paced, key=f"facilitator.paced.{clock.paced}",
                     help=t("clock.paced_help"))
    if paced != clock.paced:
        do(cmd.set_paced, paced)
    c, d = st.columns(2)
    minutes = c.number_input(t("clock.advance_by"), min_value=1, max_value=600, step=5,
                             value=int(st.session_state.get(ADVANCE_KEY, 10)))
    st.session_state[ADVANCE_KEY] = int(minutes)
    if c.button(t("clock.advance_n", minutes=int(minutes)), key="facilitator.advance_by_go"):
        do(cmd.advance, float(minutes))
    later = [m for m in sorted(state.pack.modules, key=lambda m: m.start) if m.start > view.minute]
    if later:
        target = d.selectbox(t("clock.jump_to"), [m.id for m in later], key="facilitator.jump",
                             format_func=lambda m: t.text(state.pack.module(m).title))
        passed = jump_choice(view, target, t)
        if d.button(t("clock.jump"), key="facilitator.jump_go"):
            do(cmd.jump_to_module, target, passed)
    mode = st.radio(t("clock.release_mode"), ("auto", "manual"), horizontal=True,
                    index=0 if state.release_mode == "auto" else 1,
                    key=f"facilitator.mode.{state.release_mode}",
                    format_func=lambda m: t(f"clock.release_mode.{m}"),
                    help=t("clock.release_mode_help"))
    if mode != state.release_mode:
        do(cmd.set_release_mode, mode)
    shows = st.radio(t("clock.players.label"), cmd.PLAYER_CLOCKS, horizontal=True,
                     index=cmd.PLAYER_CLOCKS.index(state.player_clock),
                     key=f"facilitator.player_clock.{state.player_clock}",
                     format_func=lambda s: t(f"clock.players.{s}"), help=t("clock.players.help"))
    if shows != state.player_clock:
        do(cmd.set_player_clock, shows)
    board.alert_settings(t)


def jump_choice(view: LiveView, module_id: str, t: Translator) -> cmd.PassedChoice:
    """What to do with the injects planned before the module jumped to: skip them, or release
    them now stamped with the jump's time (never with times that have not been played)."""
    module = view.state.pack.module(module_id)
    passed = cmd.passed_injects(view.state, float(module.start))
    if not passed:
        st.caption(t("room2.jump.none_passed"))
        return "release"
    when = time_text(module.start, view.state.pack, t)
    st.markdown(f"**{plain(t('room2.jump.passed', count=len(passed), time=when))}**")
    st.caption(plain(", ".join(passed)))
    choice = st.radio(t("room2.jump.choice"), ("skip", "release"), key="facilitator.jump_passed",
                      format_func=lambda c: t(f"room2.jump.{c}", time=when),
                      label_visibility="collapsed")
    return "skip" if choice == "skip" else "release"


@live_fragment()
def module_panel(view: LiveView) -> None:
    t = current_translator()
    module = current_module(view.state.pack, view.minute)
    st.subheader(plain(t.text(module.title)), anchor=False)
    st.text(t.text(module.situation))
    if module.questions:
        st.markdown(f"**{plain(t('console.questions'))}**")
        st.markdown("\n".join(f"{n}. {plain(t.text(q))}" for n, q in enumerate(module.questions, 1)))


def _end_panel(store: object, t: Translator, ended: bool = False) -> None:
    if ended:  # the next steps are shown above
        return
    st.subheader(t("console.end_title"), anchor=False)
    st.caption(t("console.end_help"))
    sure = st.checkbox(t("console.end_confirm"), key="facilitator.end_sure")
    if st.button(t("console.end"), type="primary", disabled=not sure, key="facilitator.end"):
        do(cmd.end_session)


def next_steps(t: Translator) -> None:
    """After End: the hot wash, the improvement plan, the report with its exports and a
    debrief link for participants, each opened with the facilitator's code."""
    from exercise.ui.views.room_next import next_steps_links

    next_steps_links(t, PANEL_KEY)

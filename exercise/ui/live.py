"""Live updates shared by every page that follows an exercise as it runs.

A live part of a page is a function that takes a `LiveView` (the state just after a scheduler
tick) and renders it; `@live_fragment()` turns it into an `st.fragment` that is drawn again on
its own, so only that part re-renders and nobody reloads:

    @live_fragment(depends=lambda view: view.state.seq)
    def inbox(view: LiveView) -> None:
        ...

    inbox(store, session_id)

Each page has one watcher fragment (placed by its first live part) that the browser reruns on a
timer. As soon as the process's store watcher learns that the session moved, each page following
it is pushed: its browser is told to run the watcher within BOOST_SECONDS (the server never
starts a run the browser did not ask for; a page in the middle of a whole run is pushed once
that run has ended, see QUIET_SECONDS). A watcher run draws nothing: it asks for the parts
whose `depends` changed, all in one rerun. So a new event reaches a page in about the store
watcher's interval plus BOOST_SECONDS, and a page with nothing new costs one empty fragment rerun
per timer tick, however many parts it has.

Reading the state is incremental (`session_state` folds only the new events). Heavy work — the
contact graph at the current minute, its DOT text, who became unreachable — is cached per
(session, world version, status epoch, language) in `contact_picture`, never redone per poll.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import networkx as nx
import streamlit as st
from cachetools import LRUCache

from exercise.conduct.clock import wall_seconds
from exercise.conduct.ports import EventStore
from exercise.conduct.reading import session_state
from exercise.conduct.scheduler import tick
from exercise.conduct.state import ExerciseState
from exercise.network.dot import dot_names, render_dot
from exercise.network.findings import hub_of
from exercise.network.graph import agency_label, planned_graph, status_graph
from exercise.network.reach import reached_from
from exercise.network.world import WorldState
from exercise.scenario.models import ScenarioPack

log = logging.getLogger(__name__)

# A page's watcher reruns every two seconds, desks included. New events do not wait for it: the
# page is pushed a watcher run as soon as the process's store watcher sees the session move
# (0.1 s on SQLite, at once on PostgreSQL), so the timer is a safety net and what moves the
# clocks' minute. Each timer run costs about an empty fragment rerun (benchmarks/bench_live.py);
# a desk's one-second timer had been there only to bound its latency.
LIVE_SECONDS = 2.0
DESK_SECONDS = 2.0


@dataclass(frozen=True)
class LiveView:
    """What a live part renders: the session's state after a tick, at one wall moment."""

    store: EventStore
    session_id: str
    state: ExerciseState
    wall: float  # seconds since the epoch

    @property
    def minute(self) -> float:
        """The scenario minute now (the clock keeps moving between events)."""
        return self.state.clock.minute_at(self.wall)


# The scheduler ticks at most this often per process and session (whoever polls): every desk
# of a session used to tick on each of its polls, each tick a state clone and a due scan.
TICK_SECONDS = 0.5
# A live part is drawn again at least this often even with nothing new (a safety net for
# anything it shows that moves with wall time other than the scenario minute).
REFRESH_SECONDS = 30.0

_guard = threading.Lock()
# Per (store, session): the monotonic time of its last tick, and the latest state read. Keyed by
# the store's id and kept with a weak reference to it: a new store that reuses a freed one's id
# (tests open many) must not inherit its state or its last tick.
_ticked: dict[tuple[int, str], tuple[Callable[[], object], float]] = {}
_latest: dict[tuple[int, str], tuple[Callable[[], object], ExerciseState]] = {}


def _ref(store: EventStore) -> Callable[[], object]:
    try:
        return weakref.ref(store)
    except TypeError:  # a store that cannot be weakly referenced
        return lambda: store


def _known(table: dict[tuple[int, str], tuple[Callable[[], object], Any]], store: EventStore,
           session_id: str) -> Any:
    entry = table.get((id(store), session_id))
    return entry[1] if entry is not None and entry[0]() is store else None


def moved_past(store: EventStore, session_id: str, seq: int) -> bool:
    """Has the session an event after `seq`? Answered by the store's one watcher per process
    (exercise/store/watch.py) where it has one, so a poll with nothing new reads no database."""
    watch = getattr(store, "watch", None)
    if watch is None:
        return store.last_seq(session_id) > seq
    return bool(watch.moved_past(session_id, seq))


def current_state(store: EventStore, session_id: str) -> ExerciseState:
    """The session's state, read again only when the watcher says it moved (shared by every
    desk of the session in this process)."""
    known: ExerciseState | None = _known(_latest, store, session_id)
    if known is not None and not moved_past(store, session_id, known.seq):
        return known
    state = session_state(store, session_id)
    with _guard:
        if len(_latest) > 256:
            _latest.clear()
        latest = _known(_latest, store, session_id)
        if latest is None or latest.seq <= state.seq:
            _latest[(id(store), session_id)] = (_ref(store), state)
    return state


def tick_due(store: EventStore, session_id: str) -> None:
    """Release what has fallen due, at most once per TICK_SECONDS per process and session: the
    releases are the same whoever ticks, and are stored exactly once across processes."""
    now = time.monotonic()
    with _guard:
        last = _known(_ticked, store, session_id)
        if last is not None and now - last < TICK_SECONDS:
            return
        if len(_ticked) > 256:
            _ticked.clear()
        _ticked[(id(store), session_id)] = (_ref(store), now)
    tick(store, session_id)


def poll(store: EventStore, session_id: str, now: datetime | None = None) -> LiveView:
    """Release what has fallen due (exactly once, whoever polls), then read the state. With an
    explicit `now` it ticks at that moment; without, at most once per TICK_SECONDS."""
    if now is not None:
        tick(store, session_id, now)
        return LiveView(store, session_id, session_state(store, session_id), wall_seconds(now))
    tick_due(store, session_id)
    return LiveView(store, session_id, current_state(store, session_id), time.time())


def _run_control_exceptions() -> tuple[type[BaseException], ...]:
    try:
        from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException
    except ImportError:  # pragma: no cover - another Streamlit
        return ()
    return (RerunException, StopException)


# How Streamlit cuts a script run short (a rerun asked for, or a stop).
_RUN_CUT_SHORT = _run_control_exceptions()

_RUN_VIEWS = "_live.views"


def _run_marker() -> object | None:
    """An object that lives exactly as long as one script run (full or fragment rerun)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return getattr(ctx, "cursors", None) if ctx is not None else None


def shared_poll(store: EventStore, session_id: str) -> LiveView:
    """`poll`, once per script run: the live parts of one page rendered in the same run share
    one tick and one read (a fragment rerunning on its own polls afresh)."""
    marker = _run_marker()
    if marker is None:
        return poll(store, session_id)
    known = st.session_state.get(_RUN_VIEWS)
    if not (isinstance(known, tuple) and known[0] is marker):
        known = (marker, {})
        st.session_state[_RUN_VIEWS] = known
    views: dict[tuple[int, str], LiveView] = known[1]
    key = (id(store), session_id)
    if key not in views:
        views[key] = poll(store, session_id)
    return views[key]


# --- live parts: drawn again only when something new happened -------------------------------

# What a part shows, worked out cheaply from the view it would draw: the part is drawn again only
# when this changes. A part without one is drawn again on any new event of its session, at each
# new scenario minute, and every REFRESH_SECONDS.
Depends = Callable[[LiveView], Hashable]
_DEPENDS: dict[str, Depends] = {}  # part name -> what it shows


@dataclass(frozen=True)
class Drawn:
    """What a live part showed when it was last drawn, and the fragment that drew it."""

    fragment_id: str
    seq: int
    minute: int
    at: float  # monotonic
    shows: Hashable = None  # the part's `depends` of the view it drew
    name: str = ""  # the part's name (the key of its `depends`)


def freshen(store: EventStore, session_id: str, drawn: Drawn, depends: Depends | None = None,
            now: float | None = None) -> Drawn | None:
    """None when a part drawn as `drawn` is out of date, else `drawn` (its seq and minute brought
    up to date when the session moved on without changing what the part shows).

    Out of date: the session has a later event or the scenario minute it showed has passed (for
    a part with `depends`: only if that changed what it shows), or REFRESH_SECONDS went by (a
    part with `depends` shows nothing else, so it has no such safety net)."""
    now = time.monotonic() if now is None else now
    if depends is None and now - drawn.at >= REFRESH_SECONDS:
        return None
    moved = moved_past(store, session_id, drawn.seq)
    known: ExerciseState | None = _known(_latest, store, session_id)
    minute = drawn.minute if known is None else int(known.clock.minute_at(time.time()))
    if not moved and minute == drawn.minute:
        return drawn
    if depends is None:
        return None
    view = LiveView(store, session_id, current_state(store, session_id), time.time())
    try:
        shows = depends(view)
    except Exception:  # drawing it will show what went wrong
        return None
    if shows != drawn.shows:
        return None
    return replace(drawn, seq=view.state.seq, minute=int(view.minute))


def needs_drawing(store: EventStore, session_id: str, drawn: Drawn, now: float | None = None,
                  depends: Depends | None = None) -> bool:
    """Whether a part drawn as `drawn` is out of date (see `freshen`)."""
    return freshen(store, session_id, drawn, depends, now) is None


def _fragment_id() -> str | None:
    """The id of the fragment running now (Streamlit's thread state; None where unknown)."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState
    except ImportError:  # pragma: no cover - another Streamlit
        return None
    return getattr(ThreadState.get(), "fragment_id", None)


def fragment_run() -> bool:
    """Whether this script run reruns fragments only (not the whole page)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return bool(getattr(get_script_run_ctx(), "fragment_ids_this_run", None))


def _rerun_fragments(fragment_ids: list[str], watcher_id: str | None) -> bool:
    """Ask for one rerun of the fragments `fragment_ids`, as the browser's timer asks for one
    (an auto-rerun with this page's query string): only those parts are drawn again, in one run.

    Only from a fragment rerun (a full run has just drawn every part). The fragments queued
    after the watcher in this run go into the request too, so none of them is lost if this run
    is cut short (a click on another part that coalesced with this poll)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
        from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
    except ImportError:  # pragma: no cover - another Streamlit
        return False
    ctx = get_script_run_ctx()
    requests = getattr(ctx, "script_requests", None)
    this_run = list(getattr(ctx, "fragment_ids_this_run", None) or [])
    if ctx is None or requests is None or not this_run:
        return False
    rest = this_run[this_run.index(watcher_id) + 1:] if watcher_id in this_run else []
    queue = [*fragment_ids, *(f for f in rest if f not in fragment_ids)]
    return bool(requests.request_rerun(RerunData(
        query_string=ctx.query_string, page_script_hash=ctx.page_script_hash,
        fragment_id_queue=queue, is_auto_rerun=True,
        # no cached-message references: the browser may have let some go by the time it runs
        cached_message_hashes=frozenset(),
        context_info=getattr(ctx, "context_info", None))))


_PAGE = "_live.page"


@dataclass
class _Page:
    """The live parts of the page on show (reset by each full run, so a part of a page left
    behind is not watched), and the script runs that reset it and placed its watcher."""

    parts: dict[tuple[str, str], Drawn] = field(default_factory=dict)
    run: object | None = None
    watched: object | None = None


def _page() -> _Page:
    page = st.session_state.get(_PAGE)
    if not isinstance(page, _Page):
        page = _Page()
        st.session_state[_PAGE] = page
    return page


def _watch_page(store: EventStore, session_id: str, interval: float) -> None:
    """The page's one watcher (rerun every `interval` seconds): ticks the scheduler, listens
    for pushes, and asks for a redraw of the parts of the page that are out of date, all in one
    rerun."""
    tick_due(store, session_id)
    watcher_id = _fragment_id()
    if watcher_id is not None:
        _unboost(watcher_id, interval)
        _listen(store, session_id, watcher_id, interval)
    if not fragment_run():  # a full run has just drawn every part
        return
    parts = _page().parts
    stale: list[str] = []
    for key, drawn in list(parts.items()):
        fresh = freshen(store, key[1], drawn, _DEPENDS.get(drawn.name))
        if fresh is None:
            stale.append(drawn.fragment_id)
        elif fresh is not drawn:
            parts[key] = fresh
    if stale and watcher_id is not None and _just_after_full_run():
        _push_later(store, session_id, _Listener(watcher_id, interval))
    elif stale:
        _rerun_fragments(stale, watcher_id)  # right after this run


@functools.cache
def _watcher(run_every: float) -> Callable[[EventStore, str], None]:
    def watch_page(store: EventStore, session_id: str) -> None:
        _watch_page(store, session_id, run_every)

    return st.fragment(watch_page, run_every=run_every)


def live_fragment(
    run_every: float | None = LIVE_SECONDS, depends: Depends | None = None,
) -> Callable[[Callable[[LiveView], None]], Callable[[EventStore, str], None]]:
    """Decorator: `render(view)` becomes `part(store, session_id)`, a live part of the page.

    The part is a fragment that reruns when a widget inside it is used, or when asked. The page
    has one more fragment, its watcher, placed by the first live part drawn in a run and rerun
    every `run_every` seconds of that part (None: this part is not watched). A watcher run draws
    nothing; it asks for the parts that are out of date (`freshen`, with `depends` if given) in
    one rerun. Pages are also pushed a watcher run as soon as the process learns that their
    session moved (`_listen`), so a new event reaches a page without waiting for its timer."""

    def wrap(render: Callable[[LiveView], None]) -> Callable[[EventStore, str], None]:
        name = f"{render.__module__}.{render.__qualname__}"
        if depends is not None:
            _DEPENDS[name] = depends

        # Streamlit names a fragment by its function's module, qualified name and place on the
        # page: each part's fragment carries the part's own name, or two parts shown in turn at
        # one place (the console's panels) would be taken for the same fragment.
        @functools.wraps(render)
        def draw(store: EventStore, session_id: str) -> None:
            view = shared_poll(store, session_id)
            fragment_id = _fragment_id()

            def drawn() -> None:
                if fragment_id is not None and run_every is not None:
                    shows = depends(view) if depends is not None else None
                    _page().parts[(name, session_id)] = Drawn(
                        fragment_id, view.state.seq, int(view.minute), time.monotonic(), shows,
                        name)

            # Recorded only once drawn (or failed, its error on show): a run cut short
            # mid-render would leave the page believing it shows what it never sent.
            try:
                render(view)
            except _RUN_CUT_SHORT:
                raise  # still out of date: the next watcher run asks for it again
            except Exception:
                drawn()
                raise
            drawn()

        drawing = st.fragment(draw)

        @functools.wraps(render)
        def part(store: EventStore, session_id: str) -> None:
            page, marker = _page(), _run_marker()
            if marker is not None and page.run is not marker:
                page.run = marker
                if not fragment_run():
                    page.parts = {}
                    _note_full_run()
            drawing(store, session_id)
            if run_every is not None and (marker is None or page.watched is not marker):
                page.watched = marker
                _watcher(run_every)(store, session_id)

        return part

    return wrap


# --- pushes: a page learns of a new event as soon as its process does ------------------------
#
# A push never starts a script run from the server: it shortens the page's own watcher timer in
# the browser to BOOST_SECONDS, so the browser asks for the watcher run itself, with its widget
# states, exactly as its timer does; that run puts the timer back (`_watch_page`), and so does
# `_settle` if the run never comes. And a page is not pushed while its whole run is going on or
# in the QUIET_SECONDS after it ended: a fragment run right behind a whole run was seen to lose
# what the whole run drew (an evaluator's rating confirmation and the forms under it; the
# console's "released" notice), whether the server started it or the browser, and the event of
# a click is pushed to the clicking page at exactly that moment.


@dataclass(frozen=True)
class _Listener:
    """A page to push to: its Streamlit session's watcher fragment and that timer's period."""

    fragment_id: str
    interval: float


# Per (store, exercise session): Streamlit session id -> its page's watcher. And per Streamlit
# session, the key it listens under (a page follows one session at a time).
_listeners: dict[tuple[int, str], dict[str, _Listener]] = {}
_listening: dict[str, tuple[int, str]] = {}
_subscribed: weakref.WeakSet[object] = weakref.WeakSet()
# Streamlit session id -> monotonic time of the boost not yet answered by a watcher run.
_boosted: dict[str, float] = {}

# A pushed page's browser asks for its watcher run this soon; a page boosted less than
# SETTLE_SECONDS ago is not boosted again (its run is coming and will see every new event), and
# after SETTLE_SECONDS a boost that no run answered is taken back.
BOOST_SECONDS = 0.1
SETTLE_SECONDS = 1.0
# At most this many pages of a process wait on a boost at once; the others are left to their own
# timer (2 s). Until its run answers, a boosted browser asks again every BOOST_SECONDS: with every
# page of a 100-desk room boosted at once the asking outran the server (the room never finished
# opening, and every delivery was late; benchmarks/bench_live.py). Queueing the others for a
# boost as boosts were answered kept twelve pages asking for as long as a burst lasted: faster
# with 30 desks (p95 0.6-0.8 s instead of about 2 s), but twice a 100-desk room then fell into
# the same overload (the server at 86-97 % of a core for minutes, most deliveries lost).
MAX_BOOSTED = 12
# A page is pushed only once its latest whole run has ended and QUIET_SECONDS more have gone by:
# a fragment run right behind a whole run was seen to lose what the whole run drew (the outcome
# of the click that started it, and the forms under it), and a click's own event reaches the
# store watcher while its run is still drawing, so it is pushed to its page at just that moment.
# That run draws the event anyway. Deferred pushes are tried again every DEFER_SECONDS, for
# DEFER_TRIES (a whole run on a saturated machine may take seconds); after that the page's own
# timer polls. A whole run that began more than BUSY_SECONDS ago no longer defers its page (a
# run that long is stuck or on a page that stays busy; its timer still polls).
QUIET_SECONDS = 0.5
DEFER_SECONDS = 0.25
DEFER_TRIES = 40
BUSY_SECONDS = 10.0
# A watcher run that comes less than this after its page's whole run began (on the browser's own
# timer) asks for no redraw at once: it pushes its page instead, which waits as above.
WATCH_QUIET_SECONDS = 1.5
# Streamlit session id -> monotonic start of its page's latest whole run, and when the event
# loop first saw that page with no run going on since.
_full_runs: dict[str, float] = {}
_idle_since: dict[str, float] = {}


def _note_full_run() -> None:
    """In a whole run of a page: note its start (see QUIET_SECONDS)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    now = time.monotonic()
    with _guard:
        if len(_full_runs) > 4096:
            for session_id, began in list(_full_runs.items()):
                if now - began > BUSY_SECONDS:
                    del _full_runs[session_id]
                    _idle_since.pop(session_id, None)
        _full_runs[ctx.session_id] = now
        _idle_since.pop(ctx.session_id, None)


def _settling(session: Any, app_session_id: str, now: float) -> bool:
    """On the event loop: whether this page's latest whole run is still going on, or ended
    less than QUIET_SECONDS ago (as far as the loop has seen). Caller holds `_guard`."""
    began = _full_runs.get(app_session_id)
    if began is None or now - began >= BUSY_SECONDS:
        return False
    from streamlit.runtime.app_session import AppSessionState

    if getattr(session, "_state", None) == AppSessionState.APP_IS_RUNNING:
        _idle_since.pop(app_session_id, None)
        return True
    idle = _idle_since.setdefault(app_session_id, now)
    return now - idle < QUIET_SECONDS


def _just_after_full_run() -> bool:
    """In a fragment run: whether the page's whole run began less than WATCH_QUIET_SECONDS ago
    (this run may be right behind it; the browser's own timer does not wait)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    began = _full_runs.get(ctx.session_id) if ctx is not None else None
    return began is not None and time.monotonic() - began < WATCH_QUIET_SECONDS


def _push_later(store: EventStore, session_id: str, listener: _Listener) -> None:
    """From a script run: push this page once it has settled (see `_settling`)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    loop = _event_loop()
    if ctx is not None and loop is not None:
        loop.call_soon_threadsafe(_push_now, (id(store), session_id),
                                  [(ctx.session_id, listener)])


def _event_loop() -> asyncio.AbstractEventLoop | None:
    """Streamlit's event loop (None where no Streamlit server runs: a test, a command)."""
    try:
        from streamlit.runtime import Runtime

        return Runtime.instance()._get_async_objs().eventloop
    except Exception:
        return None


def _listen(store: EventStore, session_id: str, watcher_id: str, interval: float) -> None:
    """Note this page (the running Streamlit session) as one to push to when `session_id`
    moves; subscribe to the store's watcher once per process."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    watch = getattr(store, "watch", None)
    ctx = get_script_run_ctx()
    if watch is None or not hasattr(watch, "subscribe") or ctx is None:
        return
    watch.moved_past(session_id, 0)  # the watcher reads only sessions asked about lately
    key = (id(store), session_id)
    listener = _Listener(watcher_id, interval)
    with _guard:
        if _listeners.get(key, {}).get(ctx.session_id) == listener:
            return
        before = _listening.get(ctx.session_id)
        if before is not None and before != key:
            _listeners.get(before, {}).pop(ctx.session_id, None)
        _listeners.setdefault(key, {})[ctx.session_id] = listener
        _listening[ctx.session_id] = key
        try:
            subscribe = watch not in _subscribed
            if subscribe:
                _subscribed.add(watch)
        except TypeError:  # a watcher that cannot be weakly referenced: not pushed
            subscribe = False
    if subscribe:
        store_id = id(store)
        watch.subscribe(lambda moved, _seq: _push((store_id, moved)))


def _push(key: tuple[int, str]) -> None:
    """From the store watcher's thread: have Streamlit's event loop boost the watcher timer of
    every page following this session."""
    with _guard:
        targets = list(_listeners.get(key, {}).items())
    loop = _event_loop()
    if targets and loop is not None:  # else the pages' timers poll
        loop.call_soon_threadsafe(_push_now, key, targets)


def _timer_message(fragment_id: str, interval: float | None) -> Any:
    """The message that sets a fragment's rerun timer in the browser (None: stops it)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    if interval is None:
        msg.stop_auto_rerun.fragment_ids.append(fragment_id)
    else:
        msg.auto_rerun.interval = interval
        msg.auto_rerun.fragment_id = fragment_id
    return msg


def _push_now(key: tuple[int, str], targets: list[tuple[str, _Listener]], tries: int = 0) -> None:
    """On Streamlit's event loop: boost the watcher timer of each page that has not been
    boosted lately; a page in its quiet time after a whole run is tried again shortly. A page
    that is gone, or shows no watcher any more, is dropped."""
    from streamlit.runtime import Runtime

    runtime = Runtime.instance()
    now = time.monotonic()
    deferred: list[tuple[str, _Listener]] = []
    for app_session_id, listener in targets:
        try:
            session = runtime.get_app_session(app_session_id)
            if session is not None and session.has_fragment(listener.fragment_id):
                with _guard:
                    boosted = _boosted.get(app_session_id)
                    if boosted is not None and now - boosted < SETTLE_SECONDS:
                        continue
                    if _settling(session, app_session_id, now):
                        deferred.append((app_session_id, listener))
                        continue
                    if len(_boosted) >= MAX_BOOSTED:
                        continue  # its own timer polls within 2 s
                    _boosted[app_session_id] = now
                session._enqueue_forward_msg(_timer_message(listener.fragment_id, BOOST_SECONDS))
                asyncio.get_running_loop().call_later(SETTLE_SECONDS, _settle, app_session_id,
                                                      listener, now)
                continue
        except Exception:  # the page's own timer still polls
            log.warning("pushing a redraw to a page failed", exc_info=True)
        with _guard:
            if _listeners.get(key, {}).get(app_session_id) == listener:
                del _listeners[key][app_session_id]
                _listening.pop(app_session_id, None)
    if deferred and tries < DEFER_TRIES:
        asyncio.get_running_loop().call_later(DEFER_SECONDS, _push_now, key, deferred, tries + 1)


def _settle(app_session_id: str, listener: _Listener, boosted_at: float) -> None:
    """On the event loop, SETTLE_SECONDS after a boost that no watcher run has answered: put
    the timer back, or stop it if the page no longer has that watcher."""
    from streamlit.runtime import Runtime

    with _guard:
        if _boosted.get(app_session_id) != boosted_at:
            return  # answered by a watcher run (or boosted again since)
        del _boosted[app_session_id]
    try:
        session = Runtime.instance().get_app_session(app_session_id)
        if session is None:
            return
        interval = listener.interval if session.has_fragment(listener.fragment_id) else None
        session._enqueue_forward_msg(_timer_message(listener.fragment_id, interval))
    except Exception:
        log.warning("putting a page's timer back failed", exc_info=True)


def _unboost(watcher_id: str, interval: float) -> None:
    """In a watcher run: if this page was boosted, its browser asked for this run; put its
    timer back to `interval` with this run's messages."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    with _guard:
        boosted = _boosted.pop(ctx.session_id, None)
    if boosted is not None:
        ctx.enqueue(_timer_message(watcher_id, interval))


# --- the contact graph at the current minute, cached per world version ---------------------


@dataclass(frozen=True)
class ContactPicture:
    """The live contact graph, ready to show: DOT text and what changed, in words."""

    dot: str
    hub: str | None
    hub_label: str
    unreachable: tuple[str, ...]  # agency labels the hub reached before the latest change
    restored: tuple[str, ...]  # labels the hub reaches again since the latest change
    change_minute: int | None  # the latest infrastructure or agency change at or before now
    cut_links: int  # planned links with no working channel


def status_epoch(world: WorldState, minute: float) -> int | None:
    """The latest minute, at or before `minute`, at which some status may have changed; the
    status graph is the same for every minute between two epochs."""
    times = [t for t in world.change_times() if t <= minute]
    return max(times) if times else None


# Per (pack object, language): the pack is kept with its plan, so its id cannot be reused by
# another pack while cached. Streamlit's script threads share it: touched only under the lock.
_plans: LRUCache[tuple[int, str], tuple[ScenarioPack, nx.DiGraph, str | None]] = LRUCache(maxsize=64)
_plans_lock = threading.Lock()


def _plan(pack: ScenarioPack, lang: str) -> tuple[nx.DiGraph, str | None]:
    """The planned graph and its hub, once per pinned pack (packs are parsed once per text)."""
    key = (id(pack), lang)
    with _plans_lock:
        known = _plans.get(key)
    if known is not None and known[0] is pack:
        return known[1], known[2]
    plan = planned_graph(pack, lang)
    hub = hub_of(plan)
    with _plans_lock:
        _plans[key] = (pack, plan, hub)
    return plan, hub


def build_picture(world: WorldState, minute: float, lang: str) -> ContactPicture:
    """The status graph at `minute`, and who the hub lost or regained at the latest change."""
    world = world.in_language(lang)  # outage reasons in the tooltips read in the viewer's words
    pack = world.pack
    plan, hub = _plan(pack, lang)
    epoch = status_epoch(world, minute)
    now_graph = status_graph(world, int(minute), lang, planned=plan)
    unreachable: tuple[str, ...] = ()
    restored: tuple[str, ...] = ()
    if epoch is not None and hub is not None:
        before_graph = status_graph(world, epoch - 1, lang, planned=plan)
        before, after = reached_from(before_graph, hub), reached_from(now_graph, hub)
        unreachable = tuple(sorted(agency_label(pack, a, lang) for a in before - after))
        restored = tuple(sorted(agency_label(pack, a, lang) for a in after - before))
    cut = sum(1 for _, _, data in now_graph.edges(data=True) if not data.get("usable", True))
    highlight = {a for a in now_graph if hub is not None and a not in reached_from(now_graph, hub)}
    return ContactPicture(
        dot=render_dot(now_graph, lang=lang, highlight=highlight or None,
                       names=dot_names(pack, lang, hub)),
        hub=hub,
        hub_label=agency_label(pack, hub, lang) if hub else "",
        unreachable=unreachable,
        restored=restored,
        change_minute=epoch,
        cut_links=cut,
    )


@st.cache_data(max_entries=256, show_spinner=False)
def _cached_picture(session_id: str, pack_hash: str, world_version: int, epoch: int | None,
                    lang: str, _world: WorldState, _minute: float) -> ContactPicture:
    return build_picture(_world, _minute, lang)


def contact_picture(view: LiveView, lang: str) -> ContactPicture:
    """`build_picture` for the view, computed once per (session, world version, epoch, lang)."""
    world = view.state.world
    minute = view.minute
    epoch = status_epoch(world, minute)
    pack_key = view.state.pack.metadata.id
    return _cached_picture(view.session_id, pack_key, world.version, epoch, lang, world, minute)


def cached_by_version(func: Callable[..., Any]) -> Callable[..., Any]:
    """`st.cache_data` for other heavy per-state work: call it as
    `f(session_id, seq_or_version, lang, _state=...)` — arguments starting with `_` are not
    hashed, so pass the state (or world) that way and key on its version."""
    return st.cache_data(max_entries=256, show_spinner=False)(func)

"""Live updates shared by every page that follows an exercise as it runs.

A live part of a page is a function that takes a `LiveView` (the state just after a scheduler
tick) and renders it; `@live_fragment()` turns it into an `st.fragment` that is drawn again on
its own, so only that part re-renders and nobody reloads:

    @live_fragment(depends=lambda view: view.state.seq)
    def inbox(view: LiveView) -> None:
        ...

    inbox(store, session_id)

Each page has one watcher fragment (placed by its first live part) that the browser reruns on a
timer: it ticks the scheduler and asks for the parts whose `depends` changed, all in one rerun.
New events do not wait for it: as soon as the process's store watcher learns that the session
moved, the pusher works out which parts of each page following it are out of date and starts
one fragment run of just those (see "pushes" below). So a new event reaches a page in about the
store watcher's interval plus one script run, a page the event does not change costs nothing,
and an idle page costs one empty fragment rerun per timer tick, however many parts it has.

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
from typing import Any, cast

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

# A page's watcher reruns every five seconds, desks included: a safety net. New events do not
# wait for it: the page's out-of-date parts are run as soon as the process's store watcher sees
# the session move (0.1 s on SQLite, at once on PostgreSQL), and when its scenario minute turns
# (the pusher's tick). Each timer run costs about an empty fragment rerun
# (benchmarks/bench_live.py): with 100 desks a 2 s timer cost a sixth of a core.
LIVE_SECONDS = 5.0
DESK_SECONDS = 5.0


@dataclass(frozen=True)
class LiveView:
    """What a live part renders: the session's state after a tick, at one wall moment."""

    store: EventStore
    session_id: str
    state: ExerciseState
    wall: float  # seconds since the epoch
    # Who the part is drawn for (a desk's agency), as its `viewer` read it from the page: set
    # only for `depends`, which may be asked outside the page's own runs (see `Viewer`).
    viewer: Hashable = None
    # What this part drew last never reached its browser (`_check_delivery`): a notice shown
    # once (a toast) must be shown again.
    lost: bool = False

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
# A part whose drawing failed (its error on show) is drawn again this long after, not at once and
# not only at the next event: a passing failure (the database busy for a moment) heals itself.
FAILED_RETRY_SECONDS = 5.0

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
    page = _page()
    if page.views[0] is not marker:
        page.views = (marker, {})
    views = page.views[1]
    key = (id(store), session_id)
    if key not in views:
        views[key] = poll(store, session_id)
    return views[key]


# --- live parts: drawn again only when something new happened -------------------------------

# What a part shows, worked out cheaply from the view it would draw: the part is drawn again only
# when this changes. A part without one is drawn again on any new event of its session, at each
# new scenario minute, and every REFRESH_SECONDS. It is asked on the pusher's thread too, where
# `st.session_state` is not the page's: what it needs of the page comes as `view.viewer`, read
# by the part's `Viewer` when it was drawn.
Depends = Callable[[LiveView], Hashable]
Viewer = Callable[[], Hashable]
_DEPENDS: dict[str, Depends] = {}  # part name -> what it shows
_TIMELESS: set[str] = set()  # parts whose `depends` ignores the scenario minute


@dataclass(frozen=True)
class Drawn:
    """What a live part showed when it was last drawn, and the fragment that drew it."""

    fragment_id: str
    seq: int
    minute: int
    at: float  # monotonic
    shows: Hashable = None  # the part's `depends` of the view it drew
    name: str = ""  # the part's name (the key of its `depends`)
    viewer: Hashable = None  # who it was drawn for (`LiveView.viewer`)
    failed: bool = False  # its drawing raised: it shows an error (see FAILED_RETRY_SECONDS)
    undelivered: bool = False  # its run's messages were dropped (see `_check_delivery`)
    runner: Any = field(default=None, compare=False)  # the script runner that drew it (weak)


# What parts showed, asked once for many pages: (part name, viewer, seq, minute) -> `depends`.
Shows = dict[tuple[str, Hashable, int, int], Hashable]
# The same across the pages' own watcher runs in this process, per store and session: after an
# event every desk's watcher asks what its parts show, and a part every desk shows alike (the
# free counts: every agency's holdings) was worked out once per desk, a second of a core per
# event with 100 desks (measured). `depends` is a function of the state at a seq, the minute and
# the viewer, so an answer stays right.
_shared_asked: LRUCache[tuple[int, str, str, Hashable, int, int], Hashable] = LRUCache(
    maxsize=4096)
_shared_lock = threading.Lock()


def _ask(depends: Depends, view: LiveView, key: tuple[str, Hashable, int, int],
         asked: Shows | None) -> Hashable:
    """`depends(view)`, once per key in `asked`, or in this process's shared answers."""
    if asked is not None:
        if key not in asked:
            asked[key] = depends(view)
        return asked[key]
    shared = (id(view.store), view.session_id, *key)
    with _shared_lock:
        known = _shared_asked.get(shared, _shared_lock)
    if known is not _shared_lock:
        return known
    shows = depends(view)
    with _shared_lock:
        _shared_asked[shared] = shows
    return shows


def freshen(store: EventStore, session_id: str, drawn: Drawn, depends: Depends | None = None,
            now: float | None = None, asked: Shows | None = None) -> Drawn | None:
    """None when a part drawn as `drawn` is out of date, else `drawn` (its seq and minute brought
    up to date when the session moved on without changing what the part shows).

    Out of date: the session has a later event or the scenario minute it showed has passed (for
    a part with `depends`: only if that changed what it shows), or REFRESH_SECONDS went by (a
    part with `depends` shows nothing else, so it has no such safety net). With `asked`,
    `depends` is asked once per part, viewer, event and minute (the pusher checks every page
    following a session: every desk shows the same free counts); without, once per process."""
    now = time.monotonic() if now is None else now
    if drawn.undelivered:
        return None
    if depends is None and now - drawn.at >= REFRESH_SECONDS:
        return None
    if drawn.failed and now - drawn.at >= FAILED_RETRY_SECONDS:
        return None
    moved = moved_past(store, session_id, drawn.seq)
    if not moved and depends is not None and drawn.name in _TIMELESS:
        return drawn  # a new minute alone changes nothing it shows
    known: ExerciseState | None = _known(_latest, store, session_id)
    minute = drawn.minute if known is None else int(known.clock.minute_at(time.time()))
    if not moved and minute == drawn.minute:
        return drawn
    if depends is None:
        return None
    view = LiveView(store, session_id, current_state(store, session_id), time.time(),
                    drawn.viewer)
    timeless = drawn.name in _TIMELESS
    key = (drawn.name, drawn.viewer, view.state.seq, -1 if timeless else int(view.minute))
    try:
        shows = _ask(depends, view, key, asked)
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
    behind is not watched), the script runs that reset it and placed its watcher, and the
    views polled in the latest run (`shared_poll`)."""

    parts: dict[tuple[str, str], Drawn] = field(default_factory=dict)
    run: object | None = None
    watched: object | None = None
    views: tuple[object | None, dict[tuple[int, str], LiveView]] = field(
        default_factory=lambda: (None, {}))


# Streamlit session id -> its page, kept by its session state: every run of every live part asks
# for it, and a read of session state costs a tenth of a part's redraw (measured).
_pages: weakref.WeakValueDictionary[str, _Page] = weakref.WeakValueDictionary()


def _page() -> _Page:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    known = _pages.get(ctx.session_id) if ctx is not None else None
    if known is not None:
        return known
    page = st.session_state.get(_PAGE)
    if not isinstance(page, _Page):
        page = _Page()
        st.session_state[_PAGE] = page
    if ctx is not None:
        _pages[ctx.session_id] = page
    return page


def _watch_page(store: EventStore, session_id: str, interval: float) -> None:
    """The page's one watcher (rerun every `interval` seconds): ticks the scheduler, listens
    for pushes, and asks for a redraw of the parts of the page that are out of date, all in one
    rerun."""
    tick_due(store, session_id)
    watcher_id = _fragment_id()
    if watcher_id is not None:
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
        _push_later(store, session_id)
    elif stale:
        _rerun_fragments(stale, watcher_id)  # right after this run


@functools.cache
def _watcher(run_every: float) -> Callable[[EventStore, str], None]:
    def watch_page(store: EventStore, session_id: str) -> None:
        _watch_page(store, session_id, run_every)

    return st.fragment(watch_page, run_every=run_every)


def live_fragment(
    run_every: float | None = LIVE_SECONDS, depends: Depends | None = None,
    viewer: Viewer | None = None, timeless: bool = False,
) -> Callable[[Callable[[LiveView], None]], Callable[[EventStore, str], None]]:
    """Decorator: `render(view)` becomes `part(store, session_id)`, a live part of the page.

    The part is a fragment that reruns when a widget inside it is used, or when asked. The page
    has one more fragment, its watcher, placed by the first live part drawn in a run and rerun
    every `run_every` seconds of that part (None: this part is not watched). A watcher run draws
    nothing; it asks for the parts that are out of date (`freshen`, with `depends` if given) in
    one rerun. The process also redraws the out-of-date parts of a page as soon as it learns
    that their session moved (`_listen`), so a new event reaches a page without waiting for its
    timer. `viewer` reads, in the page's run, what `depends` needs of the page (e.g. the desk's
    agency from its session state), given to `depends` as `view.viewer`. `timeless`: what
    `depends` reads does not change with the scenario minute, so a new minute alone is not
    worth asking it (every page is checked as its session's minute turns)."""

    def wrap(render: Callable[[LiveView], None]) -> Callable[[EventStore, str], None]:
        name = f"{render.__module__}.{render.__qualname__}"
        if depends is not None:
            _DEPENDS[name] = depends
            if timeless:
                _TIMELESS.add(name)

        # Streamlit names a fragment by its function's module, qualified name and place on the
        # page: each part's fragment carries the part's own name, or two parts shown in turn at
        # one place (the console's panels) would be taken for the same fragment.
        @functools.wraps(render)
        def draw(store: EventStore, session_id: str) -> None:
            view = shared_poll(store, session_id)
            before = _page().parts.get((name, session_id))
            if before is not None and before.undelivered:
                view = replace(view, lost=True)
            fragment_id = _fragment_id()

            def drawn(failed: bool = False) -> None:
                if fragment_id is not None and run_every is not None:
                    seen_by = viewer() if viewer is not None else None
                    shows = depends(replace(view, viewer=seen_by)) if depends is not None else None
                    _page().parts[(name, session_id)] = Drawn(
                        fragment_id, view.state.seq, int(view.minute), time.monotonic(), shows,
                        name, seen_by, failed, runner=_follow_runner())

            # Recorded only once drawn (or failed, its error on show): a run cut short
            # mid-render would leave the page believing it shows what it never sent.
            try:
                render(view)
            except _RUN_CUT_SHORT:
                raise  # still out of date: the next watcher run asks for it again
            except Exception:
                drawn(failed=True)
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

        part.live_name = name  # type: ignore[attr-defined]  # for `redraw_after_this_run`
        return part

    return wrap


def redraw_after_this_run(part: Callable[..., object] | str, session_id: str) -> bool:
    """From a fragment run (a click in a live part): draw the live part `part` (the function
    `live_fragment` made, or its name) of `session_id` again right after this run, on its own.
    For a part whose `depends` cannot see what the click changed (what the reader chose to be
    shown, in session state). False where it cannot be asked: a whole run (it draws every part
    anyway), a part not on the page, or no Streamlit server (AppTest reruns the whole page)."""
    name = part if isinstance(part, str) else getattr(part, "live_name", None)
    drawn = _page().parts.get((name, session_id)) if name is not None else None
    if drawn is None:
        return False
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    queued = list(getattr(get_script_run_ctx(), "fragment_ids_this_run", None) or [])
    if drawn.fragment_id in queued:
        here = _fragment_id()
        if here in queued and queued.index(drawn.fragment_id) > queued.index(here):
            return True  # this run draws it after this part already
    return _rerun_fragments([drawn.fragment_id], None)


# --- a run whose drawing never reached its browser --------------------------------------------
#
# Streamlit drops every message of a script run whose session has moved on to another runner:
# when a browser's rerun arrives after a run has finished but before the event loop has handled
# that run's messages, the session starts a new runner and ignores the old one's messages, the
# run's start included (AppSession._handle_scriptrunner_event_on_event_loop, "sender is not
# self._scriptrunner"). Seen on a loaded machine, about one desk delivery in a thousand: the
# pusher starts many runs in one loop callback and a desk's timer request lands behind them. The
# part's record then said it showed what its browser never got, and nothing drew it again. So
# each run that draws a live part is followed: when the event loop has handled its finish, its
# session must still have it as its runner, or its parts are marked undelivered and the page is
# pushed again (a run that did reach its browser may be redrawn once more: harmless).

_FINISHED = frozenset({"SCRIPT_STOPPED_WITH_SUCCESS", "SCRIPT_STOPPED_WITH_COMPILE_ERROR",
                       "SCRIPT_STOPPED_FOR_RERUN", "FRAGMENT_STOPPED_WITH_SUCCESS"})
_followed_runners: weakref.WeakSet[object] = weakref.WeakSet()


def _follow_runner() -> weakref.ref[Any] | None:
    """In a part's run: the script runner drawing it (weakly), followed until its runs finish;
    None where it cannot be told (no Streamlit server: a test, a command)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    loop = _event_loop()
    if ctx is None or loop is None:
        return None
    try:
        from streamlit.runtime import Runtime

        session = Runtime.instance().get_app_session(ctx.session_id)
        runner = getattr(session, "_scriptrunner", None)
        if runner is None or getattr(runner, "_requests", None) is not ctx.script_requests:
            return None
        with _guard:
            follow = runner not in _followed_runners
            if follow:
                _followed_runners.add(runner)
        if follow:
            runner.on_event.connect(_on_finish(weakref.ref(session), weakref.ref(runner),
                                               ctx.session_id, loop), weak=False)
        return weakref.ref(runner)
    except Exception:  # another Streamlit: its runs are not followed
        log.debug("following a script runner failed", exc_info=True)
        return None


def _on_finish(session: weakref.ref[Any], runner: weakref.ref[Any], app_session_id: str,
               loop: asyncio.AbstractEventLoop) -> Callable[..., None]:
    def on_event(_sender: object, event: object = None, **_details: object) -> None:
        # Called on the run's thread after the session's own receiver (connected first), so
        # the check below is queued behind the session's handling of this finish.
        try:
            if getattr(event, "name", None) in _FINISHED:
                loop.call_soon_threadsafe(_check_delivery, session, runner, app_session_id)
        except Exception:  # a closed loop at shutdown; never break the run's other receivers
            log.debug("following a finished run failed", exc_info=True)

    return on_event


def _check_delivery(session_ref: weakref.ref[Any], runner_ref: weakref.ref[Any],
                    app_session_id: str) -> None:
    """On the event loop, right after the session handled a run's finish: note when (the quiet
    time after a whole run counts from it); if the session no longer has that run's runner,
    what it drew was dropped: mark it and push the page."""
    _saw_run_end(app_session_id)
    session, runner = session_ref(), runner_ref()
    if session is None or runner is None or getattr(session, "_scriptrunner", None) is runner:
        return
    page = _pages.get(app_session_id)
    if page is None:
        return
    lost = False
    for key, drawn in list(page.parts.items()):
        if drawn.runner is not None and drawn.runner() is runner and not drawn.undelivered:
            page.parts[key] = replace(drawn, undelivered=True)
            lost = True
    following = _listening.get(app_session_id)
    if lost and following is not None:
        log.info("a page's redraw was dropped by Streamlit (its session had moved on to "
                 "another run): drawing it again")
        _pusher.push(following, {app_session_id: 0})


# --- pushes: a page learns of a new event as soon as its process does ------------------------
#
# When the store's watcher sees a session move, one pusher thread per process works out, for
# each page following that session, which of its live parts are out of date (`freshen`: a desk
# the event does not concern costs nothing), and has Streamlit's event loop start one fragment
# run of exactly those parts. A delivery is one script run per page that changes: no watcher
# run, and no widget states (the run takes the page's last ones, as `st.rerun` does; the
# browser's next request brings its own). A page is run only while it has no script runner
# (nothing running or queued, so a click or a page change its browser sent is never folded into
# this run) and is not settling after a whole run (`_settling`): a fragment run right behind a
# whole run was seen to lose what the whole run drew (an evaluator's rating confirmation and the
# forms under it; the console's "released" notice), and the event of a click reaches the store
# watcher while the clicking page's run is still drawing it. A page that must wait is checked
# again DEFER_SECONDS later, up to DEFER_TRIES times; its watcher timer is the net.


@dataclass(frozen=True)
class _Listener:
    """A page to push to: its watcher fragment and that timer's period, what its browser runs
    it with (query string, page, browser context), and its live parts (read by the pusher)."""

    fragment_id: str
    interval: float
    query_string: str = ""
    page_script_hash: str = ""
    page: _Page | None = field(default=None, compare=False)
    context_info: Any = field(default=None, compare=False)


# Per (store, exercise session): Streamlit session id -> its page. And per Streamlit session,
# the key it listens under (a page follows one session at a time); per store id, the store.
_listeners: dict[tuple[int, str], dict[str, _Listener]] = {}
_listening: dict[str, tuple[int, str]] = {}
_stores: dict[int, Callable[[], object]] = {}
_subscribed: weakref.WeakSet[object] = weakref.WeakSet()

# A page is pushed only once its latest whole run has ended and QUIET_SECONDS more have gone by.
# A page that must wait is tried again every DEFER_SECONDS, DEFER_TRIES times (a whole run on a
# saturated machine may take seconds); after that its own timer polls. A whole run that began
# more than BUSY_SECONDS ago no longer defers its page (a run that long is stuck or on a page
# that stays busy; its timer still polls).
QUIET_SECONDS = 0.5
DEFER_SECONDS = 0.1
DEFER_TRIES = 100
BUSY_SECONDS = 10.0
# A watcher run that comes less than this after its page's whole run began (on the browser's own
# timer) asks for no redraw at once: it pushes its page instead, which waits as above.
WATCH_QUIET_SECONDS = 1.5
# Streamlit session id -> monotonic start of its page's latest whole run, when the event loop
# first saw that page with no run going on since, and when the loop last handled the end of one
# of its runs (that drew a live part).
_full_runs: dict[str, float] = {}
_idle_since: dict[str, float] = {}
_run_ended: dict[str, float] = {}


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
                    _run_ended.pop(session_id, None)
        _full_runs[ctx.session_id] = now
        _idle_since.pop(ctx.session_id, None)


def _saw_run_end(app_session_id: str) -> None:
    """On the event loop, right after the session handled the end of a run: note when."""
    with _guard:
        if app_session_id in _full_runs:
            _run_ended[app_session_id] = time.monotonic()


def _settling(session: Any, app_session_id: str, now: float) -> bool:
    """On the event loop: whether this page's latest whole run is still going on, or ended
    less than QUIET_SECONDS ago (as far as the loop has seen: from when it handled the run's
    end, else from when it first found the page idle). Caller holds `_guard`."""
    began = _full_runs.get(app_session_id)
    if began is None or now - began >= BUSY_SECONDS:
        return False
    from streamlit.runtime.app_session import AppSessionState

    if getattr(session, "_state", None) == AppSessionState.APP_IS_RUNNING:
        _idle_since.pop(app_session_id, None)
        return True
    idle = _idle_since.get(app_session_id)
    if idle is None:
        # a room that has just filled: its pages' whole runs ended a while ago, not now
        ended = _run_ended.get(app_session_id)
        idle = _idle_since[app_session_id] = ended if ended is not None and ended >= began \
            else now
    return now - idle < QUIET_SECONDS


def _just_after_full_run() -> bool:
    """In a fragment run: whether the page's whole run began less than WATCH_QUIET_SECONDS ago
    (this run may be right behind it; the browser's own timer does not wait)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    began = _full_runs.get(ctx.session_id) if ctx is not None else None
    return began is not None and time.monotonic() - began < WATCH_QUIET_SECONDS


def _push_later(store: EventStore, session_id: str) -> None:
    """From a script run: push this page once it has settled (see `_settling`)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None:
        _pusher.push((id(store), session_id), {ctx.session_id: 0})


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
    listener = _Listener(watcher_id, interval, ctx.query_string, ctx.page_script_hash, _page(),
                         getattr(ctx, "context_info", None))
    with _guard:
        if _listeners.get(key, {}).get(ctx.session_id) == listener:
            return
        before = _listening.get(ctx.session_id)
        if before is not None and before != key:
            _listeners.get(before, {}).pop(ctx.session_id, None)
        _listeners.setdefault(key, {})[ctx.session_id] = listener
        _listening[ctx.session_id] = key
        if len(_stores) > 256:
            for store_id, ref in list(_stores.items()):
                if ref() is None:
                    del _stores[store_id]
        _stores[id(store)] = _ref(store)
        try:
            subscribe = watch not in _subscribed
            if subscribe:
                _subscribed.add(watch)
        except TypeError:  # a watcher that cannot be weakly referenced: not pushed
            subscribe = False
    if subscribe:
        store_id = id(store)
        watch.subscribe(lambda moved, _seq: _pusher.push((store_id, moved)))
    _pusher.start()  # it ticks the sessions that pages follow


def _forget(key: tuple[int, str], app_session_id: str, listener: _Listener) -> None:
    """Stop pushing to a page that is gone or shows no watcher any more."""
    with _guard:
        if _listeners.get(key, {}).get(app_session_id) == listener:
            del _listeners[key][app_session_id]
            _listening.pop(app_session_id, None)


def _stale_parts(store: EventStore, session_id: str, page: _Page | None,
                 asked: Shows) -> list[str]:
    """The fragments of the page's live parts of `session_id` that are out of date. Read-only:
    only the page's own script runs write its parts."""
    if page is None:
        return []
    return [drawn.fragment_id for (_name, shown), drawn in list(page.parts.items())
            if shown == session_id
            and freshen(store, session_id, drawn, _DEPENDS.get(drawn.name), asked=asked) is None]


# One pusher's work: per (store, session), None (every page following it) or the pages to check
# again (Streamlit session id -> how many times each has waited so far).
_Due = dict[tuple[int, str], dict[str, int] | None]


class _Pusher:
    """One thread per process: told that a session moved (or that some pages should be checked
    again), it works out which pages have out-of-date parts and hands those to the event loop.
    And every TICK_SECONDS it ticks the scheduler of each session that pages follow, and checks
    those pages when the session's scenario minute turns (their clocks), so the pages' own
    timers are only a safety net."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._due: _Due = {}
        self._thread: threading.Thread | None = None
        self._minutes: dict[tuple[int, str], int] = {}  # the scenario minute last seen
        self._kept = 0.0  # monotonic time of the last `_keep_time`

    def start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="exercise-live-push",
                                                daemon=True)
                self._thread.start()

    def push(self, key: tuple[int, str], pages: dict[str, int] | None = None) -> None:
        """Check every page following `key`'s session (or just `pages`), soon, on the
        pusher's thread. Safe from any thread; a burst of calls is checked once."""
        self.start()
        with self._lock:
            if pages is None or (key in self._due and self._due[key] is None):
                self._due[key] = None
            else:
                known = self._due.setdefault(key, {})
                assert known is not None
                for app_session_id, waited in pages.items():
                    known[app_session_id] = max(waited, known.get(app_session_id, 0))
        self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait(TICK_SECONDS)
            self._wake.clear()
            try:
                self._keep_time()
            except Exception:  # the thread must live on: it pushes every page of the process
                log.warning("ticking the followed sessions failed", exc_info=True)
            with self._lock:
                due, self._due = self._due, {}
            for key, pages in due.items():
                try:
                    self._check(key, pages)
                except Exception:  # the pages' own timers still poll
                    log.warning("working out which pages to redraw failed", exc_info=True)

    def _keep_time(self) -> None:
        now = time.monotonic()
        if now - self._kept < TICK_SECONDS:
            return
        self._kept = now
        with _guard:
            followed = [key for key, pages in _listeners.items() if pages]
        for key in list(self._minutes):
            if key not in followed:
                del self._minutes[key]
        for key in followed:
            store = _store(key)
            if store is None:
                continue
            try:
                tick_due(store, key[1])  # what it releases is pushed as any other event
                minute = int(current_state(store, key[1]).clock.minute_at(time.time()))
            except Exception:  # a store closed under it: its pages' timers still poll
                log.debug("ticking a followed session failed", exc_info=True)
                continue
            if self._minutes.get(key, minute) != minute:
                self.push(key)
            self._minutes[key] = minute

    def _check(self, key: tuple[int, str], pages: dict[str, int] | None) -> None:
        store = _store(key)
        loop = _event_loop()
        if store is None or loop is None:
            return
        with _guard:
            following = list(_listeners.get(key, {}).items())
        runs = []
        asked: Shows = {}
        for app_session_id, listener in following:
            if pages is not None and app_session_id not in pages:
                continue
            stale = _stale_parts(store, key[1], listener.page, asked)
            if stale:
                waited = pages.get(app_session_id, 0) if pages is not None else 0
                runs.append(_Run(app_session_id, listener, stale, waited))
        if runs:
            loop.call_soon_threadsafe(_run_parts, key, runs)


def _store(key: tuple[int, str]) -> EventStore | None:
    ref = _stores.get(key[0])
    return cast(EventStore | None, ref() if ref is not None else None)


@dataclass(frozen=True)
class _Run:
    """A page to redraw: which of its fragments, and how many times it has waited so far."""

    app_session_id: str
    listener: _Listener
    fragment_ids: list[str]
    waited: int


_pusher = _Pusher()


def _run_parts(key: tuple[int, str], runs: list[_Run]) -> None:
    """On Streamlit's event loop: start one fragment run of each page's out-of-date parts; a
    page with a script runner, or settling after a whole run, is checked again shortly."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

    runtime = Runtime.instance()
    now = time.monotonic()
    waiting: dict[str, int] = {}
    for run in runs:
        try:
            session = runtime.get_app_session(run.app_session_id)
            if session is None or not session.has_fragment(run.listener.fragment_id):
                _forget(key, run.app_session_id, run.listener)
                continue
            fragment_ids = [f for f in run.fragment_ids if session.has_fragment(f)]
            if not fragment_ids:
                continue
            with _guard:
                busy = (getattr(session, "_scriptrunner", None) is not None
                        or _settling(session, run.app_session_id, now))
            if busy:
                if run.waited < DEFER_TRIES:
                    waiting[run.app_session_id] = run.waited + 1
                continue
            listener = run.listener
            session._create_scriptrunner(RerunData(
                query_string=listener.query_string, page_script_hash=listener.page_script_hash,
                fragment_id_queue=fragment_ids, is_auto_rerun=True,
                context_info=listener.context_info))
        except Exception:  # the page's own timer still polls
            log.warning("pushing a redraw to a page failed", exc_info=True)
    if waiting:
        asyncio.get_running_loop().call_later(DEFER_SECONDS, _pusher.push, key, waiting)


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

"""How a page learns that its session moved: the pusher starts one fragment run of exactly the
page's out-of-date parts, with no widget states of its own; never while the page's whole run is
going on nor right after it (a fragment run right behind a whole run lost what the whole run
drew), nor while the page has a script runner (its browser's request must not be merged with
it); and a live part counts as drawn only once its drawing was made."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
import streamlit.runtime as streamlit_runtime
from streamlit.runtime.app_session import AppSessionState
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException

from exercise.ui import live
from tests.asyncio_support import run_coroutine, until

SESSION = "S-1"


class FakeStore:
    """What `freshen` asks of a store without a watcher: the session's last event."""

    def __init__(self) -> None:
        self.seq = 1

    def last_seq(self, session_id: str) -> int:
        return self.seq


class FakeSession:
    """What the pusher uses of a Streamlit app session, recording the runs it starts."""

    def __init__(self, fragments: set[str]) -> None:
        self.fragments = fragments
        self._state = AppSessionState.APP_NOT_RUNNING
        self._scriptrunner: object | None = None
        self.runs: list[Any] = []

    def has_fragment(self, fragment_id: str) -> bool:
        return fragment_id in self.fragments

    def _create_scriptrunner(self, rerun_data: Any) -> None:
        self.runs.append(rerun_data)


class Runner:
    """A script runner, as far as the pusher tells one from another."""


class Room(SimpleNamespace):
    store: FakeStore
    sessions: dict[str, FakeSession]
    pages: dict[str, live._Page]

    def desk(self, name: str, parts: dict[str, int], minute: int = 0) -> None:
        """A desk page whose parts (fragment id -> seq drawn) follow the session."""
        now = live.time.monotonic()
        page = live._Page(parts={
            (fragment, SESSION): live.Drawn(fragment, seq, minute, now, None, fragment)
            for fragment, seq in parts.items()})
        self.pages[name] = page
        self.sessions[name] = FakeSession({f"watcher-{name}", *parts})
        live._listeners.setdefault(self.key, {})[name] = live._Listener(
            f"watcher-{name}", 2.0, f"code={name}", "desk-page", page)

    @property
    def key(self) -> tuple[int, str]:
        return (id(self.store), SESSION)

    def move(self) -> None:
        """A new event in the session, told to the pusher as the store's watcher tells it."""
        self.store.seq += 1
        live._pusher.push(self.key)

    def runs(self, name: str) -> list[Any]:
        return self.sessions[name].runs


def _clear() -> None:
    for table in (live._full_runs, live._idle_since, live._run_ended, live._listeners,
                  live._listening,
                  live._stores, live._latest, live._ticked, live._pages):
        table.clear()


@pytest.fixture
def room(monkeypatch: pytest.MonkeyPatch) -> Iterator[Room]:
    """A fake Streamlit runtime whose event loop is the test's (set in `scene`)."""
    sessions: dict[str, FakeSession] = {}
    loops: list[asyncio.AbstractEventLoop] = []
    runtime = SimpleNamespace(get_app_session=sessions.get,
                              _get_async_objs=lambda: SimpleNamespace(eventloop=loops[-1]))
    monkeypatch.setattr(streamlit_runtime.Runtime, "instance", classmethod(lambda cls: runtime))
    monkeypatch.setattr(live, "DEFER_SECONDS", 0.05)
    _clear()
    store = FakeStore()
    live._stores[id(store)] = weakref.ref(store)
    yield Room(store=store, sessions=sessions, pages={}, loops=loops)
    _clear()


def scene(room: Room, play: Any) -> Any:
    async def main() -> Any:
        room.loops.append(asyncio.get_running_loop())
        return await play()
    return run_coroutine(main())


def test_a_move_runs_only_the_out_of_date_parts_of_the_pages_it_changes(room: Room) -> None:
    room.desk("fire", {"inbox-fire": 1, "clock-fire": 1})
    room.desk("police", {"inbox-police": 1, "clock-police": 2})
    room.desk("health", {"inbox-health": 2, "clock-health": 2})

    async def play() -> None:
        room.store.seq = 2
        live._pusher.push(room.key)
        await until(lambda: room.runs("fire") and room.runs("police"), 5)
        await asyncio.sleep(0.2)

    scene(room, play)
    (fire,) = room.runs("fire")
    (police,) = room.runs("police")
    assert fire.fragment_id_queue == ["inbox-fire", "clock-fire"]  # both parts in one run
    assert police.fragment_id_queue == ["inbox-police"]  # its clock already shows seq 2
    assert room.runs("health") == []  # nothing of it is out of date: no run at all
    # the run brings no widget states (the page keeps its own) and runs the page it watches
    assert fire.widget_states is None
    assert (fire.query_string, fire.page_script_hash) == ("code=fire", "desk-page")


def test_a_page_is_run_only_after_its_whole_run_ended_and_a_quiet_time(
        room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "QUIET_SECONDS", 0.3)
    room.desk("clicking", {"inbox": 1})
    session = room.sessions["clicking"]

    async def play() -> tuple[bool, bool, float]:
        loop = asyncio.get_running_loop()
        live._full_runs["clicking"] = live.time.monotonic()
        session._state = AppSessionState.APP_IS_RUNNING  # its whole run draws the click
        room.move()
        await asyncio.sleep(0.6)  # a whole run slower than the quiet time
        while_running = bool(session.runs)
        session._state = AppSessionState.APP_NOT_RUNNING
        ended = loop.time()
        await asyncio.sleep(0.15)
        right_after = bool(session.runs)
        await until(lambda: session.runs, 5)
        return while_running, right_after, loop.time() - ended

    while_running, right_after, waited = scene(room, play)
    assert not while_running
    assert not right_after
    assert 0.3 <= waited < 1.0
    assert len(session.runs) == 1


def test_a_page_whose_whole_run_ended_a_while_ago_is_run_at_once(
        room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    """A room that has just filled: the pages' whole runs ended a second ago, and the first
    inject comes. The quiet time counts from when the event loop handled each run's end, not
    from the first move after it (every desk waited another half second: the first inject to a
    room that had filled 2 s before reached its last desk in 1.07 s, later ones in 0.27 s)."""
    monkeypatch.setattr(live, "QUIET_SECONDS", 0.5)
    room.desk("joined", {"inbox": 1})
    room.desk("just-drawn", {"inbox-2": 1})
    joined, just_drawn = room.sessions["joined"], room.sessions["just-drawn"]

    from streamlit.runtime.scriptrunner.script_runner import ScriptRunnerEvent

    runners = {name: Runner() for name in ("joined", "just-drawn")}

    async def end_whole_run(name: str) -> None:
        """The runner's finish, followed as live.py follows it (the loop handles it next)."""
        session = room.sessions[name]
        session._scriptrunner = runners[name]
        on_event = live._on_finish(weakref.ref(session), weakref.ref(runners[name]), name,
                                   asyncio.get_running_loop())
        on_event(runners[name], event=ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS)
        await asyncio.sleep(0.01)
        session._scriptrunner = None

    async def play() -> tuple[float, float]:
        loop = asyncio.get_running_loop()
        live._full_runs["joined"] = live._full_runs["just-drawn"] = live.time.monotonic()
        await end_whole_run("joined")
        await asyncio.sleep(0.6)  # the room fills; nothing happens meanwhile
        await end_whole_run("just-drawn")  # this one's whole run ended only now
        moved = loop.time()
        room.move()
        await until(lambda: joined.runs, 5)
        first = loop.time() - moved
        await until(lambda: just_drawn.runs, 5)
        return first, loop.time() - moved

    first, second = scene(room, play)
    assert first < 0.3  # no half second of quiet: its run ended 0.6 s before
    assert 0.5 <= second < 1.2  # still quiet right after a whole run


def test_a_page_with_a_script_runner_is_run_once_it_has_none(room: Room) -> None:
    room.desk("busy", {"inbox": 1})
    session = room.sessions["busy"]

    async def play() -> tuple[bool, bool]:
        session._scriptrunner = object()  # its watcher's run, or a click being handled
        room.move()
        await asyncio.sleep(0.3)
        while_busy = bool(session.runs)
        session._scriptrunner = None
        return while_busy, await until(lambda: session.runs, 5)

    while_busy, after = scene(room, play)
    assert not while_busy
    assert after


def test_a_page_that_drew_its_parts_while_it_waited_is_not_run(room: Room) -> None:
    room.desk("desk", {"inbox": 1})
    session, page = room.sessions["desk"], room.pages["desk"]

    async def play() -> None:
        session._scriptrunner = object()
        room.move()
        await asyncio.sleep(0.2)
        # its own timer's run drew the inbox at the new event meanwhile
        key = ("inbox", SESSION)
        page.parts[key] = live.Drawn("inbox", room.store.seq, 0, live.time.monotonic(), None,
                                     "inbox")
        session._scriptrunner = None
        await asyncio.sleep(0.4)

    scene(room, play)
    assert session.runs == []


def test_a_redraw_streamlit_dropped_is_drawn_again(room: Room) -> None:
    """Streamlit ignores a finished run's messages when its session has moved on to another
    runner meanwhile (a browser's rerun that arrived between the run's end and the event loop's
    handling of it): that page's parts are drawn again; a page whose run got through is not."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunnerEvent

    room.desk("dropped", {"inbox": 2})
    room.desk("delivered", {"inbox-2": 2})
    runners = {name: Runner() for name in ("dropped", "delivered")}
    for name, runner in runners.items():
        page = room.pages[name]
        live._pages[name] = page
        live._listening[name] = room.key
        for key, drawn in list(page.parts.items()):
            page.parts[key] = live.replace(drawn, runner=weakref.ref(runner))
        room.sessions[name]._scriptrunner = runner
    room.store.seq = 2  # both parts show the latest event

    async def play() -> None:
        loop = asyncio.get_running_loop()
        room.sessions["dropped"]._scriptrunner = Runner()  # the browser's new run
        for name, runner in runners.items():
            on_event = live._on_finish(weakref.ref(room.sessions[name]), weakref.ref(runner),
                                       name, loop)
            on_event(runner, event=ScriptRunnerEvent.FRAGMENT_STOPPED_WITH_SUCCESS)
        await asyncio.sleep(0.1)
        room.sessions["dropped"]._scriptrunner = None  # the browser's run ended
        await until(lambda: room.runs("dropped"), 5)
        await asyncio.sleep(0.3)

    scene(room, play)
    assert [run.fragment_id_queue for run in room.runs("dropped")] == [["inbox"]]
    assert room.runs("delivered") == []


def test_a_page_that_no_longer_shows_its_watcher_is_forgotten(room: Room) -> None:
    room.desk("left", {"inbox": 1})
    room.sessions["left"].fragments = {"inbox"}  # the browser went to another page

    async def play() -> bool:
        room.move()
        return await until(lambda: "left" not in live._listeners.get(room.key, {}), 5)

    assert scene(room, play)
    assert room.runs("left") == []


def test_the_pusher_ticks_followed_sessions_and_checks_their_pages_when_the_minute_turns(
        room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    minute = [3.2]
    ticks: list[str] = []
    monkeypatch.setattr(live, "tick", lambda store, session_id: ticks.append(session_id))
    monkeypatch.setattr(live, "session_state", lambda store, session_id: SimpleNamespace(
        seq=store.seq, clock=SimpleNamespace(minute_at=lambda wall: minute[0])))
    room.desk("fire", {"clock-fire": 1}, minute=3)
    session = room.sessions["fire"]

    async def play() -> tuple[list[Any], bool]:
        live._pusher.start()
        await asyncio.sleep(1.2)  # a few ticks within minute 3: nothing to redraw
        before = list(session.runs)
        minute[0] = 4.1
        return before, await until(lambda: session.runs, 5)

    before, turned = scene(room, play)
    assert ticks and set(ticks) == {SESSION}  # released what fell due with no page polling
    assert before == []
    assert turned and session.runs[0].fragment_id_queue == ["clock-fire"]


class Page(SimpleNamespace):
    parts: dict[Any, live.Drawn]


@pytest.fixture
def drawing(monkeypatch: pytest.MonkeyPatch) -> Page:
    shown = Page(parts={})
    state = SimpleNamespace(seq=5, clock=SimpleNamespace(minute_at=lambda wall: 3.0))
    view = live.LiveView(None, "S-1", state, 0.0)  # type: ignore[arg-type]
    monkeypatch.setattr(live, "_page", lambda: shown)
    monkeypatch.setattr(live, "shared_poll", lambda store, session_id: view)
    monkeypatch.setattr(live, "_fragment_id", lambda: "fragment-1")
    monkeypatch.setattr(live.st, "fragment", lambda func, **kwargs: func)
    monkeypatch.setattr(live, "_run_marker", lambda: None)
    monkeypatch.setattr(live, "_watcher", lambda run_every: lambda store, session_id: None)
    return shown


def test_a_part_counts_as_drawn_once_drawn(drawing: Page) -> None:
    @live.live_fragment(depends=lambda view: (view.viewer, view.state.seq),
                        viewer=lambda: "Fire")
    def shows(view: Any) -> None:
        assert not drawing.parts  # not yet: its drawing is still being made
    shows(None, "S-1")  # type: ignore[arg-type]
    (drawn,) = drawing.parts.values()
    assert (drawn.fragment_id, drawn.seq, drawn.minute) == ("fragment-1", 5, 3)
    # what it shows was worked out for the page's viewer, who is kept for later checks
    assert (drawn.shows, drawn.viewer) == (("Fire", 5), "Fire")


def test_a_part_whose_last_drawing_was_dropped_knows_it(drawing: Page) -> None:
    """So what it showed once (a toast) is shown again; and only then."""
    seen: list[bool] = []

    @live.live_fragment()
    def part(view: Any) -> None:
        seen.append(view.lost)
    part(None, "S-1")  # type: ignore[arg-type]
    ((key, drawn),) = drawing.parts.items()
    drawing.parts[key] = live.replace(drawn, undelivered=True)  # as `_check_delivery` marks it
    part(None, "S-1")  # type: ignore[arg-type]
    part(None, "S-1")  # type: ignore[arg-type]
    assert seen == [False, True, False]


def test_a_part_cut_short_by_a_rerun_stays_out_of_date(drawing: Page) -> None:
    @live.live_fragment()
    def cut(view: Any) -> None:
        raise RerunException(None)  # type: ignore[arg-type]
    with pytest.raises(RerunException):
        cut(None, "S-1")  # type: ignore[arg-type]
    assert drawing.parts == {}  # the next watcher run asks for it again


def test_a_part_that_failed_is_drawn_again_a_little_later(drawing: Page) -> None:
    @live.live_fragment()
    def failing(view: Any) -> None:
        raise ValueError("shown by Streamlit in the part")
    with pytest.raises(ValueError):
        failing(None, "S-1")  # type: ignore[arg-type]
    (drawn,) = drawing.parts.values()  # its error is on show: not redrawn on every poll...
    store = FakeStore()
    store.seq = drawn.seq
    assert live.freshen(store, "S-1", drawn, now=drawn.at + 1) is drawn  # type: ignore[arg-type]
    # ... but tried again soon, so a passing failure does not stay on screen until the next event
    later = drawn.at + live.FAILED_RETRY_SECONDS
    assert live.freshen(store, "S-1", drawn, now=later) is None  # type: ignore[arg-type]

"""How a page is pushed when its session moves: never while its whole run is going on nor right
after it (a fragment run right behind a whole run lost what the whole run drew), at most
MAX_BOOSTED pages at once; and a live part counts as drawn only once its drawing was made."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
import streamlit.runtime as streamlit_runtime
from streamlit.runtime.app_session import AppSessionState
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException

from exercise.ui import live
from tests.asyncio_support import run_coroutine

KEY = (1, "S-1")


class FakeSession:
    """What `_push_now` uses of a Streamlit app session, recording the timer messages sent."""

    def __init__(self, fragment_id: str) -> None:
        self.fragment_id = fragment_id
        self._state = AppSessionState.APP_NOT_RUNNING
        self.timers: list[float | None] = []

    def has_fragment(self, fragment_id: str) -> bool:
        return fragment_id == self.fragment_id

    def _enqueue_forward_msg(self, msg: Any) -> None:
        if msg.WhichOneof("type") == "auto_rerun":
            self.timers.append(round(msg.auto_rerun.interval, 3))
        else:
            self.timers.append(None)

    @property
    def boosted(self) -> bool:
        return live.BOOST_SECONDS in self.timers


@pytest.fixture
def sessions(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, FakeSession]]:
    known: dict[str, FakeSession] = {}
    runtime = SimpleNamespace(get_app_session=known.get)
    monkeypatch.setattr(streamlit_runtime.Runtime, "instance", classmethod(lambda cls: runtime))
    for table in (live._boosted, live._full_runs, live._idle_since):
        table.clear()
    yield known
    for table in (live._boosted, live._full_runs, live._idle_since):
        table.clear()


def page(sessions: dict[str, FakeSession], name: str) -> tuple[str, live._Listener]:
    sessions[name] = FakeSession(f"watcher-{name}")
    return name, live._Listener(f"watcher-{name}", 2.0)


def test_a_page_is_pushed_only_after_its_whole_run_ended_and_a_quiet_time(
        sessions: dict[str, FakeSession], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "QUIET_SECONDS", 0.3)
    monkeypatch.setattr(live, "DEFER_SECONDS", 0.05)
    target = page(sessions, "clicking")
    session = sessions["clicking"]

    async def scene() -> tuple[bool, bool, float]:
        loop = asyncio.get_running_loop()
        live._full_runs["clicking"] = live.time.monotonic()
        session._state = AppSessionState.APP_IS_RUNNING  # its whole run draws the click
        live._push_now(KEY, [target])
        await asyncio.sleep(0.6)  # a whole run slower than the quiet time
        while_running = session.boosted
        session._state = AppSessionState.APP_NOT_RUNNING
        ended = loop.time()
        await asyncio.sleep(0.15)
        right_after = session.boosted
        while not session.boosted:
            await asyncio.sleep(0.01)
        return while_running, right_after, loop.time() - ended

    while_running, right_after, waited = run_coroutine(scene())
    assert not while_running
    assert not right_after
    assert 0.3 <= waited < 1.0


def test_a_page_whose_whole_run_is_long_past_is_pushed_at_once(
        sessions: dict[str, FakeSession]) -> None:
    target = page(sessions, "desk")
    live._full_runs["desk"] = live.time.monotonic() - live.BUSY_SECONDS - 1

    async def scene() -> None:
        live._push_now(KEY, [target])

    run_coroutine(scene())
    assert sessions["desk"].timers == [live.BOOST_SECONDS]


def test_at_most_max_boosted_pages_are_boosted_at_once_and_each_boost_is_taken_back(
        sessions: dict[str, FakeSession], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "MAX_BOOSTED", 2)
    monkeypatch.setattr(live, "SETTLE_SECONDS", 0.1)
    targets = [page(sessions, f"desk-{n}") for n in range(5)]

    async def scene() -> int:
        live._push_now(KEY, targets)
        boosted = sum(s.boosted for s in sessions.values())
        await asyncio.sleep(0.2)  # nobody answered: each boost is taken back
        return boosted

    assert run_coroutine(scene()) == 2  # the other three poll on their own 2 s timer
    assert not live._boosted
    assert [s.timers for s in sessions.values() if s.timers] == [[live.BOOST_SECONDS, 2.0]] * 2


class Page(SimpleNamespace):
    parts: dict[Any, live.Drawn]


@pytest.fixture
def drawing(monkeypatch: pytest.MonkeyPatch) -> Page:
    shown = Page(parts={})
    view = SimpleNamespace(state=SimpleNamespace(seq=5), minute=3.0)
    monkeypatch.setattr(live, "_page", lambda: shown)
    monkeypatch.setattr(live, "shared_poll", lambda store, session_id: view)
    monkeypatch.setattr(live, "_fragment_id", lambda: "fragment-1")
    monkeypatch.setattr(live.st, "fragment", lambda func, **kwargs: func)
    monkeypatch.setattr(live, "_run_marker", lambda: None)
    monkeypatch.setattr(live, "_watcher", lambda run_every: lambda store, session_id: None)
    return shown


def test_a_part_counts_as_drawn_once_drawn(drawing: Page) -> None:
    @live.live_fragment(depends=lambda view: view.state.seq)
    def shows(view: Any) -> None:
        assert not drawing.parts  # not yet: its drawing is still being made
    shows(None, "S-1")  # type: ignore[arg-type]
    (drawn,) = drawing.parts.values()
    assert (drawn.fragment_id, drawn.seq, drawn.minute, drawn.shows) == ("fragment-1", 5, 3, 5)


def test_a_part_cut_short_by_a_rerun_stays_out_of_date(drawing: Page) -> None:
    @live.live_fragment()
    def cut(view: Any) -> None:
        raise RerunException(None)  # type: ignore[arg-type]
    with pytest.raises(RerunException):
        cut(None, "S-1")  # type: ignore[arg-type]
    assert drawing.parts == {}  # the next watcher run asks for it again


def test_a_part_that_failed_counts_as_drawn_with_its_error_on_show(drawing: Page) -> None:
    @live.live_fragment()
    def failing(view: Any) -> None:
        raise ValueError("shown by Streamlit in the part")
    with pytest.raises(ValueError):
        failing(None, "S-1")  # type: ignore[arg-type]
    assert len(drawing.parts) == 1  # not redrawn (and failing) on every poll

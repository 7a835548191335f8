"""A desk served by a real app process, polled as a browser polls it (a websocket client that
keeps every fragment's timer): while nothing happens its polls send nothing of the inbox again,
and every inject written after that still reaches it. And a desk whose timers never fire gets
each new inject all the same, pushed by the server as soon as it learns of it; an inject to
another agency costs its page no run at all."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from benchmarks.live_client import LiveClient
from tests.asyncio_support import run_coroutine, until
from tests.served_desk import one_desk_room


async def _desk_story(url: str, code: str, write: object) -> None:
    desk = LiveClient(url, "desk", f"k={code}")
    await desk.open()
    try:
        assert await desk.first_drawn(), "the desk never finished opening"
        assert len(desk.fragments) == 1, "one timer per page, however many live parts it has"
        desk.expect("Before the desk opened")
        runs = desk.runs
        # two timer runs (5 s apart; more time allowed for a loaded machine)
        assert await until(lambda: desk.runs >= runs + 2, 30), "the desk kept polling"
        assert "Before the desk opened" not in desk.seen, "an idle poll drew the inbox again"
        for n in range(3):
            title = f"Bridge closed {n}"
            desk.expect(title)
            await asyncio.to_thread(write, title)  # type: ignore[arg-type]
            arrived = await until(lambda title=title: title in desk.seen, 30)
            assert arrived, f"{title} never reached the desk"
    finally:
        await desk.close()


@pytest.mark.slow
def test_an_idle_desk_poll_redraws_nothing_and_every_inject_arrives(tmp_path: Path) -> None:
    with one_desk_room(tmp_path) as room:
        room.write("Before the desk opened")
        run_coroutine(_desk_story(room.serve(), room.table_code, room.write))


class TimerlessDesk(LiveClient):
    """A desk whose page timers never fire: whatever reaches it was pushed (the server runs
    the page's out-of-date parts itself)."""

    async def _poll(self, fragment_id: str, interval: float) -> None:
        return


async def _pushed_story(url: str, code: str, write: object) -> None:
    desk = TimerlessDesk(url, "desk", f"k={code}")
    await desk.open()
    try:
        assert await desk.first_drawn(), "the desk never finished opening"
        for n in range(2):
            title = f"Pushed {n}"
            desk.expect(title)
            sent = time.monotonic()
            await asyncio.to_thread(write, title)  # type: ignore[arg-type]
            arrived = await until(lambda title=title: title in desk.seen, 30)
            assert arrived, f"{title} never reached a desk that does not poll"
            assert time.monotonic() - sent < 10
    finally:
        await desk.close()


@pytest.mark.slow
def test_a_new_inject_is_pushed_to_a_desk_without_waiting_for_its_timer(tmp_path: Path) -> None:
    with one_desk_room(tmp_path) as room:
        run_coroutine(_pushed_story(room.serve(), room.table_code, room.write))


async def _two_desks_story(url: str, codes: list[str], write: object) -> None:
    desks = [TimerlessDesk(url, "desk", f"k={code}") for code in codes]
    for desk in desks:
        await desk.open()
    try:
        for desk in desks:
            assert await desk.first_drawn(), "a desk never finished opening"
        for table in (0, 1, 0):
            title = f"For table {table} at {time.monotonic()}"
            desks[table].expect(title)
            other = desks[1 - table]
            runs_before = other.runs
            await asyncio.to_thread(write, title, table)  # type: ignore[arg-type]
            assert await until(lambda title=title, table=table: title in desks[table].seen, 30)
            await asyncio.sleep(0.5)  # a run of the other page would have ended by now
            assert other.runs == runs_before, "an inject to another agency redrew this desk"
            assert title not in other.seen
    finally:
        for desk in desks:
            await desk.close()


@pytest.mark.slow
def test_an_inject_runs_only_the_desk_it_concerns(tmp_path: Path) -> None:
    # the clock stands still: no desk's clock part falls out of date while the test runs
    with one_desk_room(tmp_path, tables=2, clock_running=False) as room:
        run_coroutine(_two_desks_story(room.serve(), [room.code(0), room.code(1)], room.write))

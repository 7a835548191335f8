"""A minimal Streamlit websocket client for load tests: it opens a page as a browser would
(`rerun_script` with the page and query string), keeps every `st.fragment(run_every=…)` polling
on its timer as the browser's JavaScript does (a timer message with a new period restarts the
timer, a stop message ends it, a full run's start ends them all), and notes when a text first
arrives. It draws
nothing, so 100 of them measure the server, not 100 browsers sharing the server's cores.

It keeps no message: each arriving message is searched once for the texts asked with `expect`
(a client that kept them all and searched them again every 20 ms spent more CPU than the server
it measured, on the same two cores)."""

from __future__ import annotations

import asyncio
import os
import time
from collections import deque
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

TRACE = bool(os.environ.get("BENCH_TRACE"))  # keep the last messages' summaries (bench_live.py)


def _summary(message: ForwardMsg) -> str:
    kind = message.WhichOneof("type")
    if kind == "delta":
        d = message.delta
        what = d.WhichOneof("type")
        if what == "new_element":
            what = d.new_element.WhichOneof("type")
        return f"delta {what} frag={d.fragment_id[:8]} path={list(message.metadata.delta_path)}"
    if kind == "script_finished":
        return "finished " + ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
    if kind == "new_session":
        return f"new_session frags={[f[:8] for f in message.metadata.run.fragment_ids]}"
    return str(kind)


@dataclass
class LiveClient:
    base_url: str  # http://127.0.0.1:PORT
    page: str  # url path of the page, e.g. "desk"
    query: str  # e.g. "k=CODE"
    fragments: dict[str, float] = field(default_factory=dict)
    runs: int = 0  # script runs finished (the page's and every fragment rerun)
    received_bytes: int = 0
    seen: dict[str, float] = field(default_factory=dict)  # expected text -> first arrival
    # timer messages received: "boost" (a period under 1 s), "timer" (any other), "stop"
    timer_messages: dict[str, int] = field(default_factory=dict)
    finished: dict[str, int] = field(default_factory=dict)  # script runs by how they ended
    _expected: dict[str, bytes] = field(default_factory=dict)
    _socket: object | None = None
    _running: tuple[str, ...] = ()  # the fragments of the run under way (none: the page's)
    # the page's hash from its navigation message: every rerun names it, as a browser's does, so
    # a whole rerun the server starts from a part (`st.rerun(scope="app")`) runs the same page
    _page_hash: str = ""
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    trace: deque[tuple[float, str]] = field(default_factory=lambda: deque(maxlen=300))
    _timers: dict[str, asyncio.Task[None]] = field(default_factory=dict)

    async def open(self) -> None:
        ws_url = self.base_url.replace("http://", "ws://") + "/_stcore/stream"
        self._socket = await websockets.connect(
            ws_url, subprotocols=["streamlit"], origin=self.base_url, max_size=2**26,
            open_timeout=120, ping_interval=None)  # a loaded machine answers slowly; browsers
        # send no websocket pings of their own (the server pings)
        self._tasks.append(asyncio.create_task(self._read()))
        await self._rerun(None)

    async def first_drawn(self, within: float = 120.0) -> bool:
        """Whether the page's first run finished and set its timer within `within` seconds;
        then two seconds more, for its first drawing to be done and the page to listen."""
        deadline = time.monotonic() + within
        while not (self.runs >= 1 and self.fragments):
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.05)
        await asyncio.sleep(2.0)
        return True

    def expect(self, text: str) -> None:
        """Note the first arrival of `text` from now on (see `seen`)."""
        self._expected[text] = text.encode("utf-8")

    async def _rerun(self, fragment_id: str | None) -> None:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        state.page_script_hash = self._page_hash
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = True
        await self._socket.send(message.SerializeToString())  # type: ignore[attr-defined]

    async def _read(self) -> None:
        async for raw in self._socket:  # type: ignore[attr-defined]
            now = time.perf_counter()
            self.received_bytes += len(raw)
            for text, needle in list(self._expected.items()):
                if needle in raw:
                    self.seen[text] = now
                    del self._expected[text]
            message = ForwardMsg()
            message.ParseFromString(raw)
            if TRACE:
                self.trace.append((now, _summary(message)))
            self._follow(message)

    def _follow(self, message: ForwardMsg) -> None:
        """Keep the fragments' timers as the browser does, and count finished runs."""
        kind = message.WhichOneof("type")
        if kind == "navigation" and message.navigation.page_script_hash:
            self._page_hash = message.navigation.page_script_hash
        if kind in ("auto_rerun", "stop_auto_rerun"):
            what = ("stop" if kind == "stop_auto_rerun" else
                    "boost" if message.auto_rerun.interval < 1 else "timer")
            self.timer_messages[what] = self.timer_messages.get(what, 0) + 1
        if kind == "auto_rerun":
            self._set_timer(message.auto_rerun.fragment_id, message.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fragment_id in message.stop_auto_rerun.fragment_ids:
                self._set_timer(fragment_id, None)
        elif kind == "new_session" and not message.metadata.run.fragment_ids:
            self._running = ()
            self._stop_timers()  # a full run: its fragments set theirs again
        elif kind == "new_session":
            self._running = tuple(message.metadata.run.fragment_ids)
        elif kind == "script_finished":
            self.runs += 1
            status = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished).lower()
            ran = ("page" if not self._running else
                   "watcher" if self._running[0] in self.fragments else "part")
            how = f"{ran} {status}"
            self.finished[how] = self.finished.get(how, 0) + 1

    def _stop_timers(self) -> None:
        for fragment_id in list(self._timers):
            self._set_timer(fragment_id, None)

    def _set_timer(self, fragment_id: str, interval: float | None) -> None:
        """As the browser does: the same period again changes nothing; another restarts it."""
        if interval is not None and self.fragments.get(fragment_id) == interval:
            return
        timer = self._timers.pop(fragment_id, None)
        if timer is not None:
            timer.cancel()
        self.fragments.pop(fragment_id, None)
        if interval is not None:
            self.fragments[fragment_id] = interval
            self._timers[fragment_id] = asyncio.create_task(self._poll(fragment_id, interval))

    async def _poll(self, fragment_id: str, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            await self._rerun(fragment_id)

    async def close(self) -> None:
        for task in [*self._tasks, *self._timers.values()]:
            task.cancel()
        if self._socket is not None:
            await self._socket.close()  # type: ignore[attr-defined]

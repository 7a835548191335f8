"""`exercise serve --workers N` as the room runs it, for the tests and the benchmark: the
supervisor with its HAProxy and workers, and desks that reach it through the proxy as a
browser does (the EXERCISE_WORKER cookie, and a reconnect when their worker goes away).

The desks are the live client of benchmarks/live_client.py (a websocket that polls like the
browser and draws nothing), with the two things a browser adds behind a proxy: it sends the
proxy's cookie back, and when the connection drops it connects again and asks for its page."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.live_client import LiveClient
from exercise.serving.proxy import find_haproxy
from tests.integration.processes import EXERCISE, ROOT, free_port

COOKIE = "EXERCISE_WORKER"
READY = re.compile(r"worker (w\d+) ready on (\S+) \(pid (\d+)\)")
START_SECONDS = 240.0


def require_haproxy() -> str:
    """HAProxy from Debian's package, installed by .ci/system-deps.sh when missing (as root)."""
    found = find_haproxy()
    if found is None and os.geteuid() == 0:
        subprocess.run(["bash", str(ROOT / ".ci" / "system-deps.sh")], check=False, timeout=600)
        found = find_haproxy()
    if found is None:
        message = "haproxy is missing (apt-get install haproxy, or `make system-deps` as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


@dataclass
class Fleet:
    """The supervisor process and what it printed: the workers' names and process ids."""

    port: int
    log: Path
    process: subprocess.Popen[bytes]
    pids: dict[str, int] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def start(cls, folder: Path, database_url: str, workers: int = 2) -> Fleet:
        port = free_port()
        log = folder / "serve.log"
        env = {**os.environ, "EXERCISE_DATABASE_URL": database_url}
        env.pop("STREAMLIT_SERVER_COOKIE_SECRET", None)
        with log.open("ab") as out:
            process = subprocess.Popen(
                [str(EXERCISE), "serve", "--workers", str(workers), "--port", str(port),
                 "--address", "127.0.0.1", "--data-dir", str(folder / "data"),
                 "--scenarios", str(ROOT / "scenarios")],
                cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT)
        fleet = cls(port, log, process)
        deadline = time.monotonic() + START_SECONDS
        while "open http://localhost" not in fleet.text():
            if process.poll() is not None or time.monotonic() > deadline:
                fleet.stop()
                raise AssertionError(f"exercise serve --workers did not start:\n{fleet.text()}")
            time.sleep(0.3)
        fleet.pids = {name: int(pid) for name, _, pid in READY.findall(fleet.text())}
        return fleet

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def kill_9(self, worker: str) -> None:
        os.kill(self.pids[worker], signal.SIGKILL)

    def stop(self) -> int | None:
        """Ctrl-C, as the person who started it would; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                return self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return self.process.returncode


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):  # a zombie waiting for its parent counts as gone
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    return False


@dataclass
class ProxiedDesk(LiveClient):
    """A page behind the proxy: `worker` is the one whose cookie it holds (the proxy's choice,
    or the one asked for); `connections` counts its websockets, reconnections included."""

    worker: str | None = None
    connections: int = 0
    arrivals: dict[str, list[float]] = field(default_factory=dict)
    buttons: dict[str, str] = field(default_factory=dict)  # key -> widget id
    _closing: bool = False

    async def open(self) -> None:
        await self._connect()
        self._tasks.append(asyncio.create_task(self._keep_connected()))

    async def _connect(self) -> None:
        ws_url = self.base_url.replace("http://", "ws://") + "/_stcore/stream"
        headers = {"Cookie": f"{COOKIE}={self.worker}"} if self.worker else {}
        # no keep-alive pings, as a browser's WebSocket sends none: on a saturated machine an
        # unanswered ping would close every desk at once and measure the client's patience
        socket = await websockets.connect(ws_url, subprotocols=["streamlit"], origin=self.base_url,
                                          max_size=2**26, additional_headers=headers,
                                          ping_interval=None)
        given = re.search(rf"{COOKIE}=([^;]+)", socket.response.headers.get("Set-Cookie", ""))
        if given:
            self.worker = given.group(1)
        self._socket = socket
        self.connections += 1
        self._stop_timers()  # the new session announces its fragments again
        await self._rerun(None)

    async def _keep_connected(self) -> None:
        """Read until the connection drops, then connect again (every half second), as
        Streamlit's page does when its server goes away."""
        while not self._closing:
            with contextlib.suppress(websockets.ConnectionClosed, OSError):
                await self._read()
            if self._closing:
                return
            self._stop_timers()  # the old session's fragment timers
            while not self._closing:
                await asyncio.sleep(0.5)
                try:
                    await self._connect()
                    break
                except (OSError, websockets.InvalidHandshake, websockets.InvalidStatus):
                    continue

    def watch(self, text: str) -> None:
        """Note every arrival of `text` from now on (`arrivals[text]`)."""
        self.arrivals.setdefault(text, [])

    def seen_since(self, text: str, since: float) -> bool:
        return any(t >= since for t in self.arrivals.get(text, []))

    async def _read(self) -> None:
        """Read the page's messages: the watched texts, the buttons, the fragments' timers."""
        async for raw in self._socket:  # type: ignore[attr-defined]
            now = time.perf_counter()
            for text, times in self.arrivals.items():
                if text.encode("utf-8") in raw:
                    times.append(now)
            message = ForwardMsg()
            message.ParseFromString(raw)
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.new_element.WhichOneof("type") == "button":
                button = message.delta.new_element.button
                self.buttons[button.id.rsplit("-", 1)[-1]] = button.id
            else:
                self._follow(message)

    async def press(self, button_id: str) -> None:
        """Press a button of the page (a full rerun with its trigger set)."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        widget = state.widget_states.widgets.add()
        widget.id = button_id
        widget.trigger_value = True
        await self._socket.send(message.SerializeToString())  # type: ignore[attr-defined]

    async def close(self) -> None:
        self._closing = True
        await super().close()

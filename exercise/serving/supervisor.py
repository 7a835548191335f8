"""`exercise serve --workers N`: N app processes on one PostgreSQL behind HAProxy, started,
watched and stopped together.

Start: the workers on free loopback ports (they import Streamlit together), each until its
health check answers; then HAProxy on the public port. Watch: a worker that dies is started
again on its port (after 1, 2, 4… s, up to 30 s, while it keeps dying); meanwhile HAProxy's
health check has taken it out and its desks reconnect to another worker. Stop (Ctrl-C or
SIGTERM): the proxy first, so no browser reaches a stopping worker, then the workers.
Proxy-only mode (`backends` given, no workers): HAProxy in front of app hosts elsewhere."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from exercise.serving.app import streamlit_command
from exercise.serving.errors import ServingError
from exercise.serving.processes import log_tail, spawn, stop
from exercise.serving.proxy import Backend, haproxy_config, proxy_command, write_config

COOKIE_SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"
START_SECONDS = 180.0  # a worker's first start on a busy 2-core machine takes 10-40 s
RESTART_DELAYS = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)
STEADY_SECONDS = 60.0  # a worker up this long is healthy again: its next death restarts at once

Say = Callable[..., None]  # say(key, **values): one line for the person who started it


@dataclass
class Plan:
    address: str  # where the proxy listens
    port: int
    run_dir: Path  # configuration and logs
    workers: int = 0
    backends: list[Backend] = field(default_factory=list)  # proxy-only: app hosts elsewhere
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    haproxy: str = "haproxy"
    tls_cert: Path | None = None  # HTTPS at the proxy


@dataclass
class Worker:
    backend: Backend
    log: Path
    env: Mapping[str, str]
    process: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    deaths: int = 0
    restart_at: float | None = None

    def start(self) -> None:
        command = streamlit_command(self.backend.port, self.backend.host)
        self.process = spawn(command, self.log, self.env)
        self.started = time.monotonic()

    def healthy(self) -> bool:
        return _healthy(f"http://{self.backend.address}/_stcore/health")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def port_taken(address: str, port: int) -> bool:
    """Whether another program listens on `address:port` already (IPv4 addresses)."""
    if ":" in address:
        return False  # HAProxy itself says so, a moment later
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("" if address == "0.0.0.0" else address, port))
        except OSError:
            return True
    return False


class Supervisor:
    def __init__(self, plan: Plan, say: Say) -> None:
        self.plan = plan
        self.say = say
        self.workers: list[Worker] = []
        self.proxy: subprocess.Popen[bytes] | None = None
        self.proxy_log = plan.run_dir / "haproxy.log"
        self._stopping = False

    # -- start ----------------------------------------------------------------------------------

    def start(self) -> None:
        if port_taken(self.plan.address, self.plan.port):  # before the workers' long start
            raise ServingError("serving.port_taken", address=self.plan.address, port=self.plan.port)
        env = dict(self.plan.env)
        # One cookie secret for every worker, so a form's XSRF cookie made by one is accepted
        # by another after a failover.
        env.setdefault(COOKIE_SECRET_ENV, secrets.token_hex(32))
        for number in range(1, self.plan.workers + 1):
            backend = Backend(f"w{number}", "127.0.0.1", free_port())
            self.workers.append(Worker(backend, self.plan.run_dir / f"worker-w{number}.log", env))
        backends = [w.backend for w in self.workers] or self.plan.backends
        text = haproxy_config(self.plan.address, self.plan.port, backends, self.plan.tls_cert)
        config = write_config(self.plan.run_dir, text, self.plan.haproxy)
        for worker in self.workers:
            worker.start()
        self._wait_for_workers()
        self.proxy = spawn(proxy_command(self.plan.haproxy, config), self.proxy_log)
        self._wait_for_proxy()

    def _wait_for_workers(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        waiting = list(self.workers)
        while waiting:
            for worker in list(waiting):
                assert worker.process is not None
                code = worker.process.poll()
                if code is not None:
                    raise ServingError("serving.worker_failed", name=worker.backend.name, code=code,
                                       log=worker.log, tail=log_tail(worker.log))
                if worker.healthy():
                    waiting.remove(worker)
                    self.say("serving.worker_ready", name=worker.backend.name,
                             address=worker.backend.address, pid=worker.process.pid)
            if waiting and time.monotonic() > deadline:
                slow = waiting[0]
                raise ServingError("serving.worker_slow", name=slow.backend.name,
                                   seconds=int(START_SECONDS), log=slow.log)
            time.sleep(0.3)

    def _wait_for_proxy(self) -> None:
        assert self.proxy is not None
        host = "127.0.0.1" if self.plan.address in ("", "0.0.0.0", "::") else self.plan.address
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            code = self.proxy.poll()
            if code is not None:
                raise ServingError("serving.proxy_failed", address=self.plan.address,
                                   port=self.plan.port, reason=log_tail(self.proxy_log, 3))
            try:
                with socket.create_connection((host.strip("[]"), self.plan.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise ServingError("serving.proxy_failed", address=self.plan.address, port=self.plan.port,
                           reason=log_tail(self.proxy_log, 3))

    # -- watch ----------------------------------------------------------------------------------

    def watch_once(self) -> None:
        """Restart workers that died; stop when the proxy died."""
        assert self.proxy is not None
        code = self.proxy.poll()
        if code is not None and not self._stopping:
            raise ServingError("serving.proxy_died", code=code, log=self.proxy_log)
        now = time.monotonic()
        for worker in self.workers:
            assert worker.process is not None
            if worker.restart_at is not None:
                if now >= worker.restart_at:
                    worker.restart_at = None
                    worker.start()
                    assert worker.process is not None
                    self.say("serving.restarted", name=worker.backend.name,
                             address=worker.backend.address, pid=worker.process.pid)
                continue
            code = worker.process.poll()
            if code is None or self._stopping:
                continue
            if now - worker.started > STEADY_SECONDS:
                worker.deaths = 0
            delay = RESTART_DELAYS[min(worker.deaths, len(RESTART_DELAYS) - 1)]
            worker.deaths += 1
            worker.restart_at = now + delay
            self.say("serving.restarting", name=worker.backend.name, code=code, seconds=delay,
                     log=worker.log)

    def run_forever(self) -> None:
        while True:
            self.watch_once()
            time.sleep(0.5)

    # -- stop -----------------------------------------------------------------------------------

    def stop(self) -> None:
        self._stopping = True
        if self.proxy is not None:
            stop([self.proxy], grace=5)
        stop([w.process for w in self.workers if w.process is not None])


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve(plan: Plan, say: Say) -> int:
    """Run until Ctrl-C or SIGTERM; everything started is stopped before returning."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    # also when started in the background of a script, where SIGINT arrives ignored
    previous_int = signal.signal(signal.SIGINT, _interrupt)
    supervisor = Supervisor(plan, say)
    try:
        supervisor.start()
        say("serving.open", scheme="https" if plan.tls_cert else "http", port=plan.port,
            workers=len(supervisor.workers) or len(plan.backends), folder=plan.run_dir)
        supervisor.run_forever()
    except KeyboardInterrupt:
        say("serving.stopping")
    finally:
        # a second Ctrl-C or SIGTERM must not cut the stop short and leave children behind
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        supervisor.stop()
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)
    say("serving.stopped")
    return 0

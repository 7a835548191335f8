"""The host names the server answers to (DNS rebinding guard), without a server."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from exercise.ui.hosts import HostGuard, allowed_hosts, configured_hosts, host_allowed, host_name


def _run_alone(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run on a thread of its own: in a worker that also ran the browser tests, Playwright's
    event loop is still running on this thread and `asyncio.run` refuses to start another."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def test_host_headers_are_read_as_names() -> None:
    assert host_name("LocalHost:8501") == "localhost"
    assert host_name("[::1]:8501") == "::1"
    assert host_name("http://exercise.example.org.") == "exercise.example.org"
    for bad in ("", "user@evil.example", "evil.example:notaport", "a/b", "x?y"):
        assert host_name(bad) is None, bad


def test_patterns_and_the_environment() -> None:
    env = {"EXERCISE_ALLOWED_HOSTS": "drill.example.org, *.county.example",
           "EXERCISE_PUBLIC_URL": "https://Exercise.Example.org/tabletop/"}
    patterns = allowed_hosts("", env)
    assert {"localhost", "127.0.0.1", "::1"} <= patterns
    assert set(configured_hosts(env)) == {"drill.example.org", "*.county.example",
                                          "exercise.example.org"}
    for good in ("localhost:8501", "127.0.0.1", "[::1]:80", "exercise.example.org",
                 "room-2.county.example:8501", "DRILL.example.org"):
        assert host_allowed(good, patterns), good
    for bad in ("evil.example:8501", "county.example.evil.example", "evilcounty.example",
                "exercise.example.org.evil.example", None, ""):
        assert not host_allowed(bad, patterns), bad
    assert host_allowed("anything.example", allowed_hosts("", {"EXERCISE_ALLOWED_HOSTS": "*"}))
    assert "10.1.2.3" in allowed_hosts("10.1.2.3", {})


@given(st.text(max_size=60))
def test_any_host_header_is_answered_never_a_crash(header: str) -> None:
    assert host_allowed(header, {"localhost", "*.example.org"}) in (True, False)


def _through_guard(scope_type: str, headers: dict[str, str]) -> list[dict]:
    sent: list[dict] = []
    reached: list[bool] = []

    async def app(scope, receive, send) -> None:
        reached.append(True)

    async def send(message) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {}

    guard = HostGuard(app, hosts=lambda: {"localhost", "127.0.0.1", "drill.example.org"})
    scope = {"type": scope_type,
             "headers": [(k.encode(), v.encode()) for k, v in headers.items()]}
    _run_alone(guard(scope, receive, send))
    return [{"reached": True}] if reached else sent


def test_the_guard_refuses_pages_and_websockets_for_other_hosts() -> None:
    assert _through_guard("http", {"host": "127.0.0.1:8501"}) == [{"reached": True}]
    [start, _] = _through_guard("http", {"host": "evil.example:8501"})
    assert start["status"] == 400
    [close] = _through_guard("websocket", {"host": "evil.example:8501",
                                           "origin": "http://evil.example:8501"})
    assert close["type"] == "websocket.close"
    same = {"host": "drill.example.org", "origin": "https://drill.example.org"}
    assert _through_guard("websocket", same) == [{"reached": True}]
    # A page of another allowed site may not open this server's websocket either.
    [cross] = _through_guard("websocket", {"host": "127.0.0.1:8501",
                                           "origin": "https://drill.example.org"})
    assert cross["type"] == "websocket.close"
    assert _through_guard("websocket", {"host": "127.0.0.1:8501",
                                        "origin": "http://localhost:3000"}) == [{"reached": True}]

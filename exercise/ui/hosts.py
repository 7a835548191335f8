"""Which host names the server answers to, and an ASGI guard that refuses the others.

A page on another site whose name is made to resolve to this machine (DNS rebinding) sends its
own name in the `Host` header: refusing unknown hosts keeps it from reading the pages that need
no code, or opening the app's websocket. The hosts the server is meant to be reached by are this
machine's names and addresses, the host of `EXERCISE_PUBLIC_URL`, and `EXERCISE_ALLOWED_HOSTS`
(comma-separated; `*.example.org` allows its subdomains, `*` allows any host).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

ALLOWED_HOSTS_ENV = "EXERCISE_ALLOWED_HOSTS"
PUBLIC_URL_ENV = "EXERCISE_PUBLIC_URL"
LOOPBACK = ("localhost", "127.0.0.1", "::1")
WILDCARD_ADDRESSES = {"", "0.0.0.0", "::"}

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def host_name(header: str) -> str | None:
    """The host name of a `Host` header or an origin (`name:port`, `[v6]:port`, `http://…`),
    lower-case without a trailing dot; None when it is not a plain host."""
    text = header.strip()
    if not text:
        return None
    try:
        parts = urlsplit(text if "//" in text else f"//{text}")
        name = parts.hostname
        _ = parts.port  # a port that is not a number makes the header invalid
    except ValueError:
        return None
    if not name or parts.username or parts.password or parts.path not in ("", "/") \
            or parts.query or parts.fragment:
        return None
    return name.lower().rstrip(".")


def _machine_names() -> set[str]:
    """This machine's own names and addresses, found without sending anything."""
    names: set[str] = set()
    hostname = socket.gethostname().lower()
    if hostname:
        names |= {hostname, f"{hostname}.local"}
        try:
            names |= {str(info[4][0]).lower()
                      for info in socket.getaddrinfo(hostname, None)}
        except OSError:
            pass
    try:  # the address of the default route: a UDP "connect" sends no packet
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1, never routed anywhere
            names.add(str(probe.getsockname()[0]))
    except OSError:
        pass
    return names


def configured_hosts(environ: MutableMapping[str, str] | None = None) -> list[str]:
    """The host patterns named in the environment: `EXERCISE_ALLOWED_HOSTS` and the host of
    `EXERCISE_PUBLIC_URL`."""
    env = os.environ if environ is None else environ
    patterns = [item.strip().lower().rstrip(".")
                for item in env.get(ALLOWED_HOSTS_ENV, "").replace(" ", ",").split(",")]
    public = env.get(PUBLIC_URL_ENV, "").strip()
    if public:
        name = urlsplit(public if "//" in public else f"//{public}").hostname
        if name:
            patterns.append(name.lower().rstrip("."))
    return [p for p in patterns if p]


def allowed_hosts(server_address: str = "",
                  environ: MutableMapping[str, str] | None = None) -> frozenset[str]:
    """Every host pattern the server answers to."""
    hosts = set(LOOPBACK) | _machine_names() | set(configured_hosts(environ))
    if server_address.strip().lower() not in WILDCARD_ADDRESSES:
        hosts.add(server_address.strip().lower().strip("[]"))
    return frozenset(hosts)


def host_allowed(header: str | None, patterns: Iterable[str]) -> bool:
    name = host_name(header or "")
    if name is None:
        return False
    for pattern in patterns:
        if pattern == "*" or name == pattern:
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]):
            return True
    return False


class HostGuard:
    """ASGI middleware: a request or websocket handshake whose `Host` (or, for a websocket,
    whose `Origin`) is not an allowed host is refused before the app sees it."""

    def __init__(self, app: ASGIApp, hosts: Callable[[], Iterable[str]] | None = None) -> None:
        self.app = app
        self._hosts = hosts or _hosts_from_config
        self._cached: frozenset[str] | None = None

    def patterns(self) -> frozenset[str]:
        if self._cached is None:
            self._cached = frozenset(self._hosts())
        return self._cached

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        patterns = self.patterns()
        allowed = host_allowed(headers.get("host"), patterns)
        origin = headers.get("origin")
        if allowed and scope["type"] == "websocket" and origin is not None:
            allowed = _same_site(origin, headers.get("host", ""), patterns)
        if allowed:
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})  # refused before accept: 403
        else:
            await _refuse(send)


def _same_site(origin: str, host: str, patterns: Iterable[str]) -> bool:
    """A websocket may come from a page of this server (same address), or from a page on
    this machine (loopback, any port); anything else is refused here, before Streamlit's own
    origin check would look up this machine's external address on the internet."""
    if not host_allowed(origin, patterns):
        return False
    return urlsplit(origin).netloc.lower() == host.strip().lower() or host_name(origin) in LOOPBACK


async def _refuse(send: Send) -> None:
    body = (b"This server does not answer to that host name. Open it by the address the "
            b"organizer gave, or add the name to EXERCISE_ALLOWED_HOSTS.\n")
    await send({"type": "http.response.start", "status": 400,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _hosts_from_config() -> frozenset[str]:
    from streamlit import config

    return allowed_hosts(str(config.get_option("server.address") or ""))

"""Real-browser harness: `exercise serve` in a subprocess, Debian's chromium through Playwright,
and every request that would leave the machine blocked and recorded.

Browser tests carry `pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]`,
so under `--dist loadgroup` one worker runs them all against one server. Screenshots go to
test-artifacts/browser/ (gitignored).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
STARTUP_SECONDS = 60


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing (apt-get install chromium, or `make system-deps`)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log: Path


def _wait_healthy(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"exercise serve exited:\n{server.log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"exercise serve not healthy after {STARTUP_SECONDS} s:\n"
                       f"{server.log.read_text(errors='replace')}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    _need_chromium()
    work = tmp_path_factory.mktemp("serve")
    port = _free_port()
    log = work / "serve.log"
    command = [
        sys.executable, "-m", "exercise", "serve",
        "--port", str(port), "--address", "127.0.0.1",
        "--data-dir", str(work / "data"), "--scenarios", str(ROOT / "scenarios"),
    ]
    # Started from a folder of its own: the app must not depend on the working folder.
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=work, stdout=out, stderr=subprocess.STDOUT)
    running = Server(f"http://127.0.0.1:{port}", work / "data", process, log)
    try:
        _wait_healthy(running)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(server: Server) -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Visit:
    """One browser context: its page, the server, and what it tried to fetch."""

    page: object
    base_url: str
    blocked: list[str] = field(default_factory=list)
    local: list[str] = field(default_factory=list)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        return path


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


def guarded_context(browser: object, visit: Visit, **options: object) -> object:
    """A browser context in which every non-local request and websocket is blocked and
    recorded in `visit`; its first page becomes `visit.page`."""
    context = browser.new_context(service_workers="block", **options)  # type: ignore[attr-defined]

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if is_local(url):
            visit.local.append(url)
            route.continue_()  # type: ignore[attr-defined]
        else:
            visit.blocked.append(url)
            route.abort("blockedbyclient")  # type: ignore[attr-defined]

    def guard_socket(socket_route: object) -> None:
        url = socket_route.url  # type: ignore[attr-defined]
        if is_local(url.replace("ws://", "http://").replace("wss://", "https://")):
            socket_route.connect_to_server()  # type: ignore[attr-defined]
        else:
            visit.blocked.append(url)
            socket_route.close()  # type: ignore[attr-defined]

    context.route("**/*", guard)  # type: ignore[attr-defined]
    context.route_web_socket("**/*", guard_socket)  # type: ignore[attr-defined]
    visit.page = context.new_page()  # type: ignore[attr-defined]
    return context


@pytest.fixture
def visit(browser: object, server: Server) -> Iterator[Visit]:
    current = Visit(page=None, base_url=server.url)
    context = guarded_context(browser, current, viewport={"width": 1400, "height": 1000},
                              locale="zh-TW")
    try:
        yield current
    finally:
        context.close()  # type: ignore[attr-defined]



def start_session_form(page: object, pack: str | re.Pattern[str], name: str,
                       timeout_ms: int = 30_000) -> None:
    """On the sessions page: choose `pack` (its title, or a pattern of it) and name the session.
    During a rerun Streamlit briefly shows the old and the new copy of a widget, so this waits
    until one name field is left and it holds the chosen pack's title (the form's default)."""
    page.get_by_test_id("stSelectbox").filter(has_text="Scenario pack").click()  # type: ignore[attr-defined]
    page.get_by_role("option", name=pack).click()  # type: ignore[attr-defined]
    field = page.get_by_label("Session name")  # type: ignore[attr-defined]
    matches = pack.search if isinstance(pack, re.Pattern) else (lambda value: value == pack)
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        try:
            if field.count() == 1 and matches(field.input_value(timeout=1_000)):
                field.fill(name, timeout=5_000)
                return
        except Exception:  # noqa: BLE001 - the field was replaced mid-check; look again
            pass
        page.wait_for_timeout(200)  # type: ignore[attr-defined]
    raise AssertionError(f"the sessions form never showed {pack!r} alone")


def open_console_panel(page: object, name: str) -> None:
    """Click the console's panel chooser."""
    page.get_by_test_id("stButtonGroup").get_by_text(name, exact=True).click()  # type: ignore[attr-defined]

"""`exercise serve` as a real server on this machine: it makes no outside request at start (the
README promises an offline room), and it answers only to the host names it is meant to be
reached by (DNS rebinding: a page on evil.example that resolves to this machine gets nothing).

Every socket here is on the loopback interface; waits are bounded."""

from __future__ import annotations

import base64
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serve")]

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 60
# After the server answers, how long it gets to (not) call out: Streamlit's external-IP
# lookup runs when the start banner is printed, with a 1 s timeout per attempt.
QUIET_SECONDS = 4.0


@dataclass
class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    port: int
    seen: list[bytes] = field(default_factory=list)


@pytest.fixture
def proxy_trap() -> Iterator[Listener]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.2)
    trap = Listener(sock.getsockname()[1])
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(1.0)
                try:
                    trap.seen.append(conn.recv(1024) or b"<connected>")
                except OSError:
                    trap.seen.append(b"<connected>")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield trap
    finally:
        stop.set()
        thread.join(timeout=5)
        sock.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exercise serve exited:\n{log.read_text(errors='replace')}")
        try:
            with _DIRECT.open(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"not healthy after {STARTUP_SECONDS} s:\n{log.read_text(errors='replace')}")


def _serve(tmp_path: Path, extra_args: list[str], env: dict[str, str]) -> tuple[
        subprocess.Popen[bytes], int, Path]:
    port = _free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "exercise", "serve", "--port", str(port),
               "--data-dir", str(tmp_path / "data"), "--scenarios", str(ROOT / "scenarios"),
               *extra_args]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
                                   env=env)
    return process, port, log


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _quiet_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k.upper() not in {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"}}
    env.pop("EXERCISE_ALLOWED_HOSTS", None)
    env.pop("EXERCISE_PUBLIC_URL", None)
    env.update(extra)
    return env


def test_serve_with_its_default_address_makes_no_outside_request(tmp_path, proxy_trap):
    trap = f"http://127.0.0.1:{proxy_trap.port}"
    env = _quiet_env(HTTP_PROXY=trap, HTTPS_PROXY=trap, http_proxy=trap, https_proxy=trap,
                     ALL_PROXY=trap, all_proxy=trap)
    process, port, log = _serve(tmp_path, [], env)  # no --address: the default wildcard
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", process, log)
        time.sleep(QUIET_SECONDS)
        banner = log.read_text(errors="replace")
    finally:
        _stop(process)
    assert proxy_trap.seen == [], f"the server called out at start: {proxy_trap.seen!r}"
    assert "External URL" not in banner


# --- Host header --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    work = tmp_path_factory.mktemp("hosts")
    env = _quiet_env(EXERCISE_ALLOWED_HOSTS="exercise.school.example, *.county.example")
    process, port, log = _serve(work, ["--address", "127.0.0.1"], env)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", process, log)
        yield port
    finally:
        _stop(process)


def _raw_request(port: int, request: str) -> str:
    """Sends `request` as typed to 127.0.0.1:port and returns the status line."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request.encode("latin-1"))
        answer = b""
        while b"\r\n" not in answer:
            chunk = conn.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n", 1)[0].decode("latin-1")


def _handshake(port: int, host: str, origin: str) -> str:
    key = base64.b64encode(secrets.token_bytes(16)).decode()
    return _raw_request(port, (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: {host}\r\n"
        f"Origin: {origin}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n\r\n"))


def _get(port: int, host: str, path: str = "/") -> str:
    return _raw_request(port, f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")


def test_websocket_handshake_from_a_rebound_host_is_refused(served):
    refused = _handshake(served, f"evil.example:{served}", f"http://evil.example:{served}")
    assert " 101 " not in refused + " ", refused
    assert " 403 " in refused + " " or " 400 " in refused + " ", refused


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "exercise.school.example",
                                  "room-3.county.example"])
def test_websocket_handshake_from_an_expected_host_works(served, host):
    accepted = _handshake(served, f"{host}:{served}", f"http://{host}:{served}")
    assert " 101 " in accepted + " ", accepted


def test_a_cross_site_origin_cannot_open_the_websocket_either(served):
    refused = _handshake(served, f"127.0.0.1:{served}", "http://evil.example")
    assert " 101 " not in refused + " ", refused


def test_pages_answer_only_to_expected_hosts(served):
    assert " 200 " in _get(served, f"127.0.0.1:{served}") + " "
    assert " 200 " in _get(served, f"localhost:{served}", "/_stcore/health") + " "
    for path in ("/", "/_stcore/health", "/library"):
        refused = _get(served, f"evil.example:{served}", path)
        assert " 200 " not in refused + " " and " 400 " in refused + " ", (path, refused)
    assert " 400 " in _get(served, "") + " "  # an empty Host header

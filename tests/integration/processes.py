"""Starting the other processes of the integration tests: children of `child.py`, and the
real app (`exercise serve`) on a free port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / ".venv" / "bin" / "exercise"
HEALTH_SECONDS = 60


def start_child(*args: str) -> subprocess.Popen[str]:
    (child,) = start_children([args])
    return child


def start_children(commands: list[tuple[str, ...]]) -> list[subprocess.Popen[str]]:
    """Start the children together (each takes a second or two to import), then wait until
    every one is ready."""
    children = [subprocess.Popen(
        [sys.executable, "-m", "tests.integration.child", *args], cwd=ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for args in commands]
    for child in children:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        if line != "ready":
            for other in children:
                other.kill()
            raise AssertionError(f"child did not start: {line!r} {child.communicate()[1]}")
    return children


def go(*children: subprocess.Popen[str]) -> None:
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class App:
    """`exercise serve` as the room runs it, on its own port and data folder."""

    port: int
    data_dir: Path
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [str(EXERCISE if EXERCISE.exists() else "exercise"), "serve",
                   "--port", str(self.port), "--address", "127.0.0.1",
                   "--data-dir", str(self.data_dir), "--scenarios", str(ROOT / "scenarios")]
        env = {k: v for k, v in os.environ.items() if k != "EXERCISE_DATABASE_URL"}
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(command, cwd=self.data_dir.parent, env=env,
                                            stdout=out, stderr=subprocess.STDOUT)
        self.wait_healthy()

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                return answer.status == 200 and answer.read().strip() == b"ok"
        except (urllib.error.URLError, OSError):
            return False

    def wait_healthy(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + HEALTH_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"exercise serve exited:\n{self.log.read_text(errors='replace')}")
            if self.healthy():
                return
            time.sleep(0.2)
        raise AssertionError(f"exercise serve not healthy after {HEALTH_SECONDS} s:\n"
                             f"{self.log.read_text(errors='replace')}")

    def kill_9(self) -> int:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        return self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

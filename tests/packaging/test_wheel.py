"""The wheel carries the shipped library: built from this checkout and installed elsewhere,
`exercise drill` plays the bundled example and reports, and `exercise serve` offers the shipped
library, from a folder with no `scenarios/`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    # built from a copy: other tests running beside this one write and remove files in the
    # checkout, and setuptools' in-tree build/ would race with them
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    for folder in ("exercise", "scenarios"):
        shutil.copytree(ROOT / folder, source / folder, ignore_dangling_symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "--disable-pip-version-check", "--wheel-dir", str(dist), str(source)],
        capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = dist.glob("exercise-*.whl")
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "exercise/packs/example-typhoon-township.yaml" in names
        archive.extractall(target)
    return target


def _run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # the wheel's copy first, then this venv's dependencies; the checkout is not on the path
    deps = sysconfig.get_paths()["purelib"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), deps]), "PYTHONNOUSERSITE": "1"}
    env.pop("EXERCISE_DATABASE_URL", None)
    command = list(args) if args[0] == "-c" else ["-m", "exercise", *args]
    return subprocess.run([sys.executable, "-S", *command], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_installed_wheel_ships_every_pack_of_the_library(installed: Path) -> None:
    shipped = sorted(p.name for p in (installed / "exercise" / "packs").glob("*.yaml"))
    assert shipped == sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml"))


def test_the_drill_plays_from_the_installed_wheel_outside_the_checkout(
        installed: Path, tmp_path: Path) -> None:
    probe = _run(installed, tmp_path, "-c", "import exercise; print(exercise.__file__)")
    assert probe.stdout.strip().startswith(str(installed)), probe.stdout + probe.stderr
    result = _run(installed, tmp_path, "drill", "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "events of all" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("ok: the drill is kept")


def test_serve_from_the_installed_wheel_offers_the_shipped_library(
        installed: Path, tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(installed), sysconfig.get_paths()["purelib"]])}
    env.pop("EXERCISE_SCENARIOS_DIR", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "exercise", "serve", "--port", str(port), "--address", "127.0.0.1",
         "--data-dir", str(tmp_path / "data")],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert f"packs from {installed / 'exercise' / 'packs'}" in first, first
        assert _healthy(port, seconds=120), "the app did not answer /_stcore/health"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthy(port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as answer:
                if answer.status == 200:
                    return True
        except OSError:
            time.sleep(0.5)
    return False

"""AppTest fixtures: the app on the shipped packs with a fresh data folder per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "exercise" / "ui" / "app.py"
SCENARIOS = ROOT / "scenarios"
EXAMPLE = SCENARIOS / "example-typhoon-township.yaml"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("EXERCISE_DATA_DIR", str(folder))
    monkeypatch.setenv("EXERCISE_SCENARIOS_DIR", str(SCENARIOS))
    return folder


@pytest.fixture
def app(data_dir: Path) -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=60)

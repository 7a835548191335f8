"""Every test reads the product in the language it asks for, whatever the machine's locale: the
CLI otherwise follows EXERCISE_LANG, LC_ALL and LANG (a zh_TW machine would print Chinese)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("EXERCISE_LANG", "LC_ALL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")

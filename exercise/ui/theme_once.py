"""Streamlit's theme read once per configuration, not once per script run.

Every script run, a live part's redraw included, begins with a message that carries the theme,
and Streamlit builds it by asking `streamlit.config.get_options_for_section` for six theme
sections, each a scan of every configuration option under a lock: 9 % of the server's work
while an inject reaches a hundred desks (benchmarks/bench_live.py). The theme does not change
while the app runs unless the configuration is read again, so the answers for `theme` sections
are kept until Streamlit says it parsed its configuration again (`config.on_config_parsed`).
Other sections are asked as before. If a later Streamlit lacks either function, nothing is
changed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

_lock = threading.Lock()
_kept: dict[str, dict[str, Any]] = {}
_installed: list[Callable[[str], dict[str, Any]]] = []  # the original, once installed


def _forget() -> None:
    with _lock:
        _kept.clear()


def _theme_sections_once(original: Callable[[str], dict[str, Any]]) -> Callable[[str], dict[str, Any]]:
    def get_options_for_section(section: str) -> dict[str, Any]:
        if section != "theme" and not section.startswith("theme."):
            return original(section)
        with _lock:
            known = _kept.get(section)
        if known is None:
            known = original(section)
            with _lock:
                _kept[section] = known
        return dict(known)  # the caller may change its copy

    get_options_for_section.__doc__ = original.__doc__
    return get_options_for_section


def read_theme_once() -> bool:
    """Install the cache (once per process); False where this Streamlit does not allow it."""
    from streamlit import config

    original = getattr(config, "get_options_for_section", None)
    on_parsed = getattr(config, "on_config_parsed", None)
    if original is None or on_parsed is None:
        return False
    with _lock:
        if _installed:
            return True
        _installed.append(original)
    on_parsed(_forget, force_connect=True)
    setattr(config, "get_options_for_section", _theme_sections_once(original))  # noqa: B010
    return True

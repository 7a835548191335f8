"""The 32 HSEEP core capabilities (National Preparedness Goal, 2nd edition, 2015), in English
and Traditional Chinese, and the nearest names for one that is not among them."""

from __future__ import annotations

import difflib

from exercise.scenario.capabilities import CORE_CAPABILITIES

_BY_NAME = {name.casefold(): pair for pair in CORE_CAPABILITIES for name in pair}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def is_core_capability(name: str) -> bool:
    return _key(name) in _BY_NAME


def nearest(name: str, limit: int = 2) -> list[tuple[str, str]]:
    """The capabilities `name` most likely meant: those containing it as a whole (a fragment
    split off by an unquoted comma), else the closest spellings in either language."""
    key = _key(name).removeprefix("and ").strip(" ,")
    if not key:
        return []
    containing = [pair for pair in CORE_CAPABILITIES
                  if len(key) >= 4 and any(key in part.casefold() for part in pair)]
    if containing:
        return containing[:limit]
    close = difflib.get_close_matches(key, list(_BY_NAME), n=limit, cutoff=0.6)
    found: list[tuple[str, str]] = []
    for match in close:
        pair = _BY_NAME[match]
        if pair not in found:
            found.append(pair)
    return found

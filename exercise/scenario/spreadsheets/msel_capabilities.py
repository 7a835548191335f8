"""The 32 HSEEP core capabilities (National Preparedness Goal, 2nd edition, 2015) in English and
Traditional Chinese, for reading a Core Capability column: exact names in either language,
ignoring case and spacing, else a did-you-mean."""

from __future__ import annotations

import difflib

from exercise.scenario.capabilities import CORE_CAPABILITIES
from exercise.scenario.spreadsheets.msel_values import CellError, match_key
from exercise.scenario.spreadsheets.words import Capabilities

_BY_KEY = {match_key(name): pair for pair in CORE_CAPABILITIES for name in pair}


def find_capability(text: str) -> tuple[str, str] | None:
    return _BY_KEY.get(match_key(text))


def match_capability(text: str) -> tuple[str, str]:
    """(English, Chinese) names of the capability `text` names; CellError with the nearest
    names when it names none."""
    found = find_capability(text)
    if found is not None:
        return found
    key = match_key(text)
    containing = [pair for pair in CORE_CAPABILITIES
                  if len(key) >= 4 and any(key in match_key(part) for part in pair)]
    close = containing or [_BY_KEY[k] for k in difflib.get_close_matches(
        key, list(_BY_KEY), n=2, cutoff=0.6)]
    if close:
        raise CellError.said("capability_close", text=text,
                             close=Capabilities(tuple(dict.fromkeys(close))))
    raise CellError.said("capability", text=text)

"""The ids a pack declares, and the "unknown id, did you mean ...?" problem."""

from __future__ import annotations

import difflib
import threading
from collections.abc import Collection

from exercise.scenario.models import ScenarioPack
from exercise.scenario.problems import Path, Problem

_ID_SECTIONS = (
    "objectives",
    "areas",
    "agencies",
    "actors",
    "infrastructure",
    "channels",
    "resource_types",
    "modules",
    "injects",
)


class DeclaredIds:
    """The ids a pack declares, including those of entries that failed structurally."""

    def __init__(self, pack: ScenarioPack, raw_ids: dict[str, set[str]]):
        self.by_section: dict[str, set[str]] = {}
        for section in _ID_SECTIONS:
            declared = {item.id for item in (getattr(pack, section, None) or [])}
            self.by_section[section] = declared | raw_ids.get(section, set())
        self._usable: dict[str, list[str]] | None = None
        self.tasks = {
            task.id for objective in pack.objectives or [] for task in objective.critical_tasks
        }

    def __getitem__(self, section: str) -> set[str]:
        return self.by_section[section]

    def usable_channels(self, pack: ScenarioPack) -> dict[str, list[str]]:
        """Per agency, the channels it can use (as ScenarioPack.channels_usable_by), built once."""
        if self._usable is None:
            usable: dict[str, dict[str, None]] = {
                a.id: dict.fromkeys(a.channels) for a in pack.agencies or []
            }
            for link in pack.links or []:
                for end in (link.from_, link.to):
                    if end in usable:
                        usable[end].update(dict.fromkeys(link.channels))
            self._usable = {agency: list(found) for agency, found in usable.items()}
        return self._usable


# Did-you-mean compares an unknown id with every known one (about 20 µs each); a hostile pack
# with thousands of wrong references would otherwise take minutes. Past this many comparisons
# per pack, problems keep their plain hint.
SUGGESTION_BUDGET = 50_000
_suggestions = threading.local()


def unknown(kind: str, value: str, known: Collection[str], path: Path, hint: str = "") -> Problem:
    close: list[str] = []
    left = getattr(_suggestions, "left", SUGGESTION_BUDGET)
    if len(known) <= left:
        _suggestions.left = left - len(known)
        close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    suggestion = f"did you mean {close[0]!r}?" if close else hint or f"declare the {kind} first"
    # the code and values the UI makes the sentence from in the reader's language
    # (a hint of the caller's own that has no sentence keeps the domain's words)
    words = {"words": "ref_unknown", "kind": kind, "value": repr(value)}
    if close:
        words.update(words="ref_unknown_close", close=repr(close[0]))
    elif kind == "option":
        words.update(words="ref_unknown_option", options=", ".join(sorted(known)) or "-")
    elif kind == "agency or actor" and hint:
        words.update(words="ref_unknown_sender")
    elif hint:
        words = {}
    return Problem(f"unknown {kind} {value!r}", path=path, hint=suggestion, extra=words)




def reset_suggestions() -> None:
    """Give the pack about to be checked the whole did-you-mean budget."""
    _suggestions.left = SUGGESTION_BUDGET

"""A finding of the design doctor: a code with parameters, a severity and the place in the pack
it concerns. No sentences here: the CLI and the UI turn codes into words from a catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

Path = tuple[str | int, ...]
Param = str | int | float


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    advice = "advice"


SEVERITY_ORDER = {Severity.error: 0, Severity.warning: 1, Severity.advice: 2}


class Rule(str, Enum):
    load = "load"
    pacing = "pacing"
    clock = "clock"
    bite = "bite"
    coherence = "coherence"
    shape = "shape"


@dataclass(frozen=True)
class Finding:
    """`code` names the sentence (`doctor.<code>` and `doctor.<code>.todo` in the catalogue);
    `path` is the YAML path of the place in the pack (sections, indexes, keys)."""

    rule: Rule
    code: str
    severity: Severity
    path: Path = ()
    params: dict[str, Param] = field(default_factory=dict)


@dataclass(frozen=True)
class Located:
    """A finding with its file, line and column (line and column are None without a source)."""

    finding: Finding
    file: str = "<pack>"
    line: int | None = None
    column: int | None = None

    @property
    def where(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

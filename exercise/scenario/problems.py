"""A problem found in a scenario pack or an import: where it is, what is wrong, what to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

Path = tuple[str | int, ...]


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    advice = "advice"  # neither an error nor a warning: a better way to write the same thing


@dataclass(frozen=True)
class Problem:
    message: str
    path: Path = ()
    hint: str = ""
    severity: Severity = Severity.error
    file: str = ""
    line: int | None = None
    column: int | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def where(self) -> str:
        parts = [self.file or "<pack>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    @property
    def dotted_path(self) -> str:
        out = ""
        for part in self.path:
            if not isinstance(part, int):
                part = _printable(str(part))
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out

    def __str__(self) -> str:
        text = f"{self.where}: {self.severity.value}: "
        if self.path:
            text += f"{self.dotted_path}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


def _printable(text: str) -> str:
    """A key as written, with control characters escaped so they cannot drive the terminal."""
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")

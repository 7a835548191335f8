"""Domain errors: each says what went wrong and what to do, ready to show a user.

A refusal carries a catalogue key (`refusal.*`, exercise/locales/refusal.*.json) and the values
of its sentence; `str(error)` is the English sentence (logs, tests, English readers) and
`refusal(error, t)` is the sentence in the reader's language, made where it is shown. A value
that is a code (a role, a status, an English phrase naming a command) is a `Code` or a `Phrase`,
worded through the catalogue in other languages and shown as written in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from exercise.i18n import Translator, catalogue, translator
from exercise.scenario.text import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Code:
    """A code shown as written in English and as the catalogue's `key` in other languages (the
    code itself when the catalogue has no such key)."""

    code: str
    key: str

    def __str__(self) -> str:
        return self.code

    def __format__(self, spec: str) -> str:
        return format(self.code, spec)


@dataclass(frozen=True)
class Phrase:
    """A part of a sentence made from its own key and values (e.g. who a code is for); `english`,
    when given, is what it says in English instead (a sentence written elsewhere)."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)
    english: str | None = None

    def __str__(self) -> str:
        return self.english if self.english is not None else _english(self.key, self.values)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


@dataclass(frozen=True)
class Listed:
    """Several values joined as a list (`how`: "list" a, b, c; "or" a or b)."""

    items: tuple[object, ...]
    how: str = "list"

    def __str__(self) -> str:
        return (" or " if self.how == "or" else ", ").join(str(item) for item in self.items)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def role(code: str) -> Code:
    return Code(code, f"codes.role.{code}")


def _slug(phrase: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", phrase.lower()).strip("_")


def doing(phrase: str) -> Code:
    """What the caller tried to do, as the English phrase the commands name it by
    ("start the exercise"), worded by `refusal.doing.<phrase with underscores>`."""
    return Code(phrase, f"refusal.doing.{_slug(phrase)}")


def field_name(phrase: str) -> Code:
    """A text field named as in English ("the observation"), worded by `refusal.field.<…>`."""
    return Code(phrase, f"refusal.field.{_slug(phrase)}")


def listed(items: Iterable[object], how: str = "list") -> Listed:
    return Listed(tuple(items), how)


def _english(key: str, values: Mapping[str, object]) -> str:
    return translator(DEFAULT_LANGUAGE)(key, **values)


class ConductError(Exception):
    """A command that cannot be carried out as asked: `key` is the catalogue key of the
    sentence and `values` its values. A key the catalogue does not know is shown as written."""

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values: dict[str, object] = dict(values)
        super().__init__(_english(key, self.values))


class AccessDenied(ConductError):
    """The caller's code does not allow this command (wrong role, agency or session)."""


class NotFound(ConductError):
    """An exercise session, inject, message or request that does not exist."""


class NotAllowedNow(ConductError):
    """The command is valid but not in the current state (clock not started, exercise ended…)."""


def _word(value: object, t: Translator) -> object:
    if isinstance(value, Code):
        return t(value.key) if value.key in catalogue(t.lang) else value.code
    if isinstance(value, Phrase):
        return t(value.key, **{name: _word(item, t) for name, item in value.values.items()})
    if isinstance(value, Listed):
        joiner = t("refusal.join.or") if value.how == "or" else t("refusal.join.list")
        return joiner.join(str(_word(item, t)) for item in value.items)
    return value


def refusal(error: BaseException, t: Translator) -> str:
    """Why a command was refused, in the reader's language (`str(error)` in English and for an
    error that is not a refusal)."""
    if not isinstance(error, ConductError) or t.lang == DEFAULT_LANGUAGE:
        return str(error)
    return t(error.key, **{name: _word(value, t) for name, value in error.values.items()})


class AppendConflict(Exception):
    """Another append reached the session after the state a command checked (`expected_seq`):
    the command reads the state again, checks again and retries (not a user error)."""

    def __init__(self, session_id: str, expected_seq: int, last_seq: int) -> None:
        super().__init__(f"session {session_id!r} is at event {last_seq}, not {expected_seq}")
        self.session_id, self.expected_seq, self.last_seq = session_id, expected_seq, last_seq

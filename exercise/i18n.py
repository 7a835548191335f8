"""The product's one catalogue of words (pages, reports, the network engine, the CLI), one
translator per person.

Each browser session builds its own `Translator` from the language in its URL; nothing here
changes process-wide state (no `gettext.install`), so two people in the same server can read
the app in two languages at once. The catalogues are read once and shared read-only.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from exercise.scenario.text import DEFAULT_LANGUAGE, LANGUAGES, localize

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType({"en": "English", "zh-TW": "繁體中文"})


def catalogue_files(lang: str) -> list[Path]:
    """`{lang}.json`, then any `<area>.{lang}.json` (e.g. `desk.zh-TW.json`), so that people
    working on different pages need not all edit one file."""
    return [LOCALES / f"{lang}.json", *sorted(LOCALES.glob(f"*.{lang}.json"))]


def read_catalogue_file(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    return {str(key): str(value) for key, value in data.items()}


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """The messages of one language (read-only)."""
    merged: dict[str, str] = {}
    for path in catalogue_files(lang):
        merged.update(read_catalogue_file(path))
    return MappingProxyType(merged)


def placeholders(message: str) -> set[str]:
    """The `{name}` fields a message expects."""
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


def normalize_language(value: object) -> str:
    """A supported language code from untrusted input (a URL), else the default."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Translator:
    """Messages of one language, with English as fallback for a key not yet translated."""

    lang: str

    def __call__(self, key: str, /, **values: object) -> str:
        message = catalogue(self.lang).get(key)
        if message is None:
            message = catalogue(DEFAULT_LANGUAGE).get(key, key)
        if not values:
            return message
        try:
            return message.format(**values)
        except (KeyError, IndexError, ValueError):
            return message

    def text(self, value: object) -> str:
        """Pack content (a plain string or one per language) in this language."""
        return localize(value, self.lang)  # type: ignore[arg-type]


def translator(lang: object) -> Translator:
    return Translator(normalize_language(lang))

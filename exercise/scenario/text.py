"""Human-readable text that is either one plain string or one string per language."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import PlainValidator, WithJsonSchema

LANGUAGES: tuple[str, ...] = ("en", "zh-TW")
Language = Literal["en", "zh-TW"]
DEFAULT_LANGUAGE: Language = "en"
MAX_TEXT = 20_000

_TEXT_HELP = "write text as a string, or as a mapping of languages to strings: {en: ..., zh-TW: ...}"


def _one_text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where}is not text; {_TEXT_HELP}")
    value = value.strip()
    if not value:
        raise ValueError(f"{where}is empty")
    if len(value) > MAX_TEXT:
        raise ValueError(f"{where}is longer than {MAX_TEXT} characters")
    return value


def _validate_local_text(value: object) -> str | dict[str, str]:
    if isinstance(value, dict):
        if not value:
            raise ValueError(f"no language given; {_TEXT_HELP}")
        out: dict[str, str] = {}
        for lang, text in value.items():
            if lang not in LANGUAGES:
                raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
            out[lang] = _one_text(text, f"the {lang} text ")
        return out
    return _one_text(value, "")


LocalText = Annotated[
    str | dict[str, str],
    PlainValidator(_validate_local_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
                    "additionalProperties": False,
                    "minProperties": 1,
                },
            ]
        }
    ),
]


def localize(text: LocalText | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """The text in `lang`, falling back to English, then to any language present."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for candidate in (lang, DEFAULT_LANGUAGE, *LANGUAGES):
        if candidate in text:
            return text[candidate]
    return next(iter(text.values()), "")


def languages_of(text: LocalText | None) -> set[str]:
    """The languages a text is written in; a plain string counts as every language."""
    if text is None:
        return set()
    if isinstance(text, str):
        return set(LANGUAGES)
    return set(text)

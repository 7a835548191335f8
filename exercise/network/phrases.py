"""Short sentences the network engine shows to users, from the package catalogue
(`exercise/locales/engine.<lang>.json`).

Every function takes the reader's language as a code (`"zh-TW"`) or a `Translator`. Sentences
are made with `EngineWords`, which fills a catalogue template like the `Translator` does and,
where a filled-in value meets the words around it, keeps Latin letters (or digits) and CJK
characters apart with a space, as Taiwanese typography does: a system with no Chinese name
reads `Xiulin Grid power 自 T+00:00 起中斷`, not `XiulinGrid power自 T+00:00 起中斷`. Text inside
a value (a name from the pack) is never changed.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from exercise.i18n import Translator, catalogue, translator
from exercise.scenario.models import Status
from exercise.scenario.text import DEFAULT_LANGUAGE
from exercise.scenario.time_of_day import ClockStart, say_scenario_time

_CJK = re.compile(r"[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf\u3400-\u4dbf\u4e00-\u9fff"
                  r"\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile(r"[A-Za-z0-9]")


def _needs_space(left: str, right: str) -> bool:
    """Whether two pieces meeting at `left[-1]|right[0]` need a space between them: CJK next to
    a Latin letter or digit, or two Latin words run together."""
    if not left or not right:
        return False
    a, b = left[-1], right[0]
    a_latin, b_latin = bool(_LATIN.match(a)), bool(_LATIN.match(b))
    return (a_latin and (b_latin or bool(_CJK.match(b)))) or (b_latin and bool(_CJK.match(a)))


@cache
def _parsed(template: str) -> tuple[tuple[str, str | None], ...]:
    try:
        return tuple((literal, name) for literal, name, _, _ in string.Formatter().parse(template))
    except ValueError:
        return ((template, None),)


def fill(template: str, values: dict[str, object]) -> str:
    """`template` with its `{name}` fields filled; a space where a value and the words next to
    it would run a Latin word into CJK text or into another Latin word."""
    pieces: list[str] = []
    for literal, name in _parsed(template):
        if literal:
            pieces.append(literal)
        if name:
            if name not in values:
                return template
            pieces.append(str(values[name]))
    out = pieces[:1]
    for piece in pieces[1:]:
        if _needs_space(out[-1], piece):
            out.append(" ")
        out.append(piece)
    return "".join(out)


@dataclass(frozen=True)
class EngineWords:
    """Catalogue sentences of one language for the engine, spaced where scripts meet."""

    translator: Translator

    @property
    def lang(self) -> str:
        return self.translator.lang

    def __call__(self, key: str, /, **values: object) -> str:
        message = catalogue(self.lang).get(key)
        if message is None:
            message = catalogue(DEFAULT_LANGUAGE).get(key, key)
        return fill(message, values) if values else message

    def listing(self, items: Sequence[str], last: str = "engine.list.join") -> str:
        """'a, b or c' with the language's separators; `last` joins the final two."""
        t = self
        if not items:
            return ""
        text = items[0]
        for index, item in enumerate(items[1:], start=1):
            key = last if index == len(items) - 1 else "engine.list.join"
            text = t(key, first=text, second=item)
        return text


Lang = str | Translator | EngineWords


def words(lang: Lang = DEFAULT_LANGUAGE) -> EngineWords:
    """The engine's words for a language code or a translator."""
    if isinstance(lang, EngineWords):
        return lang
    if isinstance(lang, Translator):
        return EngineWords(lang)
    return EngineWords(translator(lang))


def language(lang: Lang) -> str:
    """The language code of `lang`."""
    return lang if isinstance(lang, str) else lang.lang


def moment(minute: int, start: ClockStart | None, lang: Lang = "en") -> str:
    """'Day 1 09:00 (T+03:00)', or 'T+03:00' when the pack's start is unknown."""
    return say_scenario_time(minute, start, words(lang)("engine.moment"))


def status_word(status: Status, lang: Lang = "en") -> str:
    t = words(lang)
    return t(f"engine.status.{status.value}")


def everywhere(lang: Lang = "en") -> str:
    t = words(lang)
    return t("engine.everywhere")


def kind_name(kind: str, lang: Lang = "en") -> str:
    """A channel kind in words ('satellite' -> 衛星通訊); an unknown kind as it is."""
    t = words(lang)
    key = f"engine.kind.{kind}"
    found = t(key)
    return kind if found == key else found


def duration(minutes: int, lang: Lang = "en") -> str:
    """3 h, 45 min, 2 d 4 h: the shortest readable form of a span of minutes."""
    t = words(lang)
    days, rest = divmod(int(minutes), 1440)
    hours, mins = divmod(rest, 60)
    keys = ("engine.duration.days", "engine.duration.hours", "engine.duration.minutes")
    # the number and its unit as the catalogue writes them (no added space: 3小時)
    parts = [t.translator(key, n=value) for key, value in zip(keys, (days, hours, mins), strict=True)
             if value]
    if not parts:
        return t("engine.duration.none")
    text = parts[0]
    for part in parts[1:]:
        text = t.translator("engine.duration.join", first=text, second=part)
    return text


def system_status(name: str, status: Status, place: str, since: int, lang: Lang = "en",
                  start: ClockStart | None = None) -> str:
    """'Mobile network down in Hualien County since Day 1 06:20 (T+00:20)'."""
    t = words(lang)
    values = {"name": name, "status": status_word(status, t), "place": place,
              "moment": moment(since, start, t)}
    if place == everywhere(t):
        return t("engine.system_status_everywhere", **values)
    return t("engine.system_status", **values)


def agency_status(name: str, status: Status, since: int, lang: Lang = "en",
                  start: ClockStart | None = None) -> str:
    t = words(lang)
    return t("engine.agency_status", name=name, status=status_word(status, t),
             moment=moment(since, start, t))


def backup_lasted(minutes: int, lang: Lang = "en") -> str:
    t = words(lang)
    if minutes <= 0:
        return t("engine.backup.none")
    return t("engine.backup.lasted", duration=duration(minutes, t))


def with_cause(text: str, cause: str, lang: Lang = "en") -> str:
    t = words(lang)
    return t("engine.with_cause", text=text, cause=cause)


def causes(items: Sequence[str], lang: Lang = "en") -> str:
    """Several causes in one parenthesis: 'a; b'."""
    t = words(lang)
    text = items[0] if items else ""
    for item in items[1:]:
        text = t("engine.causes.join", first=text, second=item)
    return text


def with_reason(text: str, reason: str, lang: Lang = "en") -> str:
    t = words(lang)
    return t("engine.with_reason", text=text, reason=reason)


def no_terminal(channel: str, agency: str, lang: Lang = "en") -> str:
    """'Satellite phone: Futian village holds no terminal'."""
    t = words(lang)
    return t("engine.no_terminal", channel=channel, agency=agency)


def congested(name: str, status: Status, place: str, since: int, lang: Lang = "en",
              start: ClockStart | None = None) -> str:
    t = words(lang)
    return t("engine.congested", text=system_status(name, status, place, since, t, start))

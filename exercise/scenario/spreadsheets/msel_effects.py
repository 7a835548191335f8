"""Effects, decision options and conditions written in MSEL cells, in a small grammar a planner
can read in either language:

    Effects:   power down in Xiulin; mobile up in hualien-city; 秀林 電力 中斷; county-eoc degraded
    Options:   evacuate | wait          (or one per line)
    After:     I-03   /   I-03 +30   /   I-03 +00:30
    If not acknowledged by:   I-03 by T+01:00   /   08:30 (the inject of the After column)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from exercise.scenario.spreadsheets.msel_values import CellError, NameIndex, match_key

_SPLIT = re.compile(r"[;；\n]")
_OPTION_SPLIT = re.compile(r"[|｜\n;；/]")
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "down": ("down", "out", "fails", "failed", "lost", "off", "cut", "中斷", "斷訊", "斷線",
             "失效", "停擺", "停止", "故障", "癱瘓", "斷"),
    "degraded": ("degraded", "congested", "partial", "unstable", "降級", "壅塞", "不穩",
                 "部分中斷", "受損"),
    "up": ("up", "restored", "back", "on", "working", "恢復", "正常", "復原", "修復"),
}
EVERYWHERE = {match_key(w) for w in ("everywhere", "all", "all areas", "全區", "全部", "全境")}
_STATUS_KEYS = {match_key(w): status for status, words in STATUS_WORDS.items() for w in words}
_EN = re.compile(r"^(?P<what>.+?)\s+(?P<status>\S+)(?:\s+(?:in|at|for)\s+(?P<area>.+))?$", re.I)
_AFTER = re.compile(r"^(?P<inject>\S+?)(?:\s*\+\s*(?P<delay>[\d:]+)\s*(?:min|mins|minutes|分)?)?$")
_NO_ACK = re.compile(r"^(?:(?P<inject>\S+)\s+(?:by|before|於|前)\s+)?(?P<time>.+?)(?:\s*前)?$",
                     re.I)


def read_effects(text: str, systems: NameIndex, areas: NameIndex,
                 agencies: NameIndex) -> list[dict[str, Any]]:
    return [_effect(part, systems, areas, agencies)
            for part in filter(None, (p.strip() for p in _SPLIT.split(text)))]


def _effect(text: str, systems: NameIndex, areas: NameIndex,
            agencies: NameIndex) -> dict[str, Any]:
    words = text.split()
    if len(words) > 2 and match_key(words[-1]) in EVERYWHERE:
        words, text = words[:-1], " ".join(words[:-1])  # 'power down everywhere'
    readings: list[tuple[str, str, str | None]] = []
    match = _EN.match(text)
    if match and (status := _STATUS_KEYS.get(match_key(match["status"]))):
        readings.append((match["what"], status, match["area"]))  # power down in Xiulin
    status = _STATUS_KEYS.get(match_key(words[-1])) if words else None
    if status is not None and len(words) in (2, 3) and not _english_in(words):
        readings.append((words[-2], status, words[0] if len(words) == 3 else None))  # 秀林 電力 中斷
    if _CJK.search(text):
        readings.reverse()  # Chinese text: the Chinese order first
    first_error: CellError | None = None
    for what, status, area in readings:
        try:
            return _build(what, status, area, text, systems, areas, agencies)
        except CellError as error:
            first_error = first_error or error
    if first_error is not None:
        raise first_error
    raise CellError.said("not_effect", text=text)


_CJK = re.compile(r"[\u3400-\u9fff]")


def _english_in(words: list[str]) -> bool:
    return any(w.casefold() in {"in", "at", "for"} for w in words)


def _build(what: str, status: str, area_text: str | None, whole: str, systems: NameIndex,
           areas: NameIndex, agencies: NameIndex) -> dict[str, Any]:
    if systems.find(what) is not None:
        effect: dict[str, Any] = {"system": systems.match(what), "status": status}
        if area_text and match_key(area_text) not in EVERYWHERE:
            effect["area"] = areas.match(area_text)
        return effect
    if agencies.find(what) is not None and not area_text:
        return {"agency": agencies.match(what), "status": status}
    code, values = systems.suggestion_words(what)
    raise CellError.said(f"neither_system_nor_agency+{code}", what=what, whole=whole, **values)


def read_options(text: str) -> list[dict[str, Any]]:
    labels = [p.strip() for p in _OPTION_SPLIT.split(text) if p.strip()]
    if len(labels) < 2:
        raise CellError.said("one_option", text=text)
    options, taken = [], set()
    for number, label in enumerate(labels, start=1):
        option_id = re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")[:40] or f"option-{number}"
        if option_id in taken:
            option_id = f"{option_id}-{number}"
        taken.add(option_id)
        options.append({"id": option_id, "label": label})
    return options


def read_after(text: str, read_delay: Callable[[str], int]) -> dict[str, Any]:
    match = _AFTER.match(text.strip())
    if not match:
        raise CellError.said("not_after", text=text)
    condition: dict[str, Any] = {"after": match["inject"]}
    if match["delay"]:
        condition["delay"] = read_delay(match["delay"])
    return condition


def read_no_ack(text: str, after: str | None, read_time: Callable[[str], int]) -> dict[str, Any]:
    match = _NO_ACK.match(text.strip())
    inject = (match["inject"] if match else None) or after
    if match is None or inject is None:
        raise CellError.said("no_ack_inject", text=text)
    return {"no_ack": inject, "by": read_time(match["time"].strip())}

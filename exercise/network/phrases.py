"""Short sentences the network engine shows to users, in English and Traditional Chinese."""

from __future__ import annotations

from exercise.scenario.models import Status
from exercise.scenario.time_of_day import ClockStart, say_scenario_time

_STATUS = {
    "en": {Status.up: "up", Status.degraded: "degraded", Status.down: "down"},
    "zh-TW": {Status.up: "正常", Status.degraded: "降級", Status.down: "中斷"},
}


_AT = {"en": "Day {day} {clock} ({elapsed})", "zh-TW": "第 {day} 天 {clock}（{elapsed}）"}


def moment(minute: int, start: ClockStart | None, lang: str = "en") -> str:
    """'Day 1 09:00 (T+03:00)', or 'T+03:00' when the pack's start is unknown."""
    return say_scenario_time(minute, start, _AT.get(lang, _AT["en"]))


def _zh_since(minute: int, start: ClockStart | None) -> str:
    """自 T+03:00 起, or with the day and clock 自第 1 天 09:00（T+03:00）起."""
    shown = moment(minute, start, "zh-TW")
    return f"自 {shown} 起" if start is None else f"自{shown}起"


def status_word(status: Status, lang: str = "en") -> str:
    return _STATUS.get(lang, _STATUS["en"])[status]


def everywhere(lang: str = "en") -> str:
    return "全區" if lang == "zh-TW" else "everywhere"


def duration(minutes: int, lang: str = "en") -> str:
    """3 h, 45 min, 2 d 4 h: the shortest readable form of a span of minutes."""
    days, rest = divmod(int(minutes), 1440)
    hours, mins = divmod(rest, 60)
    units = ("天", "小時", "分鐘") if lang == "zh-TW" else (" d", " h", " min")
    parts = [f"{value}{unit}" for value, unit in zip((days, hours, mins), units, strict=True) if value]
    return (" " if lang != "zh-TW" else "").join(parts) or ("0 分鐘" if lang == "zh-TW" else "0 min")


def system_status(name: str, status: Status, place: str, since: int, lang: str = "en",
                  start: ClockStart | None = None) -> str:
    """'Mobile network down in Hualien County since Day 1 06:20 (T+00:20)'."""
    if lang == "zh-TW":
        return f"{place}{name}{_zh_since(since, start)}{status_word(status, lang)}"
    in_place = place if place == everywhere(lang) else f"in {place}"
    return f"{name} {status_word(status, lang)} {in_place} since {moment(since, start, lang)}"


def agency_status(name: str, status: Status, since: int, lang: str = "en",
                  start: ClockStart | None = None) -> str:
    if lang == "zh-TW":
        return f"{name}{_zh_since(since, start)}{status_word(status, lang)}"
    return f"{name} {status_word(status, lang)} since {moment(since, start, lang)}"


def backup_lasted(minutes: int, lang: str = "en") -> str:
    if minutes <= 0:
        return "無備援電力" if lang == "zh-TW" else "no backup"
    if lang == "zh-TW":
        return f"備援維持 {duration(minutes, lang)}"
    return f"batteries lasted {duration(minutes, lang)}"


def with_cause(text: str, cause: str, lang: str = "en") -> str:
    return f"{text}（{cause}）" if lang == "zh-TW" else f"{text} ({cause})"


def with_reason(text: str, reason: str, lang: str = "en") -> str:
    return f"{text}：{reason}" if lang == "zh-TW" else f"{text}: {reason}"


def no_terminal(channel: str, agency: str, lang: str = "en") -> str:
    """'Satellite phone: Futian village holds no terminal'."""
    if lang == "zh-TW":
        return f"{agency}沒有{channel}終端設備"
    return f"{channel}: {agency} holds no terminal"


def congested(name: str, status: Status, place: str, since: int, lang: str = "en",
              start: ClockStart | None = None) -> str:
    text = system_status(name, status, place, since, lang, start)
    return f"{text}（壅塞）" if lang == "zh-TW" else f"{text} (congested)"

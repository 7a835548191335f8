"""A new scenario pack from a few answers: it validates as it is, and carries the standard
channel catalogue (channels.py) so that sheets can name any standard channel at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from exercise.scenario.channels import catalogue_parts, catalogue_sources
from exercise.scenario.models import Hazard, ScenarioPack
from exercise.scenario.text import LANGUAGES

_HAZARD_WORDS = {
    Hazard.typhoon: ("颱風",), Hazard.earthquake: ("地震", "quake"), Hazard.flood: ("水災", "淹水"),
    Hazard.landslide: ("坡地災害", "山崩"), Hazard.debris_flow: ("土石流",),
    Hazard.barrier_lake: ("堰塞湖",), Hazard.tsunami: ("海嘯",), Hazard.heat: ("高溫", "熱浪"),
    Hazard.grid_failure: ("停電", "大停電"), Hazard.storm_surge: ("暴潮",),
    Hazard.wildfire: ("野火", "森林火災"), Hazard.other: ("其他",),
}


class NewPackError(ValueError):
    """An answer that cannot make a pack; the message says what to write instead. `key` and
    `values` name the same sentence in the catalogue (newpack.error.*), for other languages."""

    def __init__(self, message: str, key: str, **values: str) -> None:
        super().__init__(message)
        self.key = key
        self.values = values

    def words(self, t: Any) -> str:
        """The sentence in the language of the translator `t`."""
        return str(t(self.key, **self.values))


@dataclass
class NewPack:
    title: str
    hazard: str
    place: str
    languages: list[str] = field(default_factory=lambda: ["en"])
    start: str | None = None
    duration: int = 180

    def pack_id(self) -> str:
        value = re.sub(r"[^a-z0-9]+", "-", self.title.casefold()).strip("-")[:48].strip("-")
        return value or f"exercise-{datetime.now():%Y%m%d}"


def read_hazard(text: str) -> Hazard:
    key = text.strip().casefold().replace(" ", "_").replace("-", "_")
    for hazard, words in _HAZARD_WORDS.items():
        if key == hazard.value or text.strip() in words or key in words:
            return hazard
    names = ", ".join(h.value for h in Hazard)
    raise NewPackError(f"{text!r} is not a hazard; use one of {names} (or 颱風, 地震…)",
                       "newpack.error.hazard", text=text, names=names)


def read_languages(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        for part in re.split(r"[,\s]+", value.strip()):
            if not part:
                continue
            lang = {"zh": "zh-TW", "zh-tw": "zh-TW", "中文": "zh-TW", "english": "en"}.get(
                part.casefold(), part)
            if lang not in LANGUAGES:
                raise NewPackError(f"{part!r} is not a language of the app; use "
                                   f"{' or '.join(LANGUAGES)}", "newpack.error.language",
                                   text=part, names=" / ".join(LANGUAGES))
            if lang not in out:
                out.append(lang)
    return out or ["en"]


def read_start(text: str | None) -> str | None:
    """'2026-08-14 06:00' (or with T, or / between date parts) as ISO text, None when blank."""
    if not text or not text.strip():
        return None
    if re.match(r"^\d{1,2}:\d{2}$", text.strip()):  # a time of day only: the first day
        hours, minutes = map(int, text.strip().split(":"))
        if hours < 24 and minutes < 60:
            return f"Day 1, {hours:02d}:{minutes:02d} local time"
    cleaned = text.strip().replace("/", "-").replace("T", " ")
    try:
        moment = datetime.strptime(cleaned, "%Y-%m-%d %H:%M")
    except ValueError:
        raise NewPackError(f"{text!r} is not a start date and time; write it as "
                           "2026-08-14 06:00, or 06:00 for the first day",
                           "newpack.error.start", text=text) from None
    return f"{moment:%Y-%m-%d %H:%M} local time"


def _local(values: dict[str, str], languages: list[str]) -> Any:
    chosen = {lang: values[lang] for lang in languages if lang in values}
    return chosen if len(chosen) > 1 else next(iter(chosen.values()), values["en"])


def new_pack_data(answers: NewPack) -> dict[str, Any]:
    """Plain pack data: the place as the one area, its emergency operations centre as the lead
    agency, one module over the whole duration, and the standard channel catalogue."""
    hazard = read_hazard(answers.hazard)
    languages = read_languages(answers.languages)
    place = answers.place.strip()
    if not place or not answers.title.strip():
        raise NewPackError("the title and the place cannot be empty", "newpack.error.empty")
    area_id = re.sub(r"[^a-z0-9]+", "-", place.casefold()).strip("-")[:40] or "exercise-area"
    metadata: dict[str, Any] = {
        "id": answers.pack_id(),
        "title": answers.title.strip(),
        "hazards": [hazard.value],
        "setting": place,
        "languages": languages,
        "summary": _local({"en": f"{_article(hazard.value)} {hazard.value.replace('_', ' ')} "
                                 f"tabletop exercise in {place}.", "zh-TW": f"{place}{_zh_hazard(hazard)}兵棋推演。"},
                          languages),
        "duration": answers.duration,
        "sources": [s.model_dump(mode="json", exclude_none=True) for s in catalogue_sources()],
    }
    if (start := read_start(answers.start)) is not None:
        metadata["scenario_start"] = start
    return {
        "format_version": 1,
        "metadata": metadata,
        "areas": [{"id": area_id, "name": place}],
        "agencies": [{
            "id": "lead-eoc",
            "name": _local({"en": f"{place} Emergency Operations Center",
                            "zh-TW": f"{place}災害應變中心"}, languages),
            "short_name": "EOC", "level": "county",
            "sector": _local({"en": "emergency management", "zh-TW": "災害應變"}, languages),
            "area": area_id, "channels": [c["id"] for c in catalogue_parts()["channels"]]}],
        **catalogue_parts(),
        "modules": [{"id": "m1", "title": _local({"en": "Response", "zh-TW": "應變"}, languages),
                     "start": 0,
                     "situation": _local({"en": "The situation at the start of play.",
                                          "zh-TW": "演練開始時的狀況。"}, languages)}],
    }


def _article(word: str) -> str:
    return "An" if word[:1] in "aeiou" else "A"


def _zh_hazard(hazard: Hazard) -> str:
    words = _HAZARD_WORDS.get(hazard, ())
    return words[0] if words and hazard is not Hazard.other else "災害"


def new_pack(answers: NewPack) -> ScenarioPack:
    from exercise.scenario.loader import pack_from_data

    return pack_from_data(new_pack_data(answers))

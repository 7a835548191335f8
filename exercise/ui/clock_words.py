"""A scenario minute in the reader's words, `Day 2 20:30 (T+12:00)` / `第 2 天 20:30（T+12:00）`,
or `T+12:00` alone when the pack's start cannot be read. No Streamlit here: the command line
says times with the same words."""

from __future__ import annotations

from exercise.i18n import Translator
from exercise.scenario.models import ScenarioPack
from exercise.scenario.time_of_day import ClockStart, say_scenario_time, start_of


def time_words(pack: ScenarioPack, t: Translator, shows: str = "both") -> tuple[ClockStart | None, str]:
    """What a scenario minute of `pack` is said from: the start when players see the time of
    day (None for T+ alone), and the catalogue's words to fill in (`say_scenario_time`)."""
    start = None if shows == "elapsed" else start_of(pack.metadata.scenario_start)
    return start, t("time.at.time_of_day") if shows == "time_of_day" else t("time.at")


def time_text(minute: float | None, pack: ScenarioPack, t: Translator, shows: str = "both") -> str:
    """The words for `minute` in `pack` ('' for no minute). `shows` is what the facilitator lets
    players see: both, the time of day alone, or T+ alone (elapsed)."""
    if minute is None:
        return ""
    return say_scenario_time(minute, *time_words(pack, t, shows))

"""Scenario times in the report: `Day 2 20:30 (T+12:00)` / `第 2 天 20:30（T+12:00）`, or T+ alone
when the pack's start cannot be read."""

from __future__ import annotations

from exercise.i18n import translator
from exercise.scenario.models import ScenarioPack
from exercise.scenario.time_of_day import say_scenario_time, start_of


def report_time(minute: float, pack: ScenarioPack, lang: str) -> str:
    return say_scenario_time(minute, start_of(pack.metadata.scenario_start), translator(lang)("aar.time_at"))

"""Scenario packs: the design of an exercise, validated with located errors."""

from exercise.scenario.loader import LoadResult, load_pack, load_pack_text
from exercise.scenario.models import ScenarioPack
from exercise.scenario.problems import Problem, Severity

__all__ = ["LoadResult", "Problem", "ScenarioPack", "Severity", "load_pack", "load_pack_text"]

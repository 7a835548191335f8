"""Problems of a pack or an import drawn on a page; the sentences are made by
`exercise.scenario.problem_words` (no Streamlit there, so the command line shares them)."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from exercise.i18n import Translator
from exercise.scenario.problem_words import field_words, problem_line, problem_sentence
from exercise.scenario.problems import Problem
from exercise.ui.widgets import plain

__all__ = ["field_words", "problem_line", "problem_list", "problem_sentence"]


def problem_list(problems: Iterable[Problem], t: Translator) -> None:
    """Problems as a list of lines that wrap (a code box cuts long lines off)."""
    lines = [f"- {plain(problem_line(p, t))}" for p in problems]
    if lines:
        st.markdown("\n".join(lines))

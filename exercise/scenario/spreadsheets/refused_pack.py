"""Why the pack merged from the sheets was refused, in the reader's language.

`assemble` checks every row against the pack, but a few of the pack's rules can only be broken
by what the import makes from several rows together (a module starting at the earliest row of
its Day, say); then `ScenarioPack.model_validate` raises pydantic's `ValidationError`. Its
errors become the same located problems a bad pack file gives (`field_problems.problems_from`),
said with the catalogue (`problem_words`): where in the merged pack, what is wrong, what to do.
Whatever has no sentence of its own gets a general one, in the reader's language too. No
Streamlit: the import page and `exercise import` both use it."""

from __future__ import annotations

from pydantic import ValidationError

from exercise.i18n import Translator, catalogue
from exercise.scenario.field_problems import problems_from
from exercise.scenario.problem_words import field_words, problem_sentence
from exercise.scenario.problems import Problem
from exercise.scenario.text import DEFAULT_LANGUAGE

MAX_LINES = 20  # pydantic lists every error; the reader needs the first few


def refused_problems(exc: ValueError) -> list[Problem]:
    """The problems of the merged pack behind `exc`, located at their field (none known: one
    problem about the whole pack, without words of its own)."""
    if isinstance(exc, ValidationError):
        found = problems_from(exc, (), None)
        if found:
            return found
    return [Problem(str(exc)[:500])]


def refused_lines(problems: list[Problem], t: Translator) -> list[str]:
    """One line per problem of the merged pack (`refused_problems`), in `t`'s language: where,
    what, what to do; the first MAX_LINES and how many more."""
    lines = [refused_line(problem, t) for problem in problems[:MAX_LINES]]
    if len(problems) > MAX_LINES:
        lines.append(t("import.merged.more", count=len(problems) - MAX_LINES))
    return lines


def refused_line(problem: Problem, t: Translator) -> str:
    code = problem.extra.get("words", "")
    known = bool(code) and f"problem.{code}" in catalogue("en") and (
        code != "own" or t.lang == DEFAULT_LANGUAGE)  # `own`: the model's English words
    what, todo = problem_sentence(problem, t) if known else (t("import.merged.other"), "")
    todo = todo or t("import.merged.todo")
    if not problem.path:
        return t("import.merged.whole", what=what, todo=todo)
    where = problem.dotted_path if t.lang == DEFAULT_LANGUAGE else field_words(problem.path, t)
    return t("import.merged.line", where=where, what=what, todo=todo)

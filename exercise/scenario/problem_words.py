"""Problems of a pack or an import in the reader's language: the domain reports where and a
code with its values (`Problem.extra["words"]`, see `scenario.field_problems.SENTENCES`), and
the sentence is made here from the catalogue (`problem.<code>`, `problem.<code>.hint`). A
problem without a code keeps the domain's own words. No Streamlit: the command line and the
pages both use it (`exercise.ui.problem_words` draws the list)."""

from __future__ import annotations

from exercise.i18n import Translator, catalogue
from exercise.scenario.problems import Path, Problem

LISTS = ("expected", "expected_tags", "languages")  # values that list choices with an English "or"


def field_words(path: Path, t: Translator) -> str:
    """The field a problem is about: `hazards`, `item 2 of hazards`."""
    if not path:
        return t("problem.the_pack")
    last = path[-1]
    if isinstance(last, int):
        owner = next((str(p) for p in reversed(path) if not isinstance(p, int)), "")
        return t("problem.item_of", n=last + 1, field=owner)
    return str(last)


def problem_sentence(problem: Problem, t: Translator) -> tuple[str, str]:
    """(what is wrong, what to do) in `t`'s language."""
    code = problem.extra.get("words", "")
    key = f"problem.{code}"
    if not code or key not in catalogue("en"):
        return problem.message, problem.hint
    values = {name: value for name, value in problem.extra.items() if name not in ("key", "first")}
    if code not in ("missing", "unknown", "unknown_close", "own"):
        values["field"] = field_words(problem.path, t)
    if "kind" in values:  # what an unknown id was meant to name: "agency", "resource type"
        kind = f"problem.kind.{values['kind'].replace(' ', '_')}"
        values["kind"] = t(kind) if kind in catalogue("en") else values["kind"]
    for name in LISTS:
        if name in values:
            values[name] = values[name].replace(" or ", t("problem.or"))
    hint = t(f"{key}.hint", **values) if f"{key}.hint" in catalogue("en") else ""
    if code == "missing":  # what to add, for the sections and fields that have advice
        advice = f"problem.missing.{values.get('field', '')}"
        hint = t(advice) if problem.hint and advice in catalogue("en") else problem.hint
    return t(key, **values), hint


def problem_line(problem: Problem, t: Translator) -> str:
    """One problem as a line: where (file:line:column and the field path), what, what to do."""
    what, todo = problem_sentence(problem, t)
    where = problem.where + (f" {problem.dotted_path}" if problem.path else "")
    severity = t(f"problem.severity.{problem.severity.value}")
    return t("problem.line", where=where, severity=severity, what=what) + (
        t("problem.todo", todo=todo) if todo else "")

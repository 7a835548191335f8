"""Problems of a pack or an import in the reader's language: the domain reports where and a
code with its values (`Problem.extra["words"]`, see `scenario.field_problems.SENTENCES`), and
the sentence is made here from the catalogue (`problem.<code>`, `problem.<code>.hint`). A
problem without a code keeps the domain's own words. No Streamlit: the command line and the
pages both use it (`exercise.ui.problem_words` draws the list)."""

from __future__ import annotations

import re

from exercise.i18n import Translator, catalogue
from exercise.scenario.problems import Path, Problem
from exercise.scenario.text import DEFAULT_LANGUAGE

LISTS = ("expected", "expected_tags", "languages")  # values that list choices with an English "or"
_QUOTED = re.compile(r"'([^']*)'")  # a value as the domain shows it (Python's repr)
_BETWEEN = re.compile(r"'(, | or )'")  # what joins two quoted choices: 'a', 'b' or 'c'
_CJK = "\u3000-\u9fff\uff00-\uffef"
_SPACE_AT_QUOTE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")  # 「a」 不是 → 「a」不是 (a space was for Latin)


def field_words(path: Path, t: Translator) -> str:
    """The field a problem is about. In English its name (`hazards`, `item 2 of hazards`: the
    located line gives its path); in another language the whole path in words, e.g.
    「第 1 個機關的層級」 for agencies[0].level, a name without a word kept in 「…」."""
    if not path:
        return t("problem.the_pack")
    if t.lang == DEFAULT_LANGUAGE:
        last = path[-1]
        if isinstance(last, int):
            owner = next((str(p) for p in reversed(path) if not isinstance(p, int)), "")
            return t("problem.item_of", n=last + 1, field=owner)
        return str(last)
    parts: list[str] = []
    for i, part in enumerate(path):
        if isinstance(part, int):
            if i == 0 or isinstance(path[i - 1], int):
                parts.append(t("problem.nth_of", n=part + 1))
            continue
        word = _field_name(str(part), t)
        following = path[i + 1] if i + 1 < len(path) else None
        parts.append(t("problem.nth", n=following + 1, field=word) if isinstance(following, int) else word)
    return t("problem.of").join(parts)


def _field_name(name: str, t: Translator) -> str:
    key = f"problem.field.{name}"
    return t(key) if key in catalogue("en") else t("problem.field_quoted", name=name)


def quoted_words(text: str, t: Translator) -> str:
    """A value the domain quoted as Python does ('county', 'a', 'b' or 'c') quoted and listed
    the way `t`'s language writes it (「county」, 「a」、「b」或「c」); English as it was."""
    text = _BETWEEN.sub(lambda m: "'" + t("problem.sep" if m[1] == ", " else "problem.or_quoted") + "'", text)
    return _QUOTED.sub(lambda m: t("problem.quoted", text=m[1]), text)


def problem_sentence(problem: Problem, t: Translator) -> tuple[str, str]:
    """(what is wrong, what to do) in `t`'s language."""
    code = problem.extra.get("words", "")
    key = f"problem.{code}"
    if not code or key not in catalogue("en"):
        return problem.message, problem.hint
    values = {name: quoted_words(value, t) for name, value in problem.extra.items()
              if name not in ("key", "first")}
    if code not in ("missing", "missing_section", "unknown", "unknown_close", "own"):
        values["field"] = field_words(problem.path, t)
    if "kind" in values:  # what an unknown id was meant to name: "agency", "resource type"
        kind = f"problem.kind.{values['kind'].replace(' ', '_')}"
        values["kind"] = t(kind) if kind in catalogue("en") else values["kind"]
    for name in LISTS:
        if name in values:
            values[name] = values[name].replace(" or ", t("problem.or")).replace(", ", t("problem.sep"))
    if "known" in values:  # the ids a pack has: a, b, c
        values["known"] = values["known"].replace(", ", t("problem.sep"))
    hint = t(f"{key}.hint", **values) if f"{key}.hint" in catalogue("en") else ""
    if code in ("missing", "missing_section"):  # what to add, for the sections and fields that have advice
        advice = f"problem.missing.{values.get('field', '')}"
        hint = t(advice) if problem.hint and advice in catalogue("en") else problem.hint
    what = t(key, **values)
    if t.lang == DEFAULT_LANGUAGE:
        return what, hint
    return _SPACE_AT_QUOTE.sub("", what), _SPACE_AT_QUOTE.sub("", hint)


def problem_line(problem: Problem, t: Translator) -> str:
    """One problem as a line: where (file:line:column and the field path), what, what to do."""
    what, todo = problem_sentence(problem, t)
    shown = problem.dotted_path if t.lang == DEFAULT_LANGUAGE else field_words(problem.path, t)
    where = problem.where + (f" {shown}" if problem.path else "")
    severity = t(f"problem.severity.{problem.severity.value}")
    return t("problem.line", where=where, severity=severity, what=what) + (
        t("problem.todo", todo=todo) if todo else "")

"""Property: a valid pack mutated at random is either valid or a list of located errors."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise.scenario.loader import load_pack_text
from tests.scenario.packtext import MINIMAL

BASE: dict[str, Any] = yaml.safe_load(MINIMAL)
JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=12), st.sampled_from(["yes", "T+99:99", "D+1 H+3", "eoc", "I-1", "", "&x"]),
    st.lists(st.text(max_size=4), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


def _containers(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path] if isinstance(value, (dict, list)) else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _containers(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _containers(child, (*path, index))
    return found


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        paths = _containers(data)
        target = _at(data, draw(st.sampled_from(paths)))
        keys = list(target.keys()) if isinstance(target, dict) else list(range(len(target)))
        action = draw(st.sampled_from(["delete", "replace", "insert", "swap", "duplicate"]))
        if not keys and action != "insert":
            continue
        key = draw(st.sampled_from(keys)) if keys else None
        if action == "delete":
            del target[key]
        elif action == "replace":
            target[key] = draw(JUNK)
        elif action == "insert":
            if isinstance(target, dict):
                target[draw(st.sampled_from(["id", "from", "extra", "channels", "time", "to"]))] = draw(JUNK)
            else:
                target.insert(draw(st.integers(0, len(target))), draw(JUNK))
        elif action == "swap":
            other = draw(st.sampled_from(keys))
            target[key], target[other] = target[other], target[key]
        else:
            target[key] = copy.deepcopy(draw(st.sampled_from(
                [v for v in (target.values() if isinstance(target, dict) else target)])))
    return data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from(["block", "flow"]))
def test_a_mutated_pack_is_valid_or_every_error_is_located(data, style):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                          default_flow_style=None if style == "block" else True)
    result = load_pack_text(text, file="mutant.yaml")
    if result.ok:
        assert result.pack is not None and result.errors == []
        return
    assert result.pack is None and result.errors
    lines = text.count("\n") + 1
    for problem in result.problems:
        assert problem.line is not None and 1 <= problem.line <= lines, str(problem)
        assert problem.column is not None and problem.column >= 1, str(problem)
        assert problem.message and str(problem).startswith(f"mutant.yaml:{problem.line}:")


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_random_edits_to_the_text_never_raise(data):
    text = MINIMAL
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 12))
        text = text[:at] + data.draw(st.text(max_size=6)) + text[at + cut:]
    result = load_pack_text(text, file="edited.yaml")
    assert result.ok or all(p.line is not None for p in result.errors)

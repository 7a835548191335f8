"""Pack problems in the product's words (issue #16 item 14): no pydantic sentence reaches a
reader, every code has a sentence in both languages, and an upload's problems wrap."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from exercise.i18n import catalogue, placeholders, translator
from exercise.scenario.field_problems import SENTENCES
from exercise.scenario.loader import load_pack_text
from exercise.ui.problem_words import problem_line
from tests.ui.conftest import EXAMPLE
from tests.ui.play_support import rendered

PYDANTIC = ("Input should", "Field required", "Extra inputs", "validation error", "Value error",
            "Assertion failed", "Input tag", "Unable to extract tag")
DATA = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:2]):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(DATA)
WRONG = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=True),
                  st.text(max_size=12), st.lists(st.integers(0, 3), max_size=2),
                  st.dictionaries(st.sampled_from(["x", "id", "name"]), st.integers(0, 3), max_size=2))


def _broken(path: tuple[Any, ...], value: Any) -> str:
    data = copy.deepcopy(DATA)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), value=WRONG)
def test_no_pydantic_sentence_reaches_a_reader(path: tuple[Any, ...], value: Any) -> None:
    result = load_pack_text(_broken(path, value), file="pack.yaml")
    for problem in result.problems:
        for lang in ("en", "zh-TW"):
            line = problem_line(problem, translator(lang))
            assert not any(phrase in line for phrase in PYDANTIC), line
            assert not re.search(r"\{[a-z_]+\}", line), line  # no placeholder left unfilled


def test_every_code_has_a_sentence_in_both_languages() -> None:
    for code in (*SENTENCES, "missing", "unknown", "unknown_close", "own"):
        for suffix in ("", ".hint"):
            key = f"problem.{code}{suffix}"
            if key not in catalogue("en"):
                continue
            assert key in catalogue("zh-TW"), key
            assert placeholders(catalogue("en")[key]) == placeholders(catalogue("zh-TW")[key]), key


def test_a_value_that_should_be_a_list_is_named_with_what_to_write() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("hazards: [typhoon", "hazards: typhoon", 1)
    text = text.replace("hazards: typhoon, landslide]", "hazards: typhoon", 1)
    [problem] = [p for p in load_pack_text(text, file="pack.yaml").problems if p.path[-1:] == ("hazards",)]
    english = problem_line(problem, translator("en"))
    assert "hazards should be a list, not 'typhoon'" in english and "[] for none" in english
    chinese = problem_line(problem, translator("zh-TW"))
    assert "劇本資訊的災害類型應為清單，而不是「typhoon」" in chinese and "錯誤" in chinese
    assert "should" not in chinese and "metadata.hazards" not in chinese


def test_an_uploads_problems_wrap_and_speak_the_readers_language(app: AppTest, data_dir: Path) -> None:
    broken = EXAMPLE.read_bytes().replace(b"quantity: 120}", b"quantity: lots}", 1)
    assert broken != EXAMPLE.read_bytes()
    app.query_params["lang"] = "zh-TW"
    app.run()
    app.file_uploader(key="library.upload").upload("broken.yaml", broken, "application/yaml")
    app.run()
    assert not app.exception, app.exception
    assert not app.code  # no box that cuts long lines
    listed = rendered("\n".join(m.value for m in app.markdown))
    assert "broken.yaml:" in listed and "應為整數" in listed and "Input should" not in listed

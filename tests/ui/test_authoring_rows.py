"""Pack ⇄ editable rows: what the tables carry comes back equal, what they cannot carry is kept,
and problems of the edited pack land on the row and column they concern."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercise.scenario.loader import load_pack
from exercise.scenario.models import ScenarioPack
from exercise.scenario.writer import pack_data
from exercise.ui.authoring.checks import check_edits
from exercise.ui.authoring.rows import local_value, pack_rows, rows_to_data, split_ids

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
EXAMPLE = SCENARIOS / "example-typhoon-township.yaml"


@pytest.fixture(scope="module")
def example() -> ScenarioPack:
    result = load_pack(EXAMPLE)
    assert result.ok
    return result.pack


_LETTERS = "abcxyzABC0123 -.,;:'\"<>&*#|/\\街道縣應變中心災害颱風、。"
text = st.text(alphabet=_LETTERS, min_size=1, max_size=16).map(str.strip).filter(bool)
local_text = st.one_of(
    text,
    st.builds(lambda en: {"en": en}, text),
    st.builds(lambda zh: {"zh-TW": zh}, text),
    st.builds(lambda en, zh: {"en": en, "zh-TW": zh}, text, text),
)
ident = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,8}", fullmatch=True)
minutes = st.integers(min_value=-600, max_value=3000)


@st.composite
def packs(draw: st.DrawFn, base: dict[str, Any]) -> ScenarioPack:
    data = dict(base)
    agency_ids = draw(st.lists(ident, min_size=1, max_size=5, unique=True))
    data["agencies"] = [{
        "id": a, "name": draw(local_text), "level": draw(st.sampled_from(["local", "ngo"])),
        "sector": draw(local_text), "area": draw(ident),
        **({"short_name": draw(local_text)} if draw(st.booleans()) else {}),
        **({"channels": draw(st.lists(ident, max_size=3))} if draw(st.booleans()) else {}),
        **({"description": draw(local_text)} if draw(st.booleans()) else {}),
    } for a in agency_ids]
    pairs = draw(st.lists(st.tuples(ident, ident), max_size=4, unique=True))
    data["links"] = [{
        "from": a, "to": b, "channels": draw(st.lists(ident, min_size=1, max_size=3)),
        "direction": draw(st.sampled_from(["both", "one_way"])),
        "basis": draw(st.sampled_from(["law", "sop", "mou", "informal"])),
        **({"note": draw(local_text)} if draw(st.booleans()) else {}),
    } for a, b in pairs]
    module_ids = draw(st.lists(ident, min_size=1, max_size=3, unique=True))
    data["modules"] = [{
        "id": m, "title": draw(local_text), "start": draw(minutes),
        "situation": draw(local_text), "questions": draw(st.lists(local_text, max_size=3)),
        **({"end": draw(minutes)} if draw(st.booleans()) else {}),
    } for m in module_ids]
    inject_ids = draw(st.lists(ident, max_size=5, unique=True))
    data["injects"] = [{
        "id": i, "module": draw(st.sampled_from(module_ids)), "time": draw(minutes),
        "from": draw(ident), "to": draw(st.lists(ident, min_size=1, max_size=3)),
        "type": draw(st.sampled_from(["information", "decision", "infrastructure"])),
        "title": draw(local_text), "message": draw(local_text),
        "expected_actions": draw(st.lists(local_text, max_size=3)),
        "contingency": draw(st.booleans()),
        **({"channel": draw(ident)} if draw(st.booleans()) else {}),
        **({"facilitator_notes": draw(local_text)} if draw(st.booleans()) else {}),
        **({"objectives": draw(st.lists(ident, max_size=2))} if draw(st.booleans()) else {}),
        **({"effects": [{"system": draw(ident), "status": "down"}]} if draw(st.booleans()) else {}),
        **({"conditions": [{"after": draw(ident), "delay": draw(st.integers(0, 90))}]}
           if draw(st.booleans()) else {}),
        **({"options": [{"id": "go", "label": draw(local_text)}]} if draw(st.booleans()) else {}),
    } for i in inject_ids]
    return ScenarioPack.model_validate(data)


_BASE = pack_data(load_pack(EXAMPLE).pack)


@settings(max_examples=150, deadline=None)
@given(packs(_BASE))
def test_pack_to_rows_to_pack_is_the_same_pack(pack: ScenarioPack) -> None:
    rows = pack_rows(pack)
    assert ScenarioPack.model_validate(rows_to_data(pack, rows)) == pack


def test_every_shipped_pack_survives_the_tables_unchanged() -> None:
    for path in sorted(SCENARIOS.glob("*.yaml")):
        result = load_pack(path)
        if result.ok:
            check = check_edits(result.pack, pack_rows(result.pack), path.name)
            assert check.pack == result.pack, path.name


def test_rows_show_text_per_language_and_ids_as_comma_text(example: ScenarioPack) -> None:
    rows = pack_rows(example)
    eoc = next(r for r in rows["agencies"] if r["id"] == "township-eoc")
    assert eoc["name_en"] == "Shanlin Township Emergency Operations Centre"
    assert eoc["name_zh"] and "," not in eoc["id"]
    first_link = rows["links"][0]
    assert first_link["channels"] == ", ".join(example.links[0].channels)
    assert rows["injects"][0]["time"].startswith("T")


def test_fields_the_tables_cannot_carry_are_kept(example: ScenarioPack) -> None:
    rows = pack_rows(example)
    with_effects = next(i for i, inj in enumerate(example.injects) if inj.effects)
    rows["injects"][with_effects]["title_en"] = "A new title"
    rows["injects"][with_effects]["id"] = "RENAMED-1"
    pack = ScenarioPack.model_validate(rows_to_data(example, rows))
    edited = pack.injects[with_effects]
    assert edited.id == "RENAMED-1" and edited.title["en"] == "A new title"
    assert edited.effects == example.injects[with_effects].effects
    assert edited.conditions == example.injects[with_effects].conditions
    assert pack.resources == example.resources and pack.channels == example.channels


def test_a_deleted_and_an_added_row(example: ScenarioPack) -> None:
    rows = pack_rows(example)
    removed = rows["agencies"].pop()
    rows["agencies"].append({"id": "new-ngo", "name_en": "New NGO", "level": "ngo",
                             "sector_en": "relief", "area": example.areas[0].id, "channels": ""})
    pack = ScenarioPack.model_validate(rows_to_data(example, rows))
    ids = [a.id for a in pack.agencies]
    assert removed["id"] not in ids and ids[-1] == "new-ngo"
    assert pack.agencies[-1].name == "New NGO" and pack.agencies[-1].channels == []


def test_an_unknown_agency_is_placed_on_its_row_and_column(example: ScenarioPack) -> None:
    rows = pack_rows(example)
    rows["injects"][2]["from"] = "nobody-here"
    check = check_edits(example, rows, "edited")
    assert check.pack is None
    [located] = [p for p in check.problems if p.table == "injects"]
    assert (located.row, located.column, located.key) == (2, "from", example.injects[2].id)
    assert "nobody-here" in located.problem.message


def test_an_emptied_title_is_a_problem_of_its_column(example: ScenarioPack) -> None:
    rows = pack_rows(example)
    rows["modules"][0]["title_en"] = ""
    rows["modules"][0]["title_zh"] = None
    check = check_edits(example, rows, "edited")
    located = [p for p in check.problems if p.table == "modules"]
    assert located and located[0].row == 0 and located[0].column == "title_en"


@pytest.mark.parametrize("cell,ids", [("a, b;c", ["a", "b", "c"]), ("x、y\nz", ["x", "y", "z"]),
                                      (None, []), (float("nan"), []), (" ", [])])
def test_id_lists_accept_commas_semicolons_and_lines(cell: Any, ids: list[str]) -> None:
    assert split_ids(cell) == ids


def test_text_stays_plain_unless_a_second_language_is_given() -> None:
    assert local_value("Road closed", "") == "Road closed"
    assert local_value("Road closed", "道路封閉") == {"en": "Road closed", "zh-TW": "道路封閉"}
    assert local_value("", "道路封閉") == {"zh-TW": "道路封閉"}
    assert local_value("Road", None, before={"en": "x"}) == {"en": "Road"}
    assert local_value(None, float("nan")) is None

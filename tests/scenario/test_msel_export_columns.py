"""`exercise export-msel` writes every column the importer reads (options, effects, After,
If Not Acknowledged By) and the day and time of day when the pack has a start; importing the
sheet gives back the same injects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise.scenario.loader import load_pack
from exercise.scenario.models import InjectType, ScenarioPack
from exercise.scenario.spreadsheets.msel import merge_msel, read_msel
from exercise.scenario.spreadsheets.msel_export import msel_table
from exercise.scenario.spreadsheets.tables import read_table
from exercise.scenario.spreadsheets.write import write_csv, write_xlsx

SCENARIOS = Path(__file__).parents[2] / "scenarios"
EXAMPLE = SCENARIOS / "example-typhoon-township.yaml"
BASE = load_pack(EXAMPLE).valid_pack
AGENCIES = [a.id for a in BASE.agencies]
SYSTEMS = [s.id for s in BASE.infrastructure]
AREAS = [a.id for a in BASE.areas]


def _round_trip(pack: ScenarioPack, into: ScenarioPack, fmt: str = "csv") -> ScenarioPack:
    headers, rows = msel_table(pack)
    data = write_csv(headers, rows) if fmt == "csv" else write_xlsx([("MSEL", headers, rows)])
    result = read_msel(read_table(data, f"msel.{fmt}"), into)
    assert not result.errors, [str(p) for p in result.errors]
    return merge_msel(into, result)


def _column(pack: ScenarioPack, header: str) -> dict[str, Any]:
    headers, rows = msel_table(pack)
    return {row[0]: row[headers.index(header)] for row in rows}


def test_the_sheet_has_options_effects_conditions_day_and_time_of_day() -> None:
    headers, _ = msel_table(BASE)
    for header in ("Options", "Effects", "After", "If Not Acknowledged By", "Day", "Time of Day"):
        assert header in headers
    assert headers.index("Day") == headers.index("Scenario Time") + 1
    decision = next(i for i in BASE.injects if i.options)
    assert _column(BASE, "Options")[decision.id] == " | ".join(str(o.label["en"]) if isinstance(
        o.label, dict) else o.label for o in decision.options)
    assert _column(BASE, "Effects")["I-06"] == "power down in upper-valley"
    first = min(BASE.injects, key=lambda i: i.time)  # I-01 at T+00:10, the start is 06:00
    assert (_column(BASE, "Day")[first.id], _column(BASE, "Time of Day")[first.id]) == ("1", "06:10")


def test_without_a_readable_start_there_is_no_day_or_time_of_day() -> None:
    pack = BASE.model_copy(update={"metadata": BASE.metadata.model_copy(
        update={"scenario_start": "when the warning comes"})})
    headers, _ = msel_table(pack)
    assert "Day" not in headers and "Time of Day" not in headers


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_pack_comes_back_identical(path: Path) -> None:
    result = load_pack(path)
    if result.pack is None:
        pytest.skip(f"{path.name} does not load now")
    pack = result.pack
    back = _round_trip(pack, pack)
    assert back.injects == pack.injects


def test_a_pack_comes_back_identical_through_xlsx_too() -> None:
    assert _round_trip(BASE, BASE, "xlsx").injects == BASE.injects


WORD = st.sampled_from(["evacuate", "wait", "shelter", "open", "close", "send", "hold", "now",
                        "road", "teams"])


@st.composite
def options(draw: st.DrawFn) -> list[dict[str, str]]:
    labels = draw(st.lists(st.lists(WORD, min_size=1, max_size=3).map(" ".join), min_size=2,
                           max_size=4, unique=True))
    return [{"id": label.replace(" ", "-"), "label": label.capitalize()} for label in labels]


@st.composite
def effect(draw: st.DrawFn) -> dict[str, Any]:
    status = draw(st.sampled_from(["down", "degraded", "up"]))
    if draw(st.booleans()):
        return {"agency": draw(st.sampled_from(AGENCIES)), "status": status}
    area = draw(st.none() | st.sampled_from(AREAS))
    return {"system": draw(st.sampled_from(SYSTEMS)), "status": status,
            **({"area": area} if area else {})}


@st.composite
def injects(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 6))
    out: list[dict[str, Any]] = []
    for number in range(count):
        module = draw(st.sampled_from(BASE.modules))
        start, end = BASE.module_window(module.id)
        inject: dict[str, Any] = {
            "id": f"X-{number}", "module": module.id,
            "time": draw(st.integers(start, min(end - 1, start + 600))),
            "from": draw(st.sampled_from(AGENCIES)),
            "to": draw(st.lists(st.sampled_from(AGENCIES), min_size=1, max_size=2, unique=True)),
            "title": f"Inject {number}", "message": "What happens",
            "type": InjectType.information.value,
            "effects": draw(st.lists(effect(), max_size=3)),
        }
        if draw(st.booleans()):
            inject["type"], inject["options"] = InjectType.decision.value, draw(options())
        conditions: list[dict[str, Any]] = []
        if out and draw(st.booleans()):
            after = draw(st.sampled_from([i["id"] for i in out]))
            delay = draw(st.integers(0, 180))
            conditions.append({"after": after, **({"delay": delay} if delay else {})})
        if out and draw(st.booleans()):
            conditions.append({"no_ack": draw(st.sampled_from([i["id"] for i in out])),
                               "by": draw(st.integers(0, 3000))})
        inject["conditions"] = conditions
        out.append(inject)
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=injects(), fmt=st.sampled_from(["csv", "xlsx"]))
def test_options_effects_and_conditions_survive_into_an_empty_msel(generated, fmt) -> None:
    data = BASE.model_dump(by_alias=True)
    data["injects"] = generated
    pack = ScenarioPack.model_validate(data)
    empty = BASE.model_copy(update={"injects": []})
    assert _round_trip(pack, empty, fmt).injects == pack.injects


def test_an_edited_cell_is_read_and_an_unchanged_one_keeps_the_pack_s_details() -> None:
    headers, rows = msel_table(BASE)
    decision = next(i for i in BASE.injects if i.options and any(o.consequence for o in i.options))
    row = next(r for r in rows if r[0] == decision.id)
    row[headers.index("Options")] = "Evacuate | Wait | Ask the county"
    result = read_msel(read_table(write_csv(headers, rows), "msel.csv"), BASE)
    back = merge_msel(BASE, result)
    assert [o.id for o in back.inject(decision.id).options] == ["evacuate", "wait", "ask-the-county"]
    others = [i for i in BASE.injects if i.id != decision.id]
    assert [back.inject(i.id) for i in others] == others

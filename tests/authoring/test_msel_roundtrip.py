"""import(export(pack)) gives the same MSEL, in CSV and in XLSX, for generated packs."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise.scenario.models import InjectType, ScenarioPack
from exercise.scenario.spreadsheets.msel import merge_msel, read_msel
from exercise.scenario.spreadsheets.msel_export import msel_table
from exercise.scenario.spreadsheets.tables import read_table
from exercise.scenario.spreadsheets.write import write_csv, write_xlsx

from .conftest import EXAMPLE

_ALPHABET = st.sampled_from(list("abcXYZ019 ,;、=-+@'\"()颱風撤離：。→>"))
TEXT = (st.text(_ALPHABET, min_size=1, max_size=30) | st.sampled_from(["Township EOC", "yes"])
        ).map(str.strip).filter(bool)
LOCAL = st.one_of(TEXT, st.fixed_dictionaries({"en": TEXT, "zh-TW": TEXT}),
                  st.fixed_dictionaries({"zh-TW": TEXT}))


def _example() -> ScenarioPack:
    from exercise.scenario.loader import load_pack

    return load_pack(EXAMPLE).pack


BASE = _example()
AGENCIES = [a.id for a in BASE.agencies]
SENDERS = AGENCIES + [a.id for a in BASE.actors]
TASKS = [t.id for o in BASE.objectives for t in o.critical_tasks]


@st.composite
def injects(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 6))
    ids = draw(st.lists(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,8}", fullmatch=True),
                        min_size=count, max_size=count, unique_by=str.casefold))
    out = []
    for inject_id in ids:
        module = draw(st.sampled_from(BASE.modules))
        start, end = BASE.module_window(module.id)
        sender = draw(st.sampled_from(SENDERS))
        usable = BASE.channels_usable_by(sender) if sender in AGENCIES else \
            [c.id for c in BASE.channels]
        out.append({
            "id": inject_id, "module": module.id,
            "time": draw(st.integers(start, min(end - 1, start + 600))),
            "from": sender,
            "to": draw(st.lists(st.sampled_from(AGENCIES), min_size=1, max_size=3, unique=True)),
            "channel": draw(st.none() | st.sampled_from(usable)),
            "type": draw(st.sampled_from([t for t in InjectType if t is not InjectType.decision])),
            "title": draw(LOCAL), "message": draw(LOCAL),
            "expected_actions": draw(st.lists(LOCAL, max_size=3)),
            "expected_contacts": [f"{a} -> {b}" for a, b in draw(st.lists(
                st.tuples(st.sampled_from(AGENCIES), st.sampled_from(AGENCIES)), max_size=2))],
            "objectives": draw(st.lists(st.sampled_from([o.id for o in BASE.objectives]),
                                        unique=True, max_size=2)),
            "critical_tasks": draw(st.lists(st.sampled_from(TASKS), unique=True, max_size=2)),
            "facilitator_notes": draw(st.none() | LOCAL),
        })
    return out


def _round_trip(pack: ScenarioPack, into: ScenarioPack, fmt: str) -> ScenarioPack:
    headers, rows = msel_table(pack)
    data = write_csv(headers, rows) if fmt == "csv" else write_xlsx([("MSEL", headers, rows)])
    result = read_msel(read_table(data, f"msel.{fmt}"), into)
    assert not result.errors, [str(p) for p in result.errors]
    return merge_msel(into, result)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=injects(), fmt=st.sampled_from(["csv", "xlsx"]))
def test_every_column_survives_the_round_trip_into_an_empty_msel(generated, fmt) -> None:
    data = BASE.model_dump(by_alias=True)
    data["injects"] = generated
    pack = ScenarioPack.model_validate(data)
    empty = BASE.model_copy(update={"injects": []})
    assert _round_trip(pack, empty, fmt).injects == pack.injects


def test_the_shipped_example_comes_back_identical_in_both_formats() -> None:
    for fmt in ("csv", "xlsx"):
        assert _round_trip(BASE, BASE, fmt).model_dump() == BASE.model_dump()

"""The pack's id look-ups (issue #15, item 5) belong to each pack object: a copy with other
sections finds its own items, the original keeps its own, and the look-ups never make two
equal packs unequal."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

from exercise.scenario.loader import load_pack
from exercise.scenario.models import ScenarioPack

EXAMPLE = Path(__file__).resolve().parents[2] / "scenarios" / "example-typhoon-township.yaml"


def _pack() -> ScenarioPack:
    pack = load_pack(EXAMPLE).pack
    assert pack is not None
    return pack


def test_a_copy_with_other_injects_finds_its_own_not_the_originals() -> None:
    pack = _pack()
    original = pack.inject("I-01")  # the look-up is built before the copy
    changed = original.model_copy(update={"title": {"en": "Changed"}})
    edited = pack.model_copy(update={"injects": [changed, *pack.injects[1:]]})
    assert edited.inject("I-01").title == {"en": "Changed"}
    assert pack.inject("I-01") is original
    shortened = pack.model_copy(update={"agencies": pack.agencies[:1]})
    assert [a.id for a in shortened.agencies] == [shortened.agency(pack.agencies[0].id).id]
    try:
        shortened.agency(pack.agencies[1].id)
    except KeyError:
        pass
    else:
        raise AssertionError("a copy without the agency still found it in the original's index")


def test_every_kind_of_copy_starts_its_own_look_ups() -> None:
    pack = _pack()
    pack.inject("I-01")
    for other in (pack.model_copy(), copy.copy(pack), copy.deepcopy(pack),
                  pack.model_copy(deep=True), pickle.loads(pickle.dumps(pack))):
        assert other._lookups is not pack._lookups
        assert other.inject("I-01") == pack.inject("I-01")
        other.injects = [*other.injects, other.injects[0].model_copy(update={"id": "I-NEW"})]
        assert other.inject("I-NEW").id == "I-NEW"
        assert "I-NEW" not in pack._lookups.sections["injects"][1]


def test_the_look_ups_never_change_equality() -> None:
    used, fresh = _pack(), _pack()
    used.inject("I-01"), used.agency(used.agencies[0].id)
    assert used == fresh and used.model_dump() == fresh.model_dump()
    assert "_lookups" not in used.model_dump_json()

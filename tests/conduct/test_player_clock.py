"""What players see of the clock is the facilitator's choice, recorded once as an event: both,
the time of day alone, or T+ alone; nobody else may change it and unknown choices are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.conduct import facilitation
from exercise.conduct.errors import AccessDenied, ConductError
from exercise.conduct.events import EventKind
from exercise.conduct.reading import session_state
from exercise.conduct.sessions import create_session
from exercise.store import open_store
from tests.conduct.conftest import EXAMPLE, TABLES


@pytest.fixture
def played(tmp_path: Path):
    store = open_store(None, tmp_path)
    codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TABLES)
    return store, codes


def test_players_see_both_until_the_facilitator_chooses_and_a_choice_is_recorded_once(played) -> None:
    store, codes = played
    assert session_state(store, codes.session_id).player_clock == "both"
    assert facilitation.set_player_clock(store, codes.facilitator, "elapsed") is not None
    assert facilitation.set_player_clock(store, codes.facilitator, "elapsed") is None
    assert session_state(store, codes.session_id).player_clock == "elapsed"
    kinds = [e.kind for e in store.events(codes.session_id)]
    assert kinds.count(EventKind.player_clock_changed) == 1


def test_only_the_facilitator_chooses_and_only_known_ways(played) -> None:
    store, codes = played
    table = next(iter(codes.tables.values()))
    with pytest.raises(AccessDenied):
        facilitation.set_player_clock(store, table, "elapsed")
    with pytest.raises(ConductError, match="not a way to show the clock"):
        facilitation.set_player_clock(store, codes.facilitator, "sundial")
    assert session_state(store, codes.session_id).player_clock == "both"

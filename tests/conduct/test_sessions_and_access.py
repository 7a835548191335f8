"""Sessions from a pack, join codes, and who may do what."""

from __future__ import annotations

import pytest

from exercise.conduct import evaluation, facilitation, play
from exercise.conduct.access import authorize, token_hash
from exercise.conduct.errors import AccessDenied, ConductError
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import pack_hash, session_state
from exercise.conduct.sessions import TableSpec, add_access, create_session, join

from .conftest import T0, Run, wall


def test_the_pack_is_pinned_and_only_hashes_of_codes_are_stored(run: Run, pack_text: str) -> None:
    record = run.store.session(run.sid)
    assert record.pack_text == pack_text and record.pack_hash == pack_hash(pack_text)
    codes = [run.fac, run.codes.debrief, run.codes.observer, *run.codes.tables.values(),
             *run.codes.evaluators.values()]
    stored = {g.token_hash for g in run.store.grants(run.sid)}
    assert stored == {token_hash(c) for c in codes} and not stored & set(codes)
    assert len(set(codes)) == len(codes) and all(len(c) >= 32 for c in codes)
    assert {g.role for g in run.store.grants(run.sid)} == {
        "facilitator", "debrief", "observer", "agency", "evaluator"}


def test_several_sessions_run_side_by_side(pack_text: str) -> None:
    store = MemoryEventStore(clock=lambda: T0)
    a = create_session(store, pack_text, now=T0)
    b = create_session(store, pack_text, name="Table B class", now=T0)
    facilitation.start_clock(store, a.facilitator, speed=10, now=wall(0))
    assert session_state(store, a.session_id).clock.started
    assert not session_state(store, b.session_id).clock.started
    assert session_state(store, b.session_id).name == "Table B class"
    assert len(session_state(store, a.session_id).tables) == 7  # one table per agency by default
    assert join(store, a.tables["Township EOC"]).session_id == a.session_id
    with pytest.raises(AccessDenied, match="not valid for this exercise session"):
        authorize(store, a.tables["Township EOC"], session_id=b.session_id)


def test_read_only_codes_cannot_act(started: Run) -> None:
    r = started
    for code in (r.codes.observer, r.codes.debrief):
        with pytest.raises(AccessDenied):
            play.log_action(r.store, code, "township-eoc", "hello", now=wall(5))
        with pytest.raises(AccessDenied):
            facilitation.pause(r.store, code, now=wall(5))
        with pytest.raises(AccessDenied):
            evaluation.record_rating(r.store, code, "OBJ-1", "Mass Care Services", "P", "ok",
                                     now=wall(5))
    with pytest.raises(AccessDenied, match="only the evaluator or facilitator"):
        evaluation.record_observation(r.store, r.table("Township"), "strength", "we did well",
                                      objective="OBJ-1", now=wall(5))
    with pytest.raises(AccessDenied):
        play.log_action(r.store, r.evaluator, "township-eoc", "evaluators do not play", now=wall(5))


def test_a_table_may_play_several_agencies(started: Run) -> None:
    r = started
    county = r.table("County")
    play.log_action(r.store, county, "fire-bureau", "Crews on standby", now=wall(5))
    play.log_action(r.store, county, "relief-zone", "Helicopter on standby", now=wall(6))
    assert [a.agency for a in r.state().actions] == ["fire-bureau", "relief-zone"]


def test_tables_are_checked_when_a_session_is_created(pack_text: str) -> None:
    store = MemoryEventStore()
    with pytest.raises(ConductError, match="no agency 'nobody'"):
        create_session(store, pack_text, tables=[TableSpec("A", ("nobody",))])
    with pytest.raises(ConductError, match="played by both"):
        create_session(store, pack_text, tables=[TableSpec("A", ("county-eoc",)),
                                                 TableSpec("B", ("county-eoc",))])
    with pytest.raises(ConductError, match="not valid"):
        create_session(store, "metadata: [1, 2")
    assert store.sessions() == []


def test_a_late_table_gets_its_own_code(run: Run) -> None:
    code = add_access(run.store, run.fac, "agency", "Late table", ["red-cross"])
    facilitation.start_clock(run.store, run.fac, now=wall(0))
    assert join(run.store, code).agencies == ("red-cross",)
    with pytest.raises(AccessDenied):
        add_access(run.store, run.table("Township"), "facilitator", "me")


def test_hostile_text_is_refused_with_a_clear_message(started: Run) -> None:
    with pytest.raises(ConductError, match="keep it under"):
        play.log_action(started.store, started.table("Township"), "township-eoc", "x" * 50_000,
                        now=wall(5))
    with pytest.raises(ConductError, match="is empty"):
        play.log_action(started.store, started.table("Township"), "township-eoc", "   ", now=wall(5))
    with pytest.raises(ConductError, match="whole number"):
        play.request_resource(started.store, started.table("Township"), "township-eoc",
                              "red-cross", "relief-kit", 2.5, now=wall(5))  # type: ignore[arg-type]

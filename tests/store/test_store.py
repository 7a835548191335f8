"""The event store keeps what the conduct engine appends, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from exercise.conduct.errors import AppendConflict
from exercise.conduct.event_types import InjectReleased
from exercise.conduct.events import EventKind, NewEvent
from exercise.conduct.ports import AccessGrant, EventStore
from exercise.store import SqlEventStore, StoreUnavailable

from .conftest import grant, session_record

TAIPEI = timezone(timedelta(hours=8))
ACTION = {"agency": "fire", "text": "hoses out"}


def released(inject: str, minute: float, key: str | None = None) -> NewEvent:
    return NewEvent(
        kind=EventKind.inject_released, actor="facilitator",
        payload={"inject_id": inject, "mode": "scheduled"},
        scenario_minute=minute, idempotency_key=key,
    )


def test_appended_events_come_back_numbered_in_order_with_every_fact(store: EventStore) -> None:
    store.create_session(session_record(), [])
    appended = store.append("S-1", [released("I-01", 0), released("I-02", 30.5, "k-2")])
    appended += store.append("S-1", [NewEvent(EventKind.clock_paused, "facilitator", {"wall": 5.0})])

    stored = store.events("S-1")
    assert [event.seq for event in stored] == [1, 2, 3]
    assert stored == appended
    assert stored[1].payload == {"inject_id": "I-02", "mode": "scheduled", "adhoc": None}
    assert stored[1].data == InjectReleased(inject_id="I-02") and stored[1].version == 1
    assert stored[1].scenario_minute == 30.5 and stored[1].idempotency_key == "k-2"
    assert stored[2].kind is EventKind.clock_paused and stored[2].scenario_minute is None
    assert all(event.wall_time.tzinfo is not None for event in stored)
    assert store.last_seq("S-1") == 3


def test_wall_time_is_kept_as_the_same_instant_in_utc(database_url: str) -> None:
    moment = datetime(2025, 5, 1, 17, 30, 15, 123456, tzinfo=TAIPEI)
    with SqlEventStore(database_url, clock=lambda: moment) as store:
        store.create_session(session_record(), [])
        store.append("S-1", [released("I-01", 0)])
        (event,) = store.events("S-1")
    assert event.wall_time == moment
    assert event.wall_time.utcoffset() == timedelta(0)


def test_a_repeated_idempotency_key_records_once_and_returns_the_stored_event(
    store: EventStore,
) -> None:
    store.create_session(session_record(), [])
    (first,) = store.append("S-1", [released("I-01", 0, key="release:I-01")])
    again = store.append(
        "S-1", [released("I-01", 5, key="release:I-01"), released("I-02", 5, key="release:I-02")]
    )
    assert again[0] == first
    assert again[1].seq == 2
    same_batch = store.append("S-1", [released("I-03", 9, key="k3"), released("I-03", 9, key="k3")])
    assert same_batch[0] == same_batch[1] and same_batch[0].seq == 3
    assert [event.payload["inject_id"] for event in store.events("S-1")] == ["I-01", "I-02", "I-03"]
    assert store.last_seq("S-1") == 3


def test_the_same_key_in_another_session_is_another_event(store: EventStore) -> None:
    store.create_session(session_record("S-1"), [])
    store.create_session(session_record("S-2", minute=1), [])
    one = store.append("S-1", [released("I-01", 0, key="release:I-01")])
    two = store.append("S-2", [released("I-01", 0, key="release:I-01")])
    assert one[0].seq == two[0].seq == 1
    assert one[0].session_id == "S-1" and two[0].session_id == "S-2"


def test_events_after_a_sequence_number_are_what_a_poll_gets(store: EventStore) -> None:
    store.create_session(session_record(), [])
    store.create_session(session_record("S-2", minute=1), [])
    store.append("S-1", [released(f"I-{n:02}", n) for n in range(1, 11)])
    store.append("S-2", [released("X-01", 0)])
    assert [event.seq for event in store.events("S-1", after_seq=7)] == [8, 9, 10]
    assert store.events("S-1", after_seq=10) == []
    assert [event.payload["inject_id"] for event in store.events("S-2")] == ["X-01"]
    assert store.events("no-such-session") == []


def test_appending_to_an_unknown_session_is_refused(store: EventStore) -> None:
    with pytest.raises(LookupError, match="no exercise session 'ghost'"):
        store.append("ghost", [released("I-01", 0)])
    assert store.last_seq("ghost") == 0


def test_a_batch_with_one_bad_event_stores_none_of_it(store: EventStore) -> None:
    store.create_session(session_record(), [])
    not_a_number = NewEvent(EventKind.clock_started, "facilitator",
                            {"wall": float("nan"), "minute": 0, "speed": 1})
    with pytest.raises(ValueError, match="clock_started: wall: Input should be a finite number"):
        store.append("S-1", [released("I-01", 0), not_a_number])
    misspelled = NewEvent(EventKind.action_logged, "fire", {"agency": "fire", "txt": "left"})
    with pytest.raises(ValueError, match="action_logged: text: Field required"):
        store.append("S-1", [released("I-01", 0), misspelled])
    with pytest.raises(ValueError, match="action_logged: the payload must be a JSON object"):
        store.append("S-1", [NewEvent(EventKind.action_logged, "fire", ["not", "an", "object"])])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="actor is 201 characters long"):
        store.append("S-1", [NewEvent(EventKind.action_logged, "x" * 201, ACTION)])
    assert store.events("S-1") == [] and store.last_seq("S-1") == 0


def test_hostile_text_is_stored_exactly(store: EventStore) -> None:
    store.create_session(session_record(), [])
    action = {
        "agency": "township-eoc", "inject_id": None,
        "text": "'; DROP TABLE events; -- \x00 <script>alert(1)</script> 撤離 🌀",
    }
    form = {"respondent": "", "role": "Player", "agency": None,
            "answers": {"nested": {"list": [1, 2.5, None, True, "\\u0000"]}}}
    store.append("S-1", [NewEvent(EventKind.action_logged, "township-eoc", action),
                         NewEvent(EventKind.feedback_submitted, "township-eoc", form)])
    assert [event.payload for event in store.events("S-1")] == [action, form]
    with pytest.raises(ValueError, match="actor contains a NUL"):
        store.append("S-1", [NewEvent(EventKind.action_logged, "eoc\x00", ACTION)])


def test_a_session_keeps_its_pinned_pack_and_sessions_are_listed_oldest_first(
    store: EventStore,
) -> None:
    store.create_session(session_record("S-late", minute=30), [])
    store.create_session(session_record("S-early", minute=5), [])
    assert [record.session_id for record in store.sessions()] == ["S-early", "S-late"]
    assert store.session("S-late") == session_record("S-late", minute=30)
    assert store.session("missing") is None
    with pytest.raises(ValueError, match="'S-late' already exists"):
        store.create_session(session_record("S-late"), [])


def test_closing_and_reopening_a_session(store: EventStore) -> None:
    store.create_session(session_record(), [])
    store.set_closed("S-1", True)
    assert store.session("S-1").closed is True  # type: ignore[union-attr]
    store.set_closed("S-1", False)
    assert store.session("S-1").closed is False  # type: ignore[union-attr]
    with pytest.raises(LookupError):
        store.set_closed("missing", True)


def test_access_grants_are_found_by_token_hash(store: EventStore) -> None:
    facilitator = grant("f00", "S-1", "facilitator")
    table = grant("t01", "S-1", "agency", "township-eoc", "fire")
    store.create_session(session_record(), [facilitator, table])
    store.create_session(session_record("S-2", minute=1), [grant("x", "S-2", "observer")])
    evaluator = grant("e01", "S-1", "evaluator")
    store.add_grant(evaluator)

    assert store.grant("sha256:t01") == table
    assert store.grant("sha256:t01").agencies == ("township-eoc", "fire")  # type: ignore[union-attr]
    assert store.grant("sha256:unknown") is None
    assert sorted(g.token_hash for g in store.grants("S-1")) == [
        "sha256:e01", "sha256:f00", "sha256:t01",
    ]
    with pytest.raises(ValueError, match="already exists"):
        store.add_grant(grant("t01", "S-1", "observer"))
    with pytest.raises(LookupError):
        store.add_grant(grant("zz", "missing", "observer"))
    assert store.grant("sha256:t01") == table


def test_a_session_whose_join_code_is_taken_is_not_created(store: EventStore) -> None:
    store.create_session(session_record("S-1"), [grant("t01", "S-1")])
    with pytest.raises(ValueError, match="already exists"):
        store.create_session(session_record("S-2"), [grant("new", "S-2"), grant("t01", "S-2")])
    assert store.session("S-2") is None
    assert store.grant("sha256:new") is None
    assert store.grant("sha256:t01").session_id == "S-1"  # type: ignore[union-attr]


def test_everything_is_there_after_closing_and_reopening_the_store(database_url: str) -> None:
    with SqlEventStore(database_url) as store:
        store.create_session(session_record(), [grant("t01")])
        written = store.append("S-1", [released(f"I-{n}", n, key=f"k{n}") for n in range(5)])
        store.set_closed("S-1", True)
    with SqlEventStore(database_url) as store:
        assert store.events("S-1") == written
        assert store.session("S-1").closed  # type: ignore[union-attr]
        assert store.grant("sha256:t01") is not None
        assert store.append("S-1", [released("I-9", 9)])[0].seq == 6


def test_an_unreachable_database_gives_a_message_not_a_traceback() -> None:
    with pytest.raises(StoreUnavailable, match="127.0.0.1:1/nothing cannot be used"):
        SqlEventStore("postgresql+psycopg://someone:secret@127.0.0.1:1/nothing")
    with pytest.raises(StoreUnavailable) as caught:
        SqlEventStore("postgresql+psycopg://someone:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(caught.value)


def test_an_append_onto_an_older_state_is_refused_and_stores_nothing(store: EventStore) -> None:
    store.create_session(session_record(), [])
    store.append("S-1", [released("I-01", 0, "release:I-01")], expected_seq=0)
    with pytest.raises(AppendConflict) as conflict:
        store.append("S-1", [released("I-02", 5)], expected_seq=0)
    assert (conflict.value.expected_seq, conflict.value.last_seq) == (0, 1)
    assert store.last_seq("S-1") == 1
    # a repeat of what is already stored is no conflict: the stored event comes back
    (again,) = store.append("S-1", [released("I-01", 0, "release:I-01")], expected_seq=0)
    assert again.seq == 1
    (next_event,) = store.append("S-1", [released("I-02", 5)], expected_seq=1)
    assert next_event.seq == 2


def test_a_revoked_code_is_kept_and_marked(store: EventStore) -> None:
    table = grant("t01", "S-1", "agency", "township-eoc")
    store.create_session(session_record(), [table, grant("e01", "S-1", "evaluator")])
    store.revoke_grant("sha256:t01")
    assert store.grant("sha256:t01") == AccessGrant(table.token_hash, "S-1", "agency",
                                                    ("township-eoc",), table.label, revoked=True)
    assert store.grant("sha256:e01").revoked is False  # type: ignore[union-attr]
    with pytest.raises(LookupError):
        store.revoke_grant("sha256:unknown")

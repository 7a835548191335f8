"""Issue #13, item 1: two browsers (or app processes) answering resource requests at the same
moment never commit more than the holder has. Telecom holds 2 cell trucks; four tables each
ask for 2; four answers pressed at once commit one request, the other three are refused with
the free quantity, and the board never shows a negative free quantity."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from exercise.conduct import facilitation, play
from exercise.conduct.errors import ConductError
from exercise.conduct.event_types import ResourceRequested
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.ports import EventStore
from exercise.conduct.reading import session_state
from exercise.conduct.sessions import JoinCodes, create_session, join
from exercise.store import SqlEventStore
from tests.integration.processes import go, start_children
from tests.integration.scripted import EXAMPLE, TABLES, predictable_codes

T0 = datetime(2026, 8, 14, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(seconds=30)  # T+00:05 at speed 10: before the first inject
ASKERS = [("County", "county-eoc"), ("County", "fire-bureau"), ("County", "relief-zone"),
          ("Township", "township-eoc")]


def _four_requests_for_two_trucks(store: EventStore) -> tuple[JoinCodes, list[str]]:
    with predictable_codes():
        codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TABLES, now=T0,
                               session_id="race")
    facilitation.start_clock(store, codes.facilitator, speed=10, now=T0)
    for code in codes.tables.values():
        join(store, code, now=T0)
    ids = []
    for table, agency in ASKERS:
        (asked,) = play.request_resource(store, codes.tables[table], agency, "telecom",
                                         "cell-truck", 2, now=NOW)
        assert isinstance(asked.data, ResourceRequested)
        ids.append(asked.data.request_id)
    return codes, ids


def _assert_at_most_what_is_held(store: EventStore) -> None:
    state = session_state(store, "race")
    line = state.resource_line("telecom", "cell-truck")
    assert (line.held, line.committed, line.free) == (2, 2, 0)
    statuses = sorted(q.status for q in state.requests.values())
    assert statuses == ["committed", "open", "open", "open"]
    assert all(line.free >= 0 for line in state.resource_lines())


def _four_answers_at_once(store: EventStore) -> None:
    codes, ids = _four_requests_for_two_trucks(store)
    village = codes.tables["Village"]
    start = threading.Barrier(len(ids))
    outcomes: dict[str, str] = {}

    def press_answer(request_id: str) -> None:
        start.wait()
        try:
            play.answer_request(store, village, request_id, 2, now=NOW)
            outcomes[request_id] = "committed"
        except ConductError as exc:
            outcomes[request_id] = str(exc)

    threads = [threading.Thread(target=press_answer, args=(rid,)) for rid in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()).count("committed") == 1, outcomes
    refusals = [text for text in outcomes.values() if text != "committed"]
    assert all("0 free, 2 asked" in text and "commit at most 0 or refuse" in text
               for text in refusals), refusals
    _assert_at_most_what_is_held(store)


def test_four_answers_at_once_commit_no_more_than_the_holder_has(database_url: str) -> None:
    store = SqlEventStore(database_url)
    try:
        _four_answers_at_once(store)
    finally:
        store.close()


def test_four_answers_at_once_on_the_memory_store(monkeypatch: pytest.MonkeyPatch) -> None:
    # widen the window between a command's read and its append, as a busy server does
    real = play.context

    def slow_context(*args: Any, **kwargs: Any) -> Any:
        ctx = real(*args, **kwargs)
        time.sleep(0.02)
        return ctx

    monkeypatch.setattr(play, "context", slow_context)
    _four_answers_at_once(MemoryEventStore())


def test_two_app_processes_answering_at_once_commit_no_more_than_the_holder_has(
        database_url: str) -> None:
    store = SqlEventStore(database_url)
    try:
        codes, ids = _four_requests_for_two_trucks(store)
        children = start_children([("answer", database_url, codes.tables["Village"], rid, "2",
                                    NOW.isoformat()) for rid in ids])
        go(*children)
        lines = []
        for child in children:
            out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
            lines.append(out.strip())
        assert sum(line.startswith("answered") for line in lines) == 1, lines
        assert all("0 free, 2 asked" in line for line in lines if line.startswith("refused"))
        _assert_at_most_what_is_held(store)
    finally:
        store.close()


def test_two_screens_deciding_differently_at_once_record_one_decision(database_url: str) -> None:
    """The township's two browsers choose different options of I-02 within a moment: one is
    recorded, the other is told the decision was already taken (never silently dropped)."""
    store = SqlEventStore(database_url)
    try:
        codes, _ = _four_requests_for_two_trucks(store)
        township = codes.tables["Township"]
        at = T0 + timedelta(minutes=3.1)  # T+00:31: I-02 is out
        start = threading.Barrier(2)
        outcomes: dict[str, str] = {}

        def choose(option: str) -> None:
            start.wait()
            try:
                play.decide(store, township, "township-eoc", "I-02", option, now=at)
                outcomes[option] = "recorded"
            except ConductError as exc:
                outcomes[option] = str(exc)

        threads = [threading.Thread(target=choose, args=(o,)) for o in ("wait", "evacuate")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        decisions = session_state(store, "race").decisions
        assert len(decisions) == 1
        assert outcomes[decisions[0].option] == "recorded"
        other = "evacuate" if decisions[0].option == "wait" else "wait"
        assert f"already chose {decisions[0].option!r} for I-02" in outcomes[other]
    finally:
        store.close()

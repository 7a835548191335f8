"""What agencies hold now (issue #18): a commit moves units from the holder to the requester,
who then holds them (and may hand them on), the giver keeping one fewer free; over any sequence
of requests and answers no unit is made or lost, and the lines agree with what the world says
each agency holds for its terminals."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise.conduct import event_types as t
from exercise.conduct import play
from exercise.conduct.errors import ConductError
from exercise.conduct.events import Event, EventKind, NewEvent
from exercise.conduct.holdings import holding_now, holdings_now, in_hand
from exercise.conduct.reading import parse_pack
from exercise.conduct.records import ResourceLine
from exercise.conduct.state import fold

from .conftest import Run, wall
from .test_terminals_and_seats_in_play import terminals_pack_text

TEXT = terminals_pack_text()
PACK = parse_pack(TEXT)
AGENCIES = [a.id for a in PACK.agencies]
RESOURCES = [r.id for r in PACK.resource_types]
TOTALS = {r: sum(h.quantity for h in PACK.resources if h.type == r) for r in RESOURCES}


@pytest.fixture
def pack_text() -> str:
    return TEXT


def _line(lines: list[ResourceLine], agency: str, resource: str) -> ResourceLine | None:
    found = [line for line in lines if (line.agency, line.resource) == (agency, resource)]
    assert len(found) <= 1
    return found[0] if found else None


def _request_id(events: list[Event]) -> str:
    request = events[0].data
    assert isinstance(request, t.ResourceRequested)
    return request.request_id


def test_a_commit_hands_the_units_to_the_requester_who_may_hand_them_on(started: Run) -> None:
    r = started
    township, county = r.table("Township"), r.table("County")
    before = holdings_now(r.state())
    assert _line(before, "county-eoc", "sat-terminal") == ResourceLine("county-eoc", "sat-terminal", 2, 0)
    assert _line(before, "township-eoc", "sat-terminal") is None
    # the township holds none: asking it for one is refused at once
    refused = play.request_resource(r.store, county, "fire-bureau", "township-eoc", "sat-terminal", 1,
                                    request_id="first", now=wall(3))
    assert refused[-1].kind is EventKind.resource_answered

    asked = play.request_resource(r.store, township, "township-eoc", "county-eoc", "sat-terminal", 1,
                                  now=wall(5))
    play.answer_request(r.store, county, _request_id(asked), 1, now=wall(6))
    after = r.state()
    lines = holdings_now(after)
    county_line = _line(lines, "county-eoc", "sat-terminal")
    township_line = _line(lines, "township-eoc", "sat-terminal")
    assert county_line is not None and (county_line.held, county_line.committed, county_line.free) == (2, 1, 1)
    assert township_line == ResourceLine("township-eoc", "sat-terminal", 1, 0, received=1)
    assert (township_line.free, township_line.start) == (1, 0)
    assert lines[-1] == township_line  # a holding that only came in play follows the pack's
    assert holding_now(after, "township-eoc", "sat-terminal") == township_line
    assert after.resource_line("township-eoc", "sat-terminal") == township_line  # commands read it too
    assert holding_now(after, "telecom", "sat-terminal") == ResourceLine("telecom", "sat-terminal", 0, 0)

    # the township hands the terminal on to the fire bureau: it has none left, the bureau one
    passed = play.request_resource(r.store, county, "fire-bureau", "township-eoc", "sat-terminal", 1,
                                   request_id="passed", now=wall(8))
    assert [e.kind for e in passed] == [EventKind.resource_requested]
    play.answer_request(r.store, township, _request_id(passed), 1, now=wall(9))
    lines = holdings_now(r.state())
    assert _line(lines, "township-eoc", "sat-terminal") == ResourceLine(
        "township-eoc", "sat-terminal", 1, 1, received=1)
    assert _line(lines, "fire-bureau", "sat-terminal") == ResourceLine(
        "fire-bureau", "sat-terminal", 1, 0, received=1)
    assert in_hand(lines, "sat-terminal") == 2
    again = play.request_resource(r.store, county, "fire-bureau", "township-eoc", "sat-terminal", 1,
                                  request_id="again", now=wall(10))
    with pytest.raises(ConductError, match="0 free"):
        play.answer_request(r.store, township, _request_id(again), 1, now=wall(11))


T0 = datetime(2026, 8, 14, tzinfo=UTC)
asks = st.lists(st.tuples(st.sampled_from(AGENCIES), st.sampled_from(AGENCIES),
                          st.sampled_from(RESOURCES), st.integers(1, 400),
                          st.integers(0, 400), st.booleans()), max_size=30)


def _log(steps: list[tuple[str, str, str, int, int, bool]]) -> list[Event]:
    """Requests between two agencies, each answered at once (or left open) with any quantity:
    the fold commits at most what the holder has free."""
    created = t.SessionCreated(name="holdings", pack_id=PACK.metadata.id, pack_hash="x",
                               tables=(t.TableSeat(label="All", agencies=tuple(AGENCIES)),))
    new = [NewEvent.of(created, "facilitator", None, "created")]
    for n, (requester, holder, resource, quantity, commit, answered) in enumerate(steps):
        if requester == holder:
            continue
        rid = f"REQ-{n}"
        new.append(NewEvent.of(t.ResourceRequested(request_id=rid, requester=requester, holder=holder,
                                                   resource=resource, quantity=quantity, note=""),
                               "someone", float(n)))
        if answered:
            outcome: Any = "committed" if commit else "refused"
            new.append(NewEvent.of(t.ResourceAnswered(request_id=rid, outcome=outcome, quantity=commit,
                                                      reason="" if commit else "none"),
                                   "someone", float(n)))
    return [Event.stored("s", seq, event.checked(), T0) for seq, event in enumerate(new, start=1)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(asks)
def test_handovers_never_make_or_lose_units(steps: list[Any]) -> None:
    state = fold(PACK, _log(steps))
    lines = holdings_now(state)
    for resource, total in TOTALS.items():
        assert in_hand(lines, resource) == total
    for line in lines:
        assert line.free >= 0 and 0 <= line.committed <= line.held and line.start >= 0
        assert line == holding_now(state, line.agency, line.resource)
        # the world, which opens a terminal's channel to its holder, counts the same units
        assert line.free == state.world.holds(line.agency, line.resource, int(state.scenario_minute))
    committed = sum(q.committed for q in state.requests.values())
    assert committed == sum(line.committed for line in lines) == sum(line.received for line in lines)

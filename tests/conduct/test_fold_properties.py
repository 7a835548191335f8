"""Property tests of the fold: any sequence of valid typed events over the example pack folds
without error, and folds to the same state after a trip through each store and an export."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise.conduct import event_types as t
from exercise.conduct.event_types import REGISTRY, EventData
from exercise.conduct.events import Event, EventKind, NewEvent
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.ports import SessionRecord
from exercise.conduct.reading import pack_hash, parse_pack
from exercise.conduct.state import fold
from exercise.conduct.transfer import read_and_replay, session_lines
from exercise.store import SqlEventStore
from tests.integration.scripted import canonical

EXAMPLE = Path(__file__).resolve().parents[2] / "scenarios" / "example-typhoon-township.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
PACK = parse_pack(TEXT)
AGENCIES = [a.id for a in PACK.agencies]
INJECTS = [i.id for i in PACK.injects]
CHANNELS = [c.id for c in PACK.channels]
RESOURCES = [r.id for r in PACK.resource_types] or ["kit"]
OBJECTIVES = [o.id for o in PACK.objectives]
T0 = 1_786_698_000.0

words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
agency = st.sampled_from(AGENCIES)
inject = st.sampled_from(INJECTS)
minute = st.floats(0, 2000, allow_nan=False)
wall = st.floats(T0, T0 + 86_400, allow_nan=False)


def _any_kind() -> st.SearchStrategy[Any]:
    """One step: a payload, or a reference to an earlier message or request to settle."""
    return st.one_of(
        st.builds(t.ClockStarted, wall=wall, minute=minute, speed=st.floats(0.5, 60)),
        st.builds(t.ClockPaused, wall=wall), st.builds(t.ClockResumed, wall=wall),
        st.builds(t.ClockSpeedChanged, wall=wall, speed=st.floats(0.5, 60)),
        st.builds(t.ClockJumped, wall=wall, minute=minute),
        st.builds(t.ClockPaced, wall=wall, paced=st.booleans()),
        st.builds(t.ReleaseModeChanged, mode=st.sampled_from(["auto", "manual"])),
        st.builds(t.TableJoined, label=words, agencies=st.tuples(agency)),
        st.builds(t.InjectReleased, inject_id=inject, mode=st.sampled_from(["scheduled", "manual"])),
        st.builds(t.InjectHeld, inject_id=inject, reason=words),
        st.builds(t.InjectSkipped, inject_id=inject, reason=words),
        st.builds(t.InjectAcknowledged, inject_id=inject, agency=agency),
        st.builds(t.DecisionMade, inject_id=inject, agency=agency, option=words, rationale=words),
        st.builds(t.ActionLogged, agency=agency, text=words,
                  inject_id=st.none() | inject),
        st.builds(t.MessageSent, message_id=st.just(""), sender=agency, receiver=agency,
                  channel=st.sampled_from(CHANNELS), text=words,
                  deliver_at=st.none() | minute),
        st.tuples(st.just("settle message"), st.booleans(), words),
        st.builds(t.ResourceRequested, request_id=st.just(""), requester=agency, holder=agency,
                  resource=st.sampled_from(RESOURCES), quantity=st.integers(1, 500), note=words),
        st.tuples(st.just("answer request"), st.integers(0, 600), words),
        st.builds(t.ObservationRecorded, kind=st.sampled_from(["strength", "area_for_improvement"]),
                  text=words, objective=st.none() | st.sampled_from(OBJECTIVES), agency=st.none() | agency),
        st.builds(t.RatingRecorded, objective=st.sampled_from(OBJECTIVES), capability=words,
                  rating=st.sampled_from("PSMU"), rationale=words),
        st.builds(t.HotwashNoted, kind=st.sampled_from(["strength", "area_for_improvement", "note"]),
                  text=words, agency=st.none() | agency),
        st.builds(t.FeedbackSubmitted, respondent=words, role=st.just("Player"), agency=st.none() | agency,
                  answers=st.dictionaries(st.sampled_from(["strengths", "unobserved"]), words)),
        st.builds(t.ImprovementItemSaved, item_id=st.sampled_from(["IP-1", "IP-2"]),
                  core_capability=words, issue=words, corrective_action=words,
                  capability_element=st.sampled_from(["Planning", "Training"]),
                  responsible_organization=words),
        st.builds(t.SessionEnded, wall=st.none() | wall),
    )


def _events(steps: list[Any]) -> list[NewEvent]:
    """The steps as a log a store would accept: ids made unique, settlements of earlier ones."""
    created = t.SessionCreated(name="property", pack_id=PACK.metadata.id, pack_hash=pack_hash(TEXT),
                               tables=(t.TableSeat(label="All", agencies=tuple(AGENCIES)),))
    out = [NewEvent.of(created, "facilitator", None, "session_created")]
    pending: list[str] = []
    open_requests: list[str] = []
    for n, step in enumerate(steps):
        data: EventData | None = step if isinstance(step, EventData) else None
        if isinstance(step, t.MessageSent):
            data = step.model_copy(update={"message_id": f"MSG-{n}"})
            pending.append(f"MSG-{n}")
        elif isinstance(step, t.ResourceRequested):
            data = step.model_copy(update={"request_id": f"REQ-{n}"})
            open_requests.append(f"REQ-{n}")
        elif isinstance(step, tuple) and step[0] == "settle message" and pending:
            message_id = pending.pop(0)
            data = (t.MessageDelivered(message_id=message_id) if step[1]
                    else t.MessageFailed(message_id=message_id, reason=step[2], suggestions=("radio",)))
        elif isinstance(step, tuple) and step[0] == "answer request" and open_requests:
            quantity = step[1]
            outcome = "refused" if quantity == 0 else "committed"
            data = t.ResourceAnswered(request_id=open_requests.pop(0), outcome=outcome,
                                      quantity=quantity, reason=step[2])
        if data is not None:
            out.append(NewEvent.of(data, "someone", float(n), None))
    return out


RECORD = SessionRecord("prop", "property", PACK.metadata.id, TEXT, pack_hash(TEXT),
                       datetime(2026, 8, 14, tzinfo=UTC))
steps = st.lists(_any_kind(), max_size=40)


def _check_round_trips(store: Any, new: list[NewEvent]) -> None:
    store.create_session(RECORD, [])
    appended = store.append("prop", new)
    state = fold(PACK, appended)
    assert all(line.free >= 0 and line.committed <= line.held for line in state.resource_lines())
    stored = store.events("prop")
    assert [e.seq for e in stored] == list(range(1, len(new) + 1))
    assert [e.data for e in stored] == [n.checked().data for n in new]
    fresh = [Event(e.session_id, e.seq, e.kind, e.actor, e.wall_time, e.payload,
                   e.scenario_minute, e.idempotency_key, e.version) for e in stored]
    assert canonical(fold(PACK, fresh)) == canonical(state)  # parsed again from the stored JSON
    _, _, replayed = read_and_replay(list(session_lines(RECORD, stored)))
    assert canonical(replayed) == canonical(state)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_valid_event_sequences_fold_and_survive_the_memory_store_and_an_export(
        sequence: list[Any]) -> None:
    _check_round_trips(MemoryEventStore(), _events(sequence))


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps)
def test_valid_event_sequences_survive_the_sql_store(tmp_path: Path, sequence: list[Any]) -> None:
    store = SqlEventStore(f"sqlite:///{tmp_path}/prop-{abs(hash(str(sequence)))}.sqlite3")
    try:
        _check_round_trips(store, _events(sequence))
    finally:
        store.close()


@given(st.sampled_from(sorted(REGISTRY.models, key=lambda k: k.value)), st.dictionaries(words, words, max_size=3))
def test_a_payload_that_is_not_its_kind_is_refused_with_the_field_named(
        kind: EventKind, payload: dict[str, str]) -> None:
    try:
        REGISTRY.parse(kind, payload)
    except ValueError as exc:
        assert str(exc).startswith(f"{kind.value}: ")

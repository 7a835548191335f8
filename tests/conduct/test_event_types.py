"""Typed events: what a store refuses, and how an older schema version is read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from exercise.conduct import event_types as t
from exercise.conduct.errors import ConductError
from exercise.conduct.event_types import REGISTRY, EventData, EventTypeError, Registry
from exercise.conduct.events import Event, EventKind, NewEvent
from exercise.conduct.transfer import read_lines

FIXTURE = Path(__file__).parent / "fixtures" / "session-v1.jsonl"


def test_every_event_kind_has_a_model() -> None:
    assert set(REGISTRY.models) == set(EventKind)
    assert all(REGISTRY.models[kind].event_kind is kind for kind in EventKind)


def test_a_typed_event_is_stored_as_json_and_parsed_back_to_the_same_model() -> None:
    sent = t.MessageSent(message_id="MSG-1", sender="a", receiver="b", channel="radio",
                         text="Reply by radio", deliver_at=12.5)
    checked = NewEvent.of(sent, "agency:A", 10, "k").checked()
    assert checked.payload["deliver_at"] == 12.5 and checked.version == 1
    event = Event("S", 1, checked.kind, "agency:A", datetime(2026, 1, 1, tzinfo=UTC),
                  checked.payload)
    assert event.data == sent


def test_a_payload_of_another_kind_is_refused() -> None:
    wrong = NewEvent(EventKind.decision_made, "x", t.ActionLogged(agency="a", text="t"))
    with pytest.raises(EventTypeError, match="decision_made carries a ActionLogged payload"):
        wrong.checked()


def test_an_older_schema_version_is_upcast_and_a_newer_one_refused() -> None:
    """A v2 of `decision_made` that renamed `option` to `choice`: v1 rows read as v2."""
    registry = Registry()

    @registry.model
    class DecisionV2(EventData):
        event_kind = EventKind.decision_made
        version = 2
        inject_id: str
        agency: str
        choice: str

    @registry.upcaster(EventKind.decision_made, 1)
    def _rename(payload: dict) -> dict:  # type: ignore[type-arg]
        payload = dict(payload)
        payload["choice"] = payload.pop("option")
        payload.pop("rationale", None)
        return payload

    old = {"inject_id": "I-02", "agency": "township-eoc", "option": "wait", "rationale": ""}
    assert registry.parse(EventKind.decision_made, old, 1) == DecisionV2(
        inject_id="I-02", agency="township-eoc", choice="wait")
    with pytest.raises(EventTypeError, match="newer version of the app"):
        registry.parse(EventKind.decision_made, old, 3)
    with pytest.raises(EventTypeError, match="newer version of the app"):
        REGISTRY.parse(EventKind.decision_made, old, 2)


def test_an_export_line_with_a_bad_payload_is_refused_naming_the_line() -> None:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines) if '"decision_made"' in line)
    lines[number] = lines[number].replace('"option": "wait"', '"option": 7')
    with pytest.raises(ConductError, match=rf"fixture:{number + 1}: .*decision_made: option"):
        read_lines(lines, source="fixture")

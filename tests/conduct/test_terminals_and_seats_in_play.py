"""Issue #18 in play: satellite-phone terminals handed over during play (a resource request
answered with a commit) open the channel to the new holder from that minute on; a bureau whose
representative sits in the EOC reaches it in person (the in-person minute, not the channel's
latency), whatever its planned channel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from exercise.conduct import play
from exercise.conduct.events import Event, EventKind
from exercise.conduct.scheduler import tick
from exercise.ui.views.desk.contacts import directory
from exercise.ui.views.desk.reasons import failure_reason

from .conftest import EXAMPLE, Run, wall


@pytest.fixture
def pack_text() -> str:
    return terminals_pack_text()


def terminals_pack_text() -> str:
    """The example pack with two satellite-phone terminals, both held by the county EOC, and the
    fire bureau's representative seated in the county EOC."""
    data = yaml.safe_load(Path(EXAMPLE).read_text(encoding="utf-8"))
    data["resource_types"].append({"id": "sat-terminal", "name": {"en": "Satellite phone terminal",
                                                                   "zh-TW": "衛星電話終端"}})
    data["resources"].append({"agency": "county-eoc", "type": "sat-terminal", "quantity": 2})
    for channel in data["channels"]:
        if channel["id"] == "sat-phone":
            channel["terminals"] = "sat-terminal"
    for agency in data["agencies"]:
        if agency["id"] == "fire-bureau":
            agency["seated_in"] = "county-eoc"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _field(event: Event, name: str) -> Any:
    return getattr(event.data, name)


def _sat_line(r: Run, minute: int) -> tuple[bool, str]:
    [line] = [x for x in directory(r.state(), "township-eoc", minute, "en") if "Satellite" in x.channel]
    return line.working, line.why


def test_a_terminal_handed_over_in_play_opens_the_satellite_phone_from_then_on(started: Run) -> None:
    r = started
    township, county = r.table("Township"), r.table("County")
    first = play.send_message(r.store, township, "township-eoc", "county-eoc", "sat-phone",
                              "Road cut, need a line", now=wall(10))
    assert [e.kind for e in first] == [EventKind.message_sent, EventKind.message_failed]
    assert "Township EOC holds no terminal" in _field(first[1], "reason")
    assert _sat_line(r, 10) == (False, "Satellite phone: Township EOC holds no terminal")

    request = play.request_resource(r.store, township, "township-eoc", "county-eoc", "sat-terminal",
                                    1, "for the chief", now=wall(12))
    play.answer_request(r.store, county, _field(request[0], "request_id"), 1, now=wall(15))

    later = play.send_message(r.store, township, "township-eoc", "county-eoc", "sat-phone",
                              "Now on the sat phone", now=wall(20))
    assert [e.kind for e in later] == [EventKind.message_sent]
    assert _field(later[0], "deliver_at") == 25  # the channel's 5 minutes
    tick(r.store, r.sid, wall(26))
    state = r.state()
    statuses = {m.text: m.status for m in state.messages.values()}
    assert statuses == {"Road cut, need a line": "failed", "Now on the sat phone": "delivered"}
    # the desk: failed before the handover, working after; the old failure keeps its reason
    assert _sat_line(r, 14)[0] is False and _sat_line(r, 15) == (True, "")
    failed = next(m for m in state.messages.values() if m.status == "failed")
    assert "holds no terminal" in failure_reason(state, failed, "en")
    assert "沒有衛星電話終端設備" in failure_reason(state, failed, "zh-TW")


def test_the_giver_that_hands_over_its_last_terminal_loses_the_channel(started: Run) -> None:
    r = started
    township, county = r.table("Township"), r.table("County")
    request = play.request_resource(r.store, township, "township-eoc", "county-eoc", "sat-terminal",
                                    2, now=wall(5))
    play.answer_request(r.store, county, _field(request[0], "request_id"), 2, now=wall(6))
    sent = play.send_message(r.store, county, "county-eoc", "township-eoc", "sat-phone", "test",
                             now=wall(8))
    assert sent[-1].kind is EventKind.message_failed
    assert "County EOC holds no terminal" in _field(sent[-1], "reason")


def test_a_seated_bureau_reaches_the_eoc_in_the_in_person_minute(started: Run) -> None:
    r = started
    county = r.table("County")
    radio = play.send_message(r.store, county, "fire-bureau", "county-eoc", "radio", "crews out",
                              now=wall(10))
    assert _field(radio[0], "deliver_at") == 11  # in person, not the radio's 3
    outside = play.send_message(r.store, r.table("Township"), "township-eoc", "fire-bureau", "radio",
                                "crews?", now=wall(10))
    assert _field(outside[0], "deliver_at") == 13  # not seated: the radio's 3
    tick(r.store, r.sid, wall(12))
    assert {m.text: m.status for m in r.state().messages.values()} == {
        "crews out": "delivered", "crews?": "pending"}

"""Conditions and the scheduler: injects fall due once, on time or when their conditions hold."""

from __future__ import annotations

import threading

from exercise.conduct import facilitation, play
from exercise.conduct.conditions import met_since
from exercise.conduct.events import EventKind
from exercise.conduct.scheduler import tick
from exercise.scenario.models import AfterInject, DecisionChosen, NoAcknowledgement, NoContact

from .conftest import Run, wall


def test_conditions_report_when_they_became_true(started: Run) -> None:
    r = started
    tick(r.store, r.sid, wall(61))
    play.acknowledge(r.store, r.table("Township"), "township-eoc", "I-04", now=wall(85))
    play.decide(r.store, r.table("Township"), "township-eoc", "I-02", "wait", now=wall(62))
    state = r.state()
    assert met_since(AfterInject(after="I-02", delay=30), state, 70) == 60.0
    assert met_since(AfterInject(after="I-02", delay=30), state, 59) is None
    assert met_since(DecisionChosen(decision="I-02", option="wait"), state, 70) == 62.0
    assert met_since(DecisionChosen(decision="I-02", option="evacuate"), state, 70) is None
    assert met_since(DecisionChosen(decision="I-02", option="wait", by="county-eoc"), state, 70) is None
    assert met_since(NoAcknowledgement(no_ack="I-04", by=80), state, 100) == 80.0  # acked at 85
    assert met_since(NoAcknowledgement(no_ack="I-04", by=90), state, 100) is None
    assert met_since(NoAcknowledgement(no_ack="I-04", by=90), state, 89) is None  # not yet T
    assert met_since(NoAcknowledgement(no_ack="I-07", by=90), state, 100) is None  # never sent
    assert met_since(NoContact(no_contact=["county-eoc", "telecom"], by=50), state, 100) == 50.0


def test_a_contact_before_the_deadline_prevents_the_contingency(started: Run) -> None:
    r = started
    tick(r.store, r.sid, wall(30))
    play.send_message(r.store, r.table("Township"), "township-eoc", "upper-village", "radio",
                      "all well?", now=wall(31))
    facilitation.jump_to_time(r.store, r.fac, "T+08:00", now=wall(32))
    assert "I-09" not in r.state().releases


def test_a_condition_met_late_releases_the_inject_when_it_became_true(started: Run) -> None:
    r = started
    tick(r.store, r.sid, wall(50))
    assert "I-03" not in r.state().releases  # planned T+00:45, waits for the decision
    play.decide(r.store, r.table("Township"), "township-eoc", "I-02", "wait", now=wall(55))
    tick(r.store, r.sid, wall(80))
    assert r.state().releases["I-03"].scenario_minute == 55.0


def test_a_late_tick_releases_in_time_order_and_checks_messages_when_they_arrive(started: Run) -> None:
    r = started
    facilitation.pause(r.store, r.fac, now=wall(0))
    facilitation.jump_to_time(r.store, r.fac, 175, now=wall(1))
    facilitation.resume(r.store, r.fac, now=wall(1))
    sent = play.send_message(r.store, r.table("Township"), "township-eoc", "upper-village",
                             "line-group", "move now", now=wall(1))  # due at 180 over mobile
    result = tick(r.store, r.sid, wall(1 + 100 * 6 / 10))  # nobody polled for a while
    assert "I-06" in result.released
    message = r.state().messages[sent[0].payload["message_id"]]
    assert message.status == "delivered"  # batteries hold until T+06:00
    assert [e.payload["inject_id"] for e in result.events if e.kind is EventKind.inject_released] == [
        "I-06", "I-07", "I-12"]


def test_a_release_happens_once_when_many_pollers_tick_together(started: Run) -> None:
    r = started
    barrier = threading.Barrier(12)

    def poll() -> None:
        barrier.wait()
        for minute in range(0, 480, 20):
            tick(r.store, r.sid, wall(minute))

    threads = [threading.Thread(target=poll) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    released = [e.payload["inject_id"] for e in r.store.events(r.sid)
                if e.kind is EventKind.inject_released]
    assert sorted(released) == sorted(set(released))
    assert {"I-01", "I-02", "I-04", "I-05", "I-06", "I-07", "I-08", "I-09"} <= set(released)


def test_manual_mode_queues_due_injects_for_approval(started: Run) -> None:
    r = started
    facilitation.set_release_mode(r.store, r.fac, "manual", now=wall(0))
    result = tick(r.store, r.sid, wall(35))
    assert result.released == [] and result.awaiting_approval == ["I-01", "I-02"]
    facilitation.release_now(r.store, r.fac, "I-02", now=wall(36))
    assert list(r.state().releases) == ["I-02"]


def test_nothing_is_released_before_the_clock_starts(run: Run) -> None:
    assert tick(run.store, run.sid, wall(1000)).released == []


def test_a_message_in_flight_fails_when_its_channel_goes_down_before_it_arrives(started: Run) -> None:
    r = started
    sent = play.send_message(r.store, r.table("County"), "county-eoc", "township-eoc", "phone",
                             "call me", now=wall(10))
    facilitation.adhoc_inject(r.store, r.fac, title="Exchange flooded", message="Landlines down.",
                              to=["county-eoc"], effects=[{"system": "landline", "status": "down"}],
                              now=wall(10))
    tick(r.store, r.sid, wall(20))
    message = r.state().messages[sent[0].payload["message_id"]]
    assert message.status == "failed" and message.delivered_minute == 12.0
    assert "Fixed telephone network down everywhere since Day 1 06:10 (T+00:10)" in message.failure
    assert set(message.suggestions) >= {"line-group", "sat-phone"}

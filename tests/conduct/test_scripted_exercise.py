"""A whole exercise from the Python API: the facilitator and three tables, every kind of event,
a power cut that makes a message fail, and contingency injects that fire on inaction."""

from __future__ import annotations

import pytest

from exercise.conduct import evaluation, facilitation, play
from exercise.conduct.errors import AccessDenied, ConductError, NotAllowedNow
from exercise.conduct.events import EventKind
from exercise.conduct.reading import pinned_pack
from exercise.conduct.schedule import inject_board
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import join
from exercise.conduct.state import fold

from .conftest import Run, wall


def test_a_scripted_exercise_records_every_kind_of_event(started: Run) -> None:
    r = started
    store, fac, county, township, village = (
        r.store, r.fac, r.table("County"), r.table("Township"), r.table("Village"))
    for code in (county, township, village):
        join(store, code, now=wall(1))
        join(store, code, now=wall(2))  # a reload joins again: recorded once
    assert [t.joined for t in r.state().tables] == [True, True, True]

    # Module 1: the warning arrives on time and the county answers it.
    assert tick(store, r.sid, wall(12)).released == ["I-01"]
    play.acknowledge(store, county, "county-eoc", "I-01", now=wall(12))
    play.log_action(store, county, "county-eoc", "Raised the EOC to level 1", "I-01", now=wall(13))
    play.send_message(store, county, "county-eoc", "township-eoc", "phone", "Level 1, stand by",
                      now=wall(13))
    tick(store, r.sid, wall(16))
    assert [(c.sender, c.receiver, c.channel, c.scenario_minute) for c in r.state().contacts] == [
        ("county-eoc", "township-eoc", "phone", 15.0)]

    # A table cannot act for another agency, nor as the facilitator.
    with pytest.raises(AccessDenied, match="plays township-eoc, not county-eoc"):
        play.log_action(store, township, "county-eoc", "pretending", now=wall(17))
    with pytest.raises(AccessDenied, match="only the facilitator"):
        facilitation.pause(store, township, now=wall(17))

    # The decision to wait releases the residents' video at its planned time.
    tick(store, r.sid, wall(31))
    play.decide(store, township, "township-eoc", "I-02", "wait", "forecast first", now=wall(32))
    with pytest.raises(NotAllowedNow, match="already chose 'wait'"):
        play.decide(store, township, "township-eoc", "I-02", "evacuate", now=wall(33))
    tick(store, r.sid, wall(46))
    assert r.state().releases["I-03"].scenario_minute == 45.0

    # Held, then released by hand; its chaser I-05 is skipped: the room answered out loud.
    facilitation.hold(store, fac, "I-04", "room is still discussing", now=wall(50))
    tick(store, r.sid, wall(70))
    assert "I-04" not in r.state().releases
    facilitation.release_now(store, fac, "I-04", now=wall(70))
    assert r.state().releases["I-04"].mode == "manual"
    facilitation.skip(store, fac, "I-05", "answered in the room", now=wall(71))
    assert tick(store, r.sid, wall(101)).released == ["I-11"]  # the township asks the Red Cross

    # Pause for discussion: no scenario time passes; resume and speed up.
    facilitation.pause(store, fac, now=wall(101))
    facilitation.pause(store, fac, now=wall(101))  # a double click pauses once
    assert r.state().clock.minute_at(wall(400).timestamp()) == pytest.approx(101.0)
    facilitation.resume(store, fac, now=wall(400))
    assert r.state().clock.minute_at(wall(410).timestamp()) == pytest.approx(111.0)
    facilitation.set_speed(store, fac, 20, now=wall(410))

    # Resources: a partial commitment, and a request beyond what the holder has at all.
    req = play.request_resource(store, township, "township-eoc", "red-cross", "relief-kit", 100,
                                "for the shelter", now=wall(410))[0].payload["request_id"]
    with pytest.raises(AccessDenied):
        play.answer_request(store, township, req, 60, now=wall(411))
    play.answer_request(store, village, req, 60, "the rest is stored in the north", now=wall(411))
    heli = play.request_resource(store, county, "county-eoc", "relief-zone", "helicopter", 2,
                                 now=wall(412))
    assert heli[-1].kind is EventKind.resource_answered
    state = r.state()
    assert state.requests[req].status == "partly_committed"
    assert "holds 1 helicopter" in state.requests[heli[0].payload["request_id"]].reason
    kits = state.resource_line("red-cross", "relief-kit")
    assert (kits.held, kits.committed, kits.free) == (300, 60, 240)

    # Module 2: jump there; power goes in the upper valley; then the facilitator paces time.
    facilitation.jump_to_module(store, fac, "M2", now=wall(420))
    assert r.state().releases["I-06"].scenario_minute == 180.0
    facilitation.set_paced(store, fac, True, now=wall(420))
    facilitation.advance(store, fac, 20, now=wall(500))
    assert r.state().clock.minute_at(wall(900).timestamp()) == pytest.approx(200.0)
    assert "I-07" in r.state().releases

    # Manual release mode: the injects jumped over and I-08 wait for approval.
    facilitation.set_release_mode(store, fac, "manual", now=wall(500))
    facilitation.jump_to_time(store, fac, "T+06:35", now=wall(501))
    waiting = ["I-12", "I-13", "I-14", "I-16", "I-08"]
    assert tick(store, r.sid, wall(502)).awaiting_approval == waiting
    assert [line.inject_id for line in inject_board(r.state(), 395).due] == waiting
    facilitation.release_now(store, fac, "I-08", now=wall(503))
    facilitation.set_release_mode(store, fac, "auto", now=wall(503))
    facilitation.set_player_clock(store, fac, "time_of_day", now=wall(503))

    # Batteries ran out at T+06:00: the mobile call fails, with what still works.
    failed = play.send_message(store, township, "township-eoc", "upper-village", "mobile-phone",
                               "Are you still there?", now=wall(504))
    message = r.state().messages[failed[0].payload["message_id"]]
    assert message.status == "failed"
    assert message.failure.startswith("Mobile network down in Upper valley since Day 1 12:00 (T+06:00)")
    assert "try Township radio or Satellite phone" in message.failure

    # No contact with the village by T+06:45: the contingency inject fires at its time, T+07:00.
    facilitation.advance(store, fac, 30, now=wall(505))
    assert r.state().releases["I-09"].scenario_minute == 420.0
    sent = play.send_message(store, township, "township-eoc", "upper-village", "radio",
                             "Reply by radio", now=wall(506))
    facilitation.advance(store, fac, 10, now=wall(507))
    radio = r.state().messages[sent[0].payload["message_id"]]
    assert radio.status == "delivered" and radio.delivered_minute == 431.0  # degraded: 2 × 3 min

    # An ad-hoc inject written during play, and a skipped one.
    adhoc = facilitation.adhoc_inject(store, fac, title="Shelter overflow",
                                      message="The school shelter is full.", to=["red-cross"],
                                      sender="residents", now=wall(508))
    play.acknowledge(store, village, "red-cross", adhoc.payload["inject_id"], now=wall(508))

    # Evaluation, the end, and what may still be recorded after it.
    evaluation.record_observation(store, r.evaluator, "strength", "Switched to radio at once",
                                  critical_task="CT-2.1", agency="township-eoc", now=wall(509))
    evaluation.record_rating(store, r.evaluator, "OBJ-2", "Operational Communications", "S",
                             "Radio used, but only after a failed call", now=wall(509))
    facilitation.end_session(store, fac, now=wall(510))
    with pytest.raises(NotAllowedNow, match="has ended"):
        play.log_action(store, township, "township-eoc", "too late", now=wall(511))
    evaluation.note_hotwash(store, fac, "area_for_improvement", "Nobody called the village early",
                            now=wall(512))
    evaluation.submit_feedback(store, township, {"strengths": ["radio"], "ratings": {"plausible": 5}},
                               respondent="Ms Lin", agency="township-eoc", now=wall(513))
    evaluation.save_improvement_item(
        store, r.evaluator, core_capability="Operational Communications",
        issue="Village reached late", corrective_action="Radio roll call every hour",
        capability_element="Planning", responsible_organization="township-eoc",
        objective="OBJ-2", now=wall(514))
    assert not store.session(r.sid).closed  # ended, not closed: the hot wash went on
    facilitation.close_session(store, fac, now=wall(515))
    with pytest.raises(NotAllowedNow, match="session is closed; nothing more can be recorded"):
        evaluation.note_hotwash(store, fac, "note", "after the close", now=wall(516))

    state = r.state()
    assert state.ended and store.session(r.sid).closed
    # Every inject but the skipped chaser I-05 and I-10, which follows the option not taken.
    every = {f"I-{n:02d}" for n in range(1, 17)} - {"I-05", "I-10"}
    assert set(state.releases) == every | {adhoc.payload["inject_id"]}
    events = store.events(r.sid)
    assert {kind for kind in EventKind} - {event.kind for event in events} == set()
    fresh = fold(pinned_pack(store.session(r.sid)), events)
    assert fresh.snapshot() == state.snapshot()


def test_skipped_and_held_injects_stay_back(started: Run) -> None:
    r = started
    facilitation.skip(r.store, r.fac, "I-01", "the room knows", now=wall(1))
    tick(r.store, r.sid, wall(40))
    board = inject_board(r.state(), 40)
    assert [line.inject_id for line in board.skipped] == ["I-01"]
    assert [line.inject_id for line in board.released] == ["I-02"]
    with pytest.raises(NotAllowedNow, match="already released"):
        facilitation.hold(r.store, r.fac, "I-02", now=wall(41))


def test_a_double_clicked_submit_records_once(started: Run) -> None:
    r = started
    tick(r.store, r.sid, wall(31))
    township = r.table("Township")
    for _ in range(2):
        play.acknowledge(r.store, township, "township-eoc", "I-02", now=wall(31))
        play.log_action(r.store, township, "township-eoc", "Called the chief", now=wall(32))
        play.send_message(r.store, township, "township-eoc", "county-eoc", "phone", "ok",
                          request_id="form-7", now=wall(32))
    state = r.state()
    assert len(state.actions) == 1 and len(state.messages) == 1
    kinds = [e.kind for e in r.store.events(r.sid)]
    assert kinds.count(EventKind.inject_acknowledged) == 1


def test_commands_explain_bad_input(started: Run) -> None:
    r = started
    township = r.table("Township")
    with pytest.raises(ConductError, match="has no Satellite phone|has no"):
        play.send_message(r.store, r.table("County"), "fire-bureau", "upper-village", "sat-phone",
                          "hello", now=wall(5))
    with pytest.raises(ConductError, match="not an option"):
        tick(r.store, r.sid, wall(31))
        play.decide(r.store, township, "township-eoc", "I-02", "maybe", now=wall(31))
    with pytest.raises(AccessDenied, match="not valid"):
        play.acknowledge(r.store, "forged-code", "township-eoc", "I-02", now=wall(31))
    with pytest.raises(ConductError, match="speed"):
        facilitation.set_speed(r.store, r.fac, -3, now=wall(31))
    with pytest.raises(ConductError, match="only moves forward"):
        facilitation.jump_to_time(r.store, r.fac, "T+00:05", now=wall(31))

"""Issue #13, item 8: who may submit participant feedback, what still writes after *End* and
nothing after *Close*, and a leaked code revoked by the facilitator."""

from __future__ import annotations

import pytest

from exercise.conduct import evaluation, facilitation, play
from exercise.conduct.access import authorize, token_hash
from exercise.conduct.errors import AccessDenied, ConductError, NotAllowedNow
from exercise.conduct.sessions import add_access, join, revoke_access

from .conftest import Run, wall

FORM = {"strengths": ["radio"], "ratings": {"plausible": 4}}


def test_the_observer_code_on_the_projector_cannot_submit_feedback(started: Run) -> None:
    with pytest.raises(AccessDenied, match="observer code .* cannot submit feedback"):
        evaluation.submit_feedback(started.store, started.codes.observer, FORM, role="Player",
                                   now=wall(20))
    assert started.state().feedback == []


def test_a_table_submits_as_its_own_players_for_its_own_agencies(started: Run) -> None:
    township = started.table("Township")
    with pytest.raises(AccessDenied, match="you submit feedback as Player, not as Facilitator"):
        evaluation.submit_feedback(started.store, township, FORM, role="Facilitator", now=wall(20))
    with pytest.raises(AccessDenied, match="your table plays township-eoc, not county-eoc"):
        evaluation.submit_feedback(started.store, township, FORM, agency="county-eoc", now=wall(20))
    evaluation.submit_feedback(started.store, township, FORM, respondent="Ms Lin", now=wall(20))
    (form,) = started.state().feedback
    assert (form.role, form.agency, form.respondent) == ("Player", "township-eoc", "Ms Lin")


def test_a_second_form_from_the_same_person_replaces_the_first(started: Run) -> None:
    township, county = started.table("Township"), started.table("County")
    evaluation.submit_feedback(started.store, township, FORM, respondent="Ms Lin", now=wall(20))
    evaluation.submit_feedback(started.store, township, {"ratings": {"plausible": 2}},
                               respondent=" ms lin ", now=wall(21))
    evaluation.submit_feedback(started.store, township, FORM, respondent="Mr Chen", now=wall(22))
    evaluation.submit_feedback(started.store, county, FORM, respondent="Ms Lin",
                               agency="county-eoc", now=wall(23))
    forms = started.state().feedback
    assert [(f.submitter, f.respondent, f.answers["ratings"]) for f in forms] == [
        ("agency:Township", "ms lin", {"plausible": 2}),
        ("agency:Township", "Mr Chen", {"plausible": 4}),
        ("agency:County", "Ms Lin", {"plausible": 4}),
    ]


def test_after_end_desks_are_read_only_but_evaluation_and_the_hot_wash_go_on(started: Run) -> None:
    store, township = started.store, started.table("Township")
    facilitation.end_session(store, started.fac, now=wall(30))
    with pytest.raises(NotAllowedNow, match="has ended"):
        play.log_action(store, township, "township-eoc", "too late", now=wall(31))
    with pytest.raises(NotAllowedNow, match="has ended"):
        play.send_message(store, township, "township-eoc", "county-eoc", "phone", "hi", now=wall(31))
    evaluation.record_observation(store, started.evaluator, "strength", "Calm EOC",
                                  objective="OBJ-1", now=wall(32))
    evaluation.note_hotwash(store, started.fac, "note", "Good start", now=wall(33))
    evaluation.submit_feedback(store, township, FORM, now=wall(34))
    state = started.state()
    assert state.ended and not store.session(started.sid).closed  # type: ignore[union-attr]
    assert (len(state.observations), len(state.hotwash), len(state.feedback)) == (1, 1, 1)


def test_after_close_nothing_writes(started: Run) -> None:
    store, township = started.store, started.table("Township")
    facilitation.close_session(store, started.fac, now=wall(30))
    seq = store.last_seq(started.sid)
    attempts = [
        lambda: evaluation.record_observation(store, started.evaluator, "strength", "late",
                                              objective="OBJ-1", now=wall(31)),
        lambda: evaluation.note_hotwash(store, started.fac, "note", "late", now=wall(31)),
        lambda: evaluation.submit_feedback(store, township, FORM, now=wall(31)),
        lambda: evaluation.record_rating(store, started.evaluator, "OBJ-2",
                                         "Operational Communications", "S", "late", now=wall(31)),
        lambda: play.acknowledge(store, township, "township-eoc", "I-01", now=wall(31)),
        lambda: add_access(store, started.fac, "evaluator", "Late evaluator"),
        lambda: facilitation.close_session(store, started.fac, now=wall(32)),
    ]
    for attempt in attempts:
        with pytest.raises(NotAllowedNow, match="session is closed; nothing more can be recorded"):
            attempt()
    join(store, started.table("Village"), now=wall(33))  # the page still opens, records nothing
    assert store.last_seq(started.sid) == seq and started.state().ended


def test_a_revoked_code_is_refused_everywhere_with_a_clear_message(started: Run) -> None:
    store, village = started.store, started.table("Village")
    join(store, village, now=wall(1))
    revoked = revoke_access(store, started.fac, token_hash(village))
    assert revoked.revoked and revoked.label == "Village"
    for attempt in (lambda: authorize(store, village), lambda: join(store, village),
                    lambda: play.log_action(store, village, "red-cross", "still here?", now=wall(5))):
        with pytest.raises(AccessDenied, match="revoked by the facilitator"):
            attempt()
    # the table gets a new code for the same agencies, which works
    fresh = add_access(store, started.fac, "agency", "Village again",
                       ["upper-village", "red-cross", "telecom"])
    play.log_action(store, fresh, "red-cross", "back in", now=wall(6))
    assert [a.text for a in started.state().actions] == ["back in"]


def test_only_the_facilitator_revokes_and_never_its_own_code(started: Run) -> None:
    store = started.store
    with pytest.raises(AccessDenied, match="only the facilitator can revoke join codes"):
        revoke_access(store, started.evaluator, token_hash(started.table("County")))
    with pytest.raises(ConductError, match="facilitator code cannot be revoked"):
        revoke_access(store, started.fac, token_hash(started.fac))
    with pytest.raises(ConductError, match="no such join code"):
        revoke_access(store, started.fac, "0" * 64)
    authorize(store, started.table("County"))  # untouched

"""Wiring of the evaluator view, the hot-wash page and the feedback form (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from exercise.conduct import evaluation, facilitation
from exercise.conduct.errors import AccessDenied
from exercise.conduct.reading import session_state
from tests.ui.play_support import errors, new_session, open_page, texts


def _submit(at: AppTest, label: str) -> AppTest:
    [button] = [b for b in at.button if b.label == label]
    return button.click().run()


def test_the_evaluator_records_an_observation_linked_to_a_critical_task(
    app: AppTest, data_dir: Path
) -> None:
    played = new_session(data_dir)
    facilitation.jump_to_time(played.store, played.codes.facilitator, "T+00:40")
    open_page(app, "evaluate", played.evaluator)
    assert not app.exception
    app.radio(key="evaluate.observation.kind").set_value("area_for_improvement")
    app.selectbox(key="evaluate.observation.target").set_value("task:CT-1.1")
    app.selectbox(key="evaluate.observation.agency").set_value("township-eoc")
    [box] = [a for a in app.text_area if str(a.key).startswith("evaluate.observation.text.")]
    box.input("The order went out late")
    _submit(app, "Record the observation")
    assert not app.exception and not errors(app)
    [observation] = session_state(played.store, played.codes.session_id).observations
    assert (observation.kind, observation.critical_task, observation.objective,
            observation.agency) == ("area_for_improvement", "CT-1.1", "OBJ-1", "township-eoc")
    assert observation.scenario_minute >= 40
    assert "Observation recorded at Day 1 06:4" in texts(app)
    frames = "\n".join(df.value.to_string() for df in app.dataframe)
    assert "The order went out late" in frames and "Township EOC" in frames


def test_the_evaluator_rates_a_capability_with_its_rationale(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "evaluate", played.evaluator)
    assert "Performed with Some Challenges" in texts(app)  # the ratings key
    pair = app.selectbox(key="evaluate.rating.pair")
    pair.set_value(2)  # OBJ-2 — Operational Communications
    app.radio(key="evaluate.rating.code").set_value("S")
    app.text_area(key="evaluate.rating.rationale").input("Radio fallback took 25 minutes")
    _submit(app, "Record the rating")
    assert not app.exception and not errors(app)
    [rating] = session_state(played.store, played.codes.session_id).current_ratings()
    assert (rating.objective, rating.capability, rating.rating) == (
        "OBJ-2", "Operational Communications", "S")
    assert "Rated S for Operational Communications." in texts(app)


def test_a_rating_without_a_rationale_is_refused_with_the_reason(app: AppTest,
                                                                  data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "evaluate", played.evaluator)
    app.radio(key="evaluate.rating.code").set_value("P")
    _submit(app, "Record the rating")
    assert any("explanation of the rating is empty" in e for e in errors(app))
    assert not session_state(played.store, played.codes.session_id).ratings


def test_an_observer_sees_the_timeline_but_cannot_record(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")
    open_page(app, "evaluate", played.codes.observer)
    assert not app.exception
    assert "Observer view" in texts(app)
    assert not app.button and not app.text_area
    frames = "\n".join(df.value.to_string() for df in app.dataframe)
    assert "Evacuate Upper Village?" in frames
    with pytest.raises(AccessDenied):  # the command itself refuses the observer's code too
        evaluation.record_observation(played.store, played.codes.observer, "strength", "x",
                                      objective="OBJ-1")


def test_a_table_submits_the_feedback_form(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "desk", played.table("Township EOC"))
    key = "feedback.township-eoc"
    app.text_input(key=f"{key}.name").input("Lin")
    app.text_input(key=f"{key}.s1").input("Radio discipline")
    app.text_input(key=f"{key}.i1").input("Shelter reporting")
    app.radio(key=f"{key}.rate.plausible").set_value(5)
    app.radio(key=f"{key}.rate.structured").set_value(4)
    _submit(app, "Submit the feedback form")
    assert not app.exception and not errors(app)
    [form] = session_state(played.store, played.codes.session_id).feedback
    assert (form.respondent, form.role, form.agency) == ("Lin", "Player", "township-eoc")
    assert form.answers["strengths"] == ["Radio discipline"]
    assert form.answers["ratings"] == {"plausible": 5, "structured": 4}
    assert "your feedback form is recorded" in texts(app)


def test_hot_wash_notes_plan_and_closing(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    evaluation.record_observation(played.store, played.evaluator, "area_for_improvement",
                                  "No one called the village chief", objective="OBJ-1")
    open_page(app, "hotwash", played.codes.facilitator)
    assert not app.exception
    assert "What went well?" in texts(app)
    [box] = [a for a in app.text_area if str(a.key).startswith("hotwash.note.text.")]
    box.input("Radio worked when phones failed")
    _submit(app, "Add the note")
    assert [n.text for n in session_state(played.store, played.codes.session_id).hotwash] == [
        "Radio worked when phones failed"]
    assert "1 row(s) suggested" in texts(app)
    _submit(app, "Save the improvement plan")
    assert any("capability element is one of" in e for e in errors(app))  # a blank is named
    app.checkbox(key="hotwash.close.confirm").check().run()
    _submit(app, "Close the exercise")
    state = session_state(played.store, played.codes.session_id)
    assert state.ended
    assert "The exercise ended at" in texts(app)


def test_the_improvement_plan_saves_a_completed_suggestion(data_dir: Path) -> None:
    """The editor's rows go to save_improvement_item; a saved row is shown instead of
    suggestions afterwards (a domain round trip through the page's own save function)."""
    import pandas as pd

    from exercise.i18n import translator
    from exercise.ui.views.hotwash_plan import plan_rows, save_rows

    played = new_session(data_dir)
    evaluation.record_observation(played.store, played.evaluator, "area_for_improvement",
                                  "No one called the village chief", objective="OBJ-1")
    state = session_state(played.store, played.codes.session_id)
    rows = plan_rows(state, "en")
    assert rows[0]["issue"] == "No one called the village chief" and not rows[0]["item_id"]
    rows[0].update(corrective_action="Add the chief to the call tree",
                   capability_element="Planning", responsible_organization="Township EOC")
    saved, problems = save_rows(played.store, played.codes.facilitator, state,
                                pd.DataFrame(rows), translator("en"))
    assert (saved, problems) == (1, [])
    state = session_state(played.store, played.codes.session_id)
    [item] = plan_rows(state, "en")
    assert item["item_id"] and item["corrective_action"] == "Add the chief to the call tree"
    again, _ = save_rows(played.store, played.codes.facilitator, state, pd.DataFrame([item]),
                         translator("en"))
    assert again == 0  # unchanged rows are not saved twice


def test_a_table_cannot_take_hot_wash_notes(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "hotwash", played.table("Township EOC"))
    assert "Your code is for the agency" in texts(app)
    assert not app.button
    with pytest.raises(AccessDenied):
        evaluation.note_hotwash(played.store, played.table("Township EOC"), "note", "x")


def test_after_the_end_a_table_is_asked_for_its_feedback(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.end_session(played.store, played.codes.facilitator)
    open_page(app, "desk", played.table("Township EOC"))
    assert "Please fill in the feedback form" in texts(app)
    assert "the exercise has ended" in texts(app)

"""Wiring of the facilitator console and the projector (AppTest: no JavaScript, so the live
fragments render once per run; their logic is tested as plain functions elsewhere)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from exercise.conduct import facilitation as cmd
from exercise.conduct.reading import session_state
from exercise.conduct.sessions import JoinCodes, create_session
from exercise.store import open_store
from tests.ui.conftest import EXAMPLE

CONSOLE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.facilitator.page import facilitator_page
facilitator_page()
"""
PROJECTOR = CONSOLE.replace("facilitator.page import facilitator_page", "projector import projector_page"
                            ).replace("facilitator_page()", "projector_page()")


@pytest.fixture
def codes(data_dir: Path) -> JoinCodes:
    return create_session(open_store(None, data_dir), EXAMPLE.read_text(encoding="utf-8"),
                          name="Console test")


def _open(script: str, code: str) -> AppTest:
    at = AppTest.from_string(script, default_timeout=60)
    at.query_params["k"] = code
    return at.run()


def _button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    [found] = [b for b in at.button if b.label == label]
    return found


def _markdown(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown).replace("\\", "")  # shown without escapes


def _frames(at: AppTest) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


def test_a_facilitator_code_opens_the_console_and_starts_the_clock(codes: JoinCodes, data_dir: Path) -> None:
    at = _open(CONSOLE, codes.facilitator)
    assert not at.exception, at.exception
    assert "# Day 1 06:00 (T+00:00)" in _markdown(at)
    assert "not started" in " ".join(c.value for c in at.caption)
    _button(at, "Start the exercise").click().run()
    assert not at.exception, at.exception
    state = session_state(open_store(None, data_dir), codes.session_id)
    assert state.clock.started and state.clock.running
    assert _button(at, "Pause")


def test_codes_of_other_roles_are_refused(codes: JoinCodes) -> None:
    for code in (next(iter(codes.tables.values())), codes.observer, "forged-code"):
        at = _open(CONSOLE, code)
        assert not at.exception
        assert at.error, code
        assert not [b for b in at.button if b.label == "Start the exercise"]
        assert "T+00:00" not in _markdown(at)


def test_pause_and_resume(codes: JoinCodes, data_dir: Path) -> None:
    store = open_store(None, data_dir)
    cmd.start_clock(store, codes.facilitator, speed=10)
    at = _open(CONSOLE, codes.facilitator)
    _button(at, "Pause").click().run()
    assert not session_state(store, codes.session_id).clock.running
    assert "paused" in " ".join(c.value for c in at.caption)
    _button(at, "Resume").click().run()
    assert session_state(store, codes.session_id).clock.running


def test_release_now_moves_an_inject_to_the_released_list(codes: JoinCodes, data_dir: Path) -> None:
    store = open_store(None, data_dir)
    cmd.start_clock(store, codes.facilitator, speed=1)
    at = _open(CONSOLE, codes.facilitator)
    before = session_state(store, codes.session_id)
    upcoming = [i for i in before.pack.injects if i.id not in before.releases]
    target = max(upcoming, key=lambda i: i.time)  # far in the future: not released by time
    box = at.selectbox(key="queue.chosen")
    [index] = [n for n, label in enumerate(box.options) if label.startswith(f"{target.id} ·")]
    box.select_index(index).run()
    assert "Released (0)" in _markdown(at)
    _button(at, "Release now").click().run()
    assert not at.exception, at.exception
    assert target.id in session_state(store, codes.session_id).releases
    assert "Released (1)" in _markdown(at)
    assert target.id in at.dataframe[-1].value.to_string() or target.id in _frames(at)


def test_the_inject_chooser_keeps_its_options_while_the_queue_changes(
        codes: JoinCodes, data_dir: Path) -> None:
    """The chooser refreshes every two seconds. Its options and labels used to follow the
    queue (status in the label, released injects dropped), and a browser that received new
    options reset the choice to the first one: *Release now* then released the wrong inject."""
    store = open_store(None, data_dir)
    cmd.start_clock(store, codes.facilitator, speed=1)
    at = _open(CONSOLE, codes.facilitator)
    box = at.selectbox(key="queue.chosen")
    before = list(box.options)
    [index] = [n for n, label in enumerate(before) if label.startswith("I-06 ·")]
    box.select_index(index).run()
    cmd.release_now(store, codes.facilitator, "I-01")  # another browser, or the schedule
    cmd.hold(store, codes.facilitator, "I-03")
    at.run()
    assert list(at.selectbox(key="queue.chosen").options) == before
    assert at.selectbox(key="queue.chosen").value == "I-06"
    _button(at, "Release now").click().run()
    assert list(session_state(store, codes.session_id).releases) == ["I-01", "I-06"]
    shown = " ".join(str(s.value) for s in at.success).replace("\\", "")  # shown unescaped
    assert "I-06 released at Day 1 06:00 (T+00:0" in shown
    _button(at, "Release now").click().run()  # again: refused in words, kept on screen
    assert any("I-06 was already released" in str(e.value).replace("\\", "") for e in at.error)
    at.run()
    assert any("I-06 was already released" in str(e.value).replace("\\", "") for e in at.error)


def test_hold_with_a_reason_and_release_mode_manual(codes: JoinCodes, data_dir: Path) -> None:
    store = open_store(None, data_dir)
    cmd.start_clock(store, codes.facilitator, speed=1)
    at = _open(CONSOLE, codes.facilitator)
    box = at.selectbox(key="queue.chosen")
    chosen = box.value
    at.text_input(key="queue.reason").input("the room needs more time")
    _button(at, "Hold").click().run()
    hold = session_state(store, codes.session_id).holds[chosen]
    assert hold.reason == "the room needs more time" and not hold.skipped
    assert "Held (1)" in _markdown(at)
    at.session_state["facilitator.panel"] = "clock"
    at.run()
    radio = [r for r in at.radio if r.label == "Inject release"][0]
    radio.set_value("manual").run()
    assert session_state(store, codes.session_id).release_mode == "manual"
    assert "manual release" in " ".join(c.value for c in at.caption)


def test_paced_mode_advances_by_the_chosen_minutes(codes: JoinCodes, data_dir: Path) -> None:
    store = open_store(None, data_dir)
    cmd.start_clock(store, codes.facilitator, speed=1, paced=True)
    at = _open(CONSOLE, codes.facilitator)
    at.session_state["facilitator.panel"] = "clock"
    at.run()
    [amount] = [n for n in at.number_input if n.label == "Advance by (scenario min)"]
    amount.set_value(30).run()
    _button(at, "Advance 30 min").click().run()
    assert not at.exception, at.exception
    state = session_state(store, codes.session_id)
    assert state.clock.paced and int(state.clock.anchor_minute) == 30
    assert "# Day 1 06:30 (T+00:30)" in _markdown(at)
    assert {"I-01", "I-02"} <= set(state.releases)  # due on the way: released


def test_projector_shows_clock_module_and_questions_for_an_observer(codes: JoinCodes) -> None:
    at = _open(PROJECTOR, codes.observer)
    assert not at.exception, at.exception
    text = _markdown(at)
    assert "# Day 1 06:00 (T+00:00)" in text and "## " in text
    assert not at.button  # nothing to click on the room's screen
    refused = _open(PROJECTOR, next(iter(codes.tables.values())))
    assert refused.error and "T+00:00" not in _markdown(refused)


def test_an_adhoc_inject_with_an_outage_is_released_at_once(codes: JoinCodes, data_dir: Path) -> None:
    store = open_store(None, data_dir)
    cmd.start_clock(store, codes.facilitator, speed=1)
    at = _open(CONSOLE, codes.facilitator)
    at.session_state["facilitator.panel"] = "adhoc"
    at.run()
    [title] = [w for w in at.text_input if w.label == "Title"]
    title.input("<script>alert(1)</script> Radio tower hit")
    at.text_area[0].input("The repeater on the ridge is down.")
    [to] = [m for m in at.multiselect if m.label == "To"]
    to.set_value(["township-eoc"])
    [system] = [s for s in at.selectbox if s.label == "Changes infrastructure (optional)"]
    system.set_value("radio-repeater")
    _button(at, "Release the ad-hoc inject").click().run()
    assert not at.exception, at.exception
    state = session_state(store, codes.session_id)
    [adhoc] = state.adhoc.values()
    assert adhoc.to == ["township-eoc"] and adhoc.id in state.releases
    assert state.world.version == 1  # the outage is in the world state now
    assert state.inbox["township-eoc"][adhoc.id]
    # the same text written again in the same minute is a second inject, not a lost one
    [title] = [w for w in at.text_input if w.label == "Title"]
    title.input("<script>alert(1)</script> Radio tower hit")
    at.text_area[0].input("The repeater on the ridge is down.")
    [to] = [m for m in at.multiselect if m.label == "To"]
    to.set_value(["township-eoc"])
    _button(at, "Release the ad-hoc inject").click().run()
    assert len(session_state(store, codes.session_id).adhoc) == 2


def test_the_console_speaks_traditional_chinese(codes: JoinCodes) -> None:
    at = AppTest.from_string(CONSOLE, default_timeout=60)
    at.query_params["k"] = codes.facilitator
    at.query_params["lang"] = "zh-TW"
    at.run()
    assert not at.exception
    assert _button(at, "開始演練")
    assert "颱風" in _markdown(at)  # the module title from the pack, in Chinese

"""The console in the room (issue #16 items 4 and 5): alerts about tables that play, injects
to agencies nobody plays listed for the facilitator to voice, and a jump to a module that asks
what to do with the injects it passes over."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.conduct import facilitation as cmd
from exercise.conduct.reading import session_state
from exercise.conduct.sessions import TableSpec
from tests.ui.play_support import new_session, rendered, texts

CONSOLE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.facilitator.page import facilitator_page
facilitator_page()
"""


def _console(code: str, lang: str | None = None) -> AppTest:
    at = AppTest.from_string(CONSOLE, default_timeout=60)
    at.query_params["k"] = code
    if lang:
        at.query_params["lang"] = lang
    return at.run()


def test_jump_to_module_asks_about_the_passed_injects_and_skips_them(data_dir: Path) -> None:
    played = new_session(data_dir)
    at = _console(played.codes.facilitator)
    at.session_state["facilitator.panel"] = "clock"
    at.run()
    shown = texts(at)
    assert "injects planned before Day 1 09:00 (T+03:00) have not been released" in shown
    assert "I-01" in shown and "I-04" in shown
    [choice] = [r for r in at.radio if r.key == "facilitator.jump_passed"]
    skip, release = choice.options
    assert skip == "Skip them (recorded as skipped)"
    assert release.startswith("Release them now, stamped") and "T+03:00" in release
    choice.set_value("skip").run()
    [jump] = [b for b in at.button if b.key == "facilitator.jump_go"]
    jump.click().run()
    assert not at.exception, at.exception
    state = session_state(played.store, played.codes.session_id)
    assert state.holds["I-01"].skipped and "I-01" not in state.releases
    assert min(r.scenario_minute for r in state.releases.values()) >= 180


def test_alerts_concern_tables_that_play_and_simulated_injects_are_listed_to_voice(
        data_dir: Path) -> None:
    played = new_session(data_dir, tables=[TableSpec("Township", ("township-eoc",))])
    cmd.jump_to_time(played.store, played.codes.facilitator, "T+01:30")  # I-01, I-02, I-04 out
    at = _console(played.codes.facilitator)
    assert not at.exception, at.exception
    [late] = [rendered(w.value) for w in at.warning if "unacknowledged" in w.value]
    assert "I-02 at Township EOC" in late and "I-04 at Township EOC" in late
    assert "I-01" not in late and "County EOC" not in late  # nobody plays the county EOC
    [voice] = [rendered(i.value) for i in at.info if "Simulated agencies" in i.value]
    assert "I-01" in voice and "County EOC" in voice and "I-02" not in voice
    queue = "\n".join(df.value.to_string() for df in at.dataframe)
    assert "County EOC (simulated)" in queue

    chinese = _console(played.codes.facilitator, "zh-TW")
    [voice] = [rendered(i.value) for i in chinese.info if "模擬機關" in i.value]
    assert "縣應變中心" in voice

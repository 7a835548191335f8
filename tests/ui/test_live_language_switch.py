"""A live switch to 繁體中文 (issue #16 item 8): without a reload, the console's inject
conditions, outage list and table activity, and a desk's failed message, read in Chinese, with
names instead of ids (AppTest keeps one browser session across the switch)."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.conduct import facilitation as cmd
from exercise.conduct import play
from tests.ui.play_support import Played, new_session, open_page, rendered

CONSOLE = """
from exercise.ui.context import language_switch
language_switch()
from exercise.ui.views.facilitator.page import facilitator_page
facilitator_page()
"""
ENGLISH = re.compile(r"\b(down|chosen|since|option|not acknowledged|after|try)\b")


def _played(data_dir: Path) -> Played:
    played = new_session(data_dir)
    fac = played.codes.facilitator
    cmd.release_now(played.store, fac, "I-06")  # the valley's grid goes down
    cmd.jump_to_time(played.store, fac, "T+03:30")
    township = played.table("Township EOC")
    play.send_message(played.store, township, "township-eoc", "upper-village", "mobile-phone",
                      "Are you there?")  # fails: the mobile network is down in the valley
    return played


def _panel(at: AppTest, name: str) -> AppTest:
    at.session_state["facilitator.panel"] = name
    return at.run()


def _shown(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "error", "warning", "info", "subheader")
             for e in getattr(at, kind)]
    return rendered("\n".join(parts))


def test_the_console_reads_in_chinese_after_a_live_switch(data_dir: Path) -> None:
    played = _played(data_dir)
    at = AppTest.from_string(CONSOLE, default_timeout=60)
    at.query_params["k"] = played.codes.facilitator
    at.run()
    queue = "\n".join(df.value.to_string() for df in at.dataframe)
    assert "option “Wait for the next forecast” chosen for I-02" in queue  # English first
    at.button_group(key="lang").set_value("zh-TW").run()
    assert not at.exception, at.exception
    [conditions] = [df.value["條件"] for df in at.dataframe if "條件" in df.value.columns]
    waiting = " ".join(str(c) for c in conditions)
    assert "I-02 選擇「等待下一次預報」" in waiting and not ENGLISH.search(waiting)
    assert "颱風" in " ".join(s.value for s in at.subheader)  # the session's title

    outages = _shown(_panel(at, "graph")).split("\n")
    listed = [line for line in outages if line.startswith("- ")]
    assert listed and not any(ENGLISH.search(line) for line in listed), listed

    feed = _shown(_panel(at, "feed"))
    [failed] = [line for line in feed.split("\n") if "上村村長" in line and "失敗" in line]
    assert not ENGLISH.search(failed), failed


def test_a_desk_explains_a_failed_message_in_chinese_after_a_live_switch(
        app: AppTest, data_dir: Path) -> None:
    played = _played(data_dir)
    open_page(app, "desk", played.table("Township EOC"))
    assert any("Mobile network" in e.value for e in app.error)
    app.button_group(key="lang").set_value("zh-TW").run()
    assert not app.exception, app.exception
    [failed] = [rendered(e.value) for e in app.error if "上村" in e.value or "行動" in e.value]
    assert not ENGLISH.search(failed), failed
    assert "Township EOC" not in " ".join(c.value for c in app.caption)  # the default table name

"""Wiring of the agency desk (AppTest): a table's inbox, acknowledging, deciding, messaging with
a channel that works and one that has failed, resource requests, and reloads."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.conduct import facilitation, play
from exercise.conduct.events import EventKind
from exercise.conduct.reading import session_state
from exercise.conduct.sessions import TableSpec
from tests.ui.play_support import errors, new_session, open_page, rendered, texts

TOWNSHIP = "Township EOC"


def _send(at: AppTest, agency: str, receiver: str, channel: str, text: str) -> AppTest:
    key = f"desk.send.{agency}"
    at.selectbox(key=f"{key}.to").set_value(receiver).run()  # sets the planned channel
    at.selectbox(key=f"{key}.channel").set_value(channel)
    [box] = [a for a in at.text_area if str(a.key).startswith(f"{key}.text.")]
    box.input(text)
    [submit] = [b for b in at.button if b.label == "Send"]
    return submit.click().run()


def test_a_desk_shows_only_its_own_agencys_inbox(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-01")  # to the county
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")  # to the township
    open_page(app, "desk", played.table(TOWNSHIP))
    assert not app.exception
    shown = texts(app)
    assert app.title[0].value == "Township EOC"
    assert "Evacuate Upper Village?" in shown
    assert "Land typhoon warning" not in shown
    assert "● New" in shown
    assert "1 unread inject(s) · 0 request(s) to answer" in shown


def test_newest_inject_comes_first(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")
    facilitation.jump_to_time(played.store, played.codes.facilitator, "T+01:05")  # I-04 falls due
    open_page(app, "desk", played.table(TOWNSHIP))
    shown = texts(app)
    assert shown.index("Report shelter capacity") < shown.index("Evacuate Upper Village?")


def test_acknowledge_records_and_clears_the_unread_mark(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")
    open_page(app, "desk", played.table(TOWNSHIP))
    app.button(key="desk.ack.township-eoc.I-02").click().run()
    assert not app.exception and not errors(app)
    item = session_state(played.store, played.codes.session_id).inbox["township-eoc"]["I-02"]
    assert item.acknowledged
    shown = texts(app)
    assert "Acknowledged at Day 1 06:" in shown and "● New" not in shown
    assert not [b for b in app.button if b.key == "desk.ack.township-eoc.I-02"]


def test_a_decision_is_recorded_with_its_rationale(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")
    open_page(app, "desk", played.table(TOWNSHIP))
    app.radio(key="desk.option.township-eoc.I-02").set_value("evacuate").run()
    app.text_input(key="desk.rationale.township-eoc.I-02").input("debris-flow stream")
    app.button(key="desk.decide.township-eoc.I-02").click().run()
    assert not app.exception
    [decision] = session_state(played.store, played.codes.session_id).decisions
    assert (decision.option, decision.rationale) == ("evacuate", "debris-flow stream")
    assert "Decision: Order evacuation now" in texts(app)


def test_a_message_that_goes_through_says_when_it_arrives(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "desk", played.table(TOWNSHIP))
    _send(app, "township-eoc", "county-eoc", "phone", "Shelter open for 120")
    assert not app.exception and not errors(app)
    assert "Sent to County EOC; it arrives at Day 1 06:02 (T+00:02)." in texts(app)
    [message] = session_state(played.store, played.codes.session_id).messages.values()
    assert (message.sender, message.receiver, message.text) == (
        "township-eoc", "county-eoc", "Shelter open for 120")
    assert "To County EOC via Telephone" in texts(app)


def test_a_message_on_a_failed_channel_shows_why_and_what_to_try(app: AppTest,
                                                                   data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-06")  # upper valley power
    facilitation.jump_to_time(played.store, played.codes.facilitator, "T+03:10")  # batteries out
    open_page(app, "desk", played.table(TOWNSHIP))
    _send(app, "township-eoc", "upper-village", "mobile-phone", "Evacuate now")
    assert not app.exception
    [failure] = [e for e in errors(app) if "did not go through" in e]
    assert "did not go through Mobile phone" in failure
    assert "Mobile network down in Upper valley" in failure
    assert "Township radio" in failure and "Satellite phone" in failure
    [message] = session_state(played.store, played.codes.session_id).messages.values()
    assert message.status == "failed"


def test_the_directory_shows_each_channel_status_and_why(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-06")
    facilitation.jump_to_time(played.store, played.codes.facilitator, "T+03:10")
    open_page(app, "desk", played.table(TOWNSHIP))
    # a table whose cells wrap (the reasons are sentences), not a grid that cuts them off
    [directory] = [tb.value for tb in app.table if "Why" in tb.value.columns]
    frames = rendered(directory.to_string(max_colwidth=None))
    assert "Upper Village chief" in frames and "Mobile phone" in frames
    assert "down" in frames and "batteries lasted 3 h" in frames
    assert "planned channel(s) are down now" in texts(app)


def test_requests_are_sent_and_answered_in_part(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    play.request_resource(played.store, played.table("County EOC"), "county-eoc", "township-eoc",
                          "shelter-place", 50, "for Upper Village")
    open_page(app, "desk", played.table(TOWNSHIP))
    assert "County EOC asks Township EOC for 50 × Shelter places" in texts(app)
    [request] = session_state(played.store, played.codes.session_id).requests.values()
    key = f"desk.answer.{request.request_id}"
    app.number_input(key=f"{key}.quantity").set_value(30)
    [answer] = [b for b in app.button if b.label == "Answer"]
    answer.click().run()
    assert not app.exception and not errors(app)
    request = session_state(played.store, played.codes.session_id).requests[request.request_id]
    assert (request.status, request.committed) == ("partly_committed", 30)
    assert "partly committed: 30" in texts(app)


def test_a_reload_keeps_the_table_and_records_one_join(data_dir: Path) -> None:
    from tests.ui.conftest import APP

    played = new_session(data_dir)
    for _ in range(2):  # a reload is a new browser session with the same URL
        at = AppTest.from_file(str(APP), default_timeout=60)
        open_page(at, "desk", played.table(TOWNSHIP))
        assert at.title[0].value == "Township EOC"
    joins = [e for e in played.store.events(played.codes.session_id)
             if e.kind is EventKind.table_joined]
    assert len(joins) == 1


def test_a_table_playing_two_agencies_switches_between_them(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir, tables=[TableSpec("EOCs", ("county-eoc", "township-eoc")),
                                           TableSpec("Village", ("upper-village",))])
    facilitation.release_now(played.store, played.codes.facilitator, "I-01")
    open_page(app, "desk", played.table("EOCs"))
    assert "Land typhoon warning" in texts(app)
    app.selectbox(key="desk.agency").set_value("township-eoc").run()
    assert app.title[0].value == "Township EOC"
    assert "Land typhoon warning" not in texts(app)
    assert app.selectbox(key="desk.agency").options == ["County EOC", "Township EOC"]


def test_before_the_clock_starts_a_table_is_told_to_wait(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir, started=False)
    open_page(app, "desk", played.table(TOWNSHIP))
    assert "waiting for the facilitator to start the clock" in texts(app)
    _send(app, "township-eoc", "county-eoc", "phone", "hello")
    assert any("has not started yet" in e for e in errors(app))


def test_the_desk_reads_in_traditional_chinese(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")
    open_page(app, "desk", played.table(TOWNSHIP), lang="zh-TW")
    shown = texts(app)
    assert app.title[0].value == "鄉應變中心"
    assert "是否撤離上村？" in shown and "確認收到" in [b.label for b in app.button]

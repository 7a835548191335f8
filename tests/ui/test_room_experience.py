"""The room experience (issue #16): no dead ends for the facilitator, nothing a player types is
lost, each role sees only its pages, and raw ids never reach people (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from exercise.ui.views.sessions import NEW_CODES_KEY
from tests.ui.play_support import errors, new_session, open_page, poll_until, texts
from tests.ui.test_sessions_page import PAGE, _choose_pack, _codes_text

# --- item 1: the facilitator's own card; the codes cannot be hidden before it is kept -------


def _create(at: AppTest) -> None:
    at.run()
    _choose_pack(at, "mountain township")
    [submit] = [b for b in at.button if b.label == "Create the session"]
    submit.click().run()
    assert not at.exception, at.exception


def _hide(at: AppTest):  # type: ignore[no-untyped-def]
    [hide] = [b for b in at.button if b.label == "I have saved the links: hide them"]
    return hide


def test_the_codes_cannot_be_hidden_before_the_facilitator_card_is_saved(data_dir: Path) -> None:
    at = AppTest.from_string(PAGE, default_timeout=60)
    _create(at)
    codes = at.session_state[NEW_CODES_KEY]
    assert _hide(at).disabled  # hiding now would lose the console for good
    [card] = [d for d in at.get("download_button")
              if d.proto.label.startswith("Download your facilitator card")]
    card.click().run()
    assert not at.exception
    assert not _hide(at).disabled
    _hide(at).click().run()
    assert codes.facilitator not in _codes_text(at)


def test_copying_the_console_link_also_unlocks_hiding(data_dir: Path) -> None:
    at = AppTest.from_string(PAGE, default_timeout=60)
    _create(at)
    assert _hide(at).disabled
    at.checkbox(key="sessions.console_copied").check().run()
    assert not _hide(at).disabled


def test_the_facilitator_card_holds_every_facilitator_page_with_the_code() -> None:
    from exercise.ui.views.facilitator.links import facilitator_card_html, facilitator_links

    links = facilitator_links("abc<def", "http://room:8501", "zh-TW")
    card = facilitator_card_html("Run <b>1</b>", links, {"facilitator": "Console"}, "Card", "Keep")
    for page in ("facilitator", "hotwash", "debrief", "instructor"):
        assert f"http://room:8501/{page}?k=abc%3Cdef&amp;lang=zh-TW" in card
    assert "<b>1</b>" not in card and "Run &lt;b&gt;1&lt;/b&gt;" in card
    assert card.count('<img alt="QR"') == 4


# --- item 16 (and item 2's menu): each role sees its pages; every link keeps the code ----------


def _menu(at: AppTest) -> dict[str, str]:
    """The sidebar menu as shown: label -> the query string its link carries."""
    return {link.proto.label: link.proto.query_string for link in at.get("page_link")
            if link.proto.label in _NAV}


_NAV = {"Scenario library", "Exercise sessions", "Import a spreadsheet", "Edit a pack",
        "Facilitator console", "Projector", "Instructor overview", "Join", "Agency desk",
        "Evaluation", "Hot wash and feedback", "Debrief report"}


@pytest.mark.parametrize(("page", "who", "expected"), [
    ("desk", "table", {"Agency desk"}),
    ("evaluate", "evaluator", {"Evaluation", "Hot wash and feedback", "Debrief report"}),
    ("evaluate", "observer", {"Evaluation", "Hot wash and feedback", "Debrief report",
                              "Projector"}),
    ("debrief", "debrief", {"Debrief report"}),
    ("facilitator", "facilitator", {"Scenario library", "Exercise sessions",
                                    "Import a spreadsheet", "Edit a pack", "Facilitator console",
                                    "Projector", "Instructor overview", "Hot wash and feedback",
                                    "Debrief report"}),
])
def test_each_role_sees_only_its_pages_and_every_link_keeps_the_code(
        app: AppTest, data_dir: Path, page: str, who: str, expected: set[str]) -> None:
    played = new_session(data_dir)
    code = {"table": played.table("Township EOC"), "evaluator": played.evaluator,
            "observer": played.codes.observer, "debrief": played.codes.debrief,
            "facilitator": played.codes.facilitator}[who]
    open_page(app, page, code, lang="zh-TW" if who == "observer" else None)
    assert not app.exception, app.exception
    menu = _menu(app) if who != "observer" else {
        _EN[link.proto.label]: link.proto.query_string for link in app.get("page_link")
        if link.proto.label in _EN}
    assert set(menu) == expected
    for label, query in menu.items():
        assert f"k={code}" in query, label
        assert ("lang=zh-TW" in query) == (who == "observer"), label


_EN = {"評核": "Evaluation", "立即檢討與回饋": "Hot wash and feedback", "檢討報告": "Debrief report",
       "投影畫面": "Projector"}


def test_without_a_code_the_menu_holds_the_preparing_pages_and_join(app: AppTest,
                                                                    data_dir: Path) -> None:
    app.run()
    assert not app.exception
    menu = _menu(app)
    assert set(menu) == {"Scenario library", "Exercise sessions", "Import a spreadsheet",
                         "Edit a pack", "Join"}
    assert not any("k=" in query for query in menu.values())


def test_the_projector_shows_no_menu(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "projector", played.codes.observer)
    assert not app.exception
    assert "T+00:0" in texts(app)
    assert _menu(app) == {}


@pytest.mark.parametrize(("typed", "title"), [
    ("console", "T+00:0"), ("hot-wash", "Hot wash"), ("evaluator", "Evaluation")])
def test_obvious_names_open_the_page(app: AppTest, data_dir: Path, typed: str,
                                     title: str) -> None:
    played = new_session(data_dir)
    code = played.evaluator if typed == "evaluator" else played.codes.facilitator
    open_page(app, typed, code)
    assert not app.exception
    assert title in texts(app)
    assert "Scenario library" not in [str(t.value) for t in app.title]


# --- item 2: after End, the console leads on; each step keeps the facilitator's code ----------


def test_the_ended_console_leads_to_the_next_steps_with_the_code(app: AppTest,
                                                                 data_dir: Path) -> None:
    from exercise.conduct import facilitation

    played = new_session(data_dir)
    code = played.codes.facilitator
    facilitation.end_session(played.store, code)
    open_page(app, "facilitator", code)
    assert not app.exception, app.exception
    steps = {link.proto.label: link.proto.query_string for link in app.get("page_link")
             if link.proto.label in {"Hot wash", "Improvement plan", "Report and exports"}}
    assert set(steps) == {"Hot wash", "Improvement plan", "Report and exports"}
    assert all(f"k={code}" in query for query in steps.values())
    assert "tab=plan" in steps["Improvement plan"]
    assert not [b for b in app.button if b.key == "facilitator.end"]  # nothing left to end
    [share] = [b for b in app.button if b.label == "Make a debrief link for participants"]
    share.click().run()
    assert not app.exception
    assert "Tables and join links" in texts(app)  # where a debrief code is made
    assert any(b.label == "Make a new code" for b in app.button)
    open_page(app, "hotwash", code)  # where the first step leads: no code asked again
    assert not app.exception
    assert "This page needs a join code" not in texts(app)
    assert "Hot wash" in texts(app)


def test_a_running_console_shows_no_next_steps(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "facilitator", played.codes.facilitator)
    assert not app.exception
    assert not [link for link in app.get("page_link") if link.proto.label == "Improvement plan"]


# --- item 3: a failed message keeps the text and is resent in one click ------------------------

SEND = "desk.send.township-eoc"


def _box(at: AppTest):  # type: ignore[no-untyped-def]
    [box] = [a for a in at.text_area if str(a.key).startswith(f"{SEND}.text.")]
    return box


def test_a_failed_message_keeps_the_text_and_resends_by_the_channel_that_works(
        app: AppTest, data_dir: Path) -> None:
    from exercise.conduct import facilitation
    from exercise.conduct.reading import session_state

    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-06")  # upper valley power
    facilitation.jump_to_time(played.store, played.codes.facilitator, "T+03:10")  # batteries out
    open_page(app, "desk", played.table("Township EOC"))
    app.selectbox(key=f"{SEND}.to").set_value("upper-village").run()
    app.selectbox(key=f"{SEND}.channel").set_value("mobile-phone")
    _box(app).input("Evacuate the school now")
    [send] = [b for b in app.button if b.label == "Send"]
    send.click().run()
    assert not app.exception, app.exception
    assert any("did not go through Mobile phone" in e for e in errors(app))
    assert _box(app).value == "Evacuate the school now"  # what the player typed is kept
    [resend] = [b for b in app.button if str(b.label).startswith("Resend to")]
    assert resend.label == "Resend to Upper Village chief by Township radio"
    resend.click().run()
    assert not app.exception, app.exception
    assert "Sent to Upper Village chief; it arrives at" in texts(app)
    messages = sorted(session_state(played.store, played.codes.session_id).messages.values(),
                      key=lambda m: m.status)
    assert [(m.channel, m.status, m.text) for m in messages][-1][0] == "radio"
    assert {m.text for m in messages} == {"Evacuate the school now"}
    assert len(messages) == 2 and sum(m.status == "failed" for m in messages) == 1
    assert _box(app).value == ""  # it went out: the box is empty for the next one
    assert not [b for b in app.button if str(b.label).startswith("Resend to")]


# --- item 7: the desk's default channel is the planned channel to the receiver ---------------


def test_the_default_channel_is_the_planned_one_to_the_chosen_receiver(
        app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "desk", played.table("Township EOC"))
    assert app.selectbox(key=f"{SEND}.to").value == "upper-village"
    assert app.selectbox(key=f"{SEND}.channel").value == "mobile-phone"  # the plan's first
    app.selectbox(key=f"{SEND}.to").set_value("fire-bureau").run()
    assert app.selectbox(key=f"{SEND}.channel").value == "radio"
    app.selectbox(key=f"{SEND}.to").set_value("county-eoc").run()
    assert app.selectbox(key=f"{SEND}.channel").value == "phone"


# --- item 7: the request form starts afresh after a request; the free counts are current -----

ASK = "desk.request.township-eoc"
OBJECTIVE = "OBJ-1"


def test_a_sent_request_leaves_a_fresh_form_and_the_free_counts_follow_commits(
        app: AppTest, data_dir: Path) -> None:
    from exercise.conduct import play
    from exercise.conduct.access import authorize
    from exercise.conduct.reading import session_state

    played = new_session(data_dir)
    open_page(app, "desk", played.table("Township EOC"))
    box = app.selectbox(key=f"{ASK}.line")
    [truck] = [n for n, label in enumerate(box.options) if "Mobile base-station truck" in label]
    box.select_index(truck)
    [quantity] = [n for n in app.number_input if str(n.key).startswith(f"{ASK}.quantity")]
    quantity.set_value(2)
    [note] = [n for n in app.text_input if str(n.key).startswith(f"{ASK}.note")]
    note.input("for the upper valley")
    [ask] = [b for b in app.button if b.label == "Send the request"]
    ask.click().run()
    assert not app.exception and not errors(app)
    assert any("Request sent to" in str(s.value) for s in app.success)
    [quantity] = [n for n in app.number_input if str(n.key).startswith(f"{ASK}.quantity")]
    [note] = [n for n in app.text_input if str(n.key).startswith(f"{ASK}.note")]
    assert (quantity.value, note.value) == (1, "")  # the next request starts afresh
    [request] = session_state(played.store, played.codes.session_id).requests.values()
    telecom = next(code for code in played.codes.tables.values()
                   if "telecom" in authorize(played.store, code).agencies)
    play.answer_request(played.store, telecom, request.request_id, 1)

    def free_row(page: AppTest) -> object:
        [free] = [table.value for table in page.table if "Free now" in table.value.columns]
        return free[free["Resource"] == "Mobile base-station truck"].iloc[0]

    poll_until(app, lambda page: free_row(page)["Free now"] == 1)  # the next refreshes
    row = free_row(app)
    assert (row["Free now"], row["Held"]) == (1, 2)
    assert not any("free of" in label for label in app.selectbox(key=f"{ASK}.line").options)


# --- item 7: the console's feed and resource board speak in names, never ids or status codes --


def test_the_console_feed_and_resource_board_show_names_not_ids(app: AppTest,
                                                                 data_dir: Path) -> None:
    from exercise.conduct import facilitation, play

    played = new_session(data_dir)
    township, county = played.table("Township EOC"), played.table("County EOC")
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")
    play.decide(played.store, township, "township-eoc", "I-02", "evacuate", "debris flow")
    play.send_message(played.store, township, "township-eoc", "county-eoc", "phone", "Shelter open")
    [request] = play.request_resource(played.store, county, "county-eoc", "township-eoc",
                                      "shelter-place", 50, "for Upper Village")
    play.answer_request(played.store, township, request.payload["request_id"], 30)
    facilitation.jump_to_time(played.store, played.codes.facilitator, "T+00:30")
    open_page(app, "facilitator", played.codes.facilitator)
    app.session_state["facilitator.panel"] = "feed"
    app.run()
    assert not app.exception, app.exception
    feed = texts(app)
    assert "partly committed: 30 × Shelter places" in feed
    assert "requested 50 × Shelter places" in feed
    assert "delivered by Telephone" in feed
    assert "decided Order evacuation now" in feed
    for raw in ("partly_committed", "shelter-place", "by phone", "decided evacuate"):
        assert raw not in feed, raw
    app.session_state["facilitator.panel"] = "resources"
    app.run()
    board = "\n".join(df.value.to_string() for df in app.dataframe)
    assert "Shelter places" in board and "shelter-place" not in board


def test_a_request_over_what_the_holder_has_is_refused_in_names(app: AppTest,
                                                               data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "desk", played.table("Township EOC"))
    box = app.selectbox(key=f"{ASK}.line")
    [truck] = [n for n, label in enumerate(box.options) if "Mobile base-station truck" in label]
    box.select_index(truck)
    [quantity] = [n for n in app.number_input if str(n.key).startswith(f"{ASK}.quantity")]
    quantity.set_value(5)
    [ask] = [b for b in app.button if b.label == "Send the request"]
    ask.click().run()
    [refusal] = errors(app)
    assert "holds 2 × Mobile base-station truck" in refusal and "cell-truck" not in refusal
    [quantity] = [n for n in app.number_input if str(n.key).startswith(f"{ASK}.quantity")]
    assert quantity.value == 5  # kept, to lower it


# --- item 7: an ad-hoc inject is confirmed ---------------------------------------------------


def test_an_adhoc_inject_is_confirmed_with_whom_and_when(app: AppTest, data_dir: Path) -> None:
    from exercise.conduct.reading import session_state

    played = new_session(data_dir)
    open_page(app, "facilitator", played.codes.facilitator)
    app.session_state["facilitator.panel"] = "adhoc"
    app.run()
    [title] = [w for w in app.text_input if w.label == "Title"]
    title.input("Bridge closed")
    [message] = [w for w in app.text_area if w.label == "Message"]
    message.input("The Upper Village bridge is closed to traffic.")
    [to] = [w for w in app.multiselect if w.label == "To"]
    to.select("township-eoc")
    [release] = [b for b in app.button if b.label == "Release the ad-hoc inject"]
    release.click().run()
    assert not app.exception and not errors(app), errors(app)
    [adhoc] = [i for i in session_state(played.store, played.codes.session_id).releases
               if i.startswith("AH")]
    shown = " ".join(str(s.value).replace("\\", "") for s in app.success)
    assert f"{adhoc} “Bridge closed” released to Township EOC at Day 1 06:00 (T+00:0" in shown


# --- item 9: the improvement plan keeps unsaved suggestions; a general note stays general ----


def test_a_partial_save_of_the_plan_keeps_the_unsaved_suggested_rows(app: AppTest,
                                                                   data_dir: Path) -> None:
    from exercise.conduct.evaluation import record_observation, save_improvement_item

    played = new_session(data_dir)
    for text in ("Shelter list was out of date", "No one confirmed the road closure"):
        record_observation(played.store, played.evaluator, "area_for_improvement", text,
                           objective=OBJECTIVE)
    save_improvement_item(played.store, played.codes.facilitator, core_capability="Mass Care",
                          issue="Shelter list was out of date",
                          corrective_action="Update the list monthly",
                          capability_element="Planning", responsible_organization="Township EOC")
    open_page(app, "hotwash", played.codes.facilitator)  # a reload after saving one row
    assert not app.exception, app.exception
    shown = texts(app)
    assert "1 row(s) suggested" in shown
    plan = _editor_rows(app)
    assert "Update the list monthly" in plan  # the saved row
    assert "No one confirmed the road closure" in plan  # still on offer
    assert plan.count("Shelter list was out of date") == 1  # not offered again once saved


def _editor_rows(at: AppTest) -> str:
    """The text of the improvement-plan editor's rows."""
    return "\n".join(e.value.to_string() for e in at.data_editor
                     if str(e.key).startswith("hotwash.plan.editor"))


def test_a_hotwash_note_does_not_keep_the_last_agency(app: AppTest, data_dir: Path) -> None:
    from exercise.conduct.reading import session_state

    played = new_session(data_dir)
    open_page(app, "hotwash", played.codes.facilitator)

    def agency_box():  # type: ignore[no-untyped-def]
        [box] = [s for s in app.selectbox if str(s.key).startswith("hotwash.note.agency")]
        return box

    def note(text: str) -> None:
        [area] = [a for a in app.text_area if str(a.key).startswith("hotwash.note.text")]
        area.input(text)
        [submit] = [b for b in app.button if b.label == "Add the note"]
        submit.click().run()
        assert not app.exception and not errors(app)

    agency_box().set_value("county-eoc")
    note("The county relayed by radio at once")
    assert agency_box().value is None  # the next note starts as a general one
    note("Breaks were too short")
    notes = session_state(played.store, played.codes.session_id).hotwash
    assert [(n.text, n.agency) for n in notes] == [
        ("The county relayed by radio at once", "county-eoc"), ("Breaks were too short", None)]

"""The desk after a satellite-phone terminal is handed over in play (issue #18, AppTest): before,
its contact directory says the township holds no terminal and a message by satellite phone fails
with that reason; after the county EOC commits one, the directory shows the channel up and the
message goes through."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.conduct import play
from exercise.conduct.event_types import ResourceRequested
from exercise.conduct.reading import session_state
from tests.conduct.test_terminals_and_seats_in_play import terminals_pack_text
from tests.ui.conftest import APP
from tests.ui.play_support import errors, new_session, open_page, poll_until, rendered, texts

TOWNSHIP = "Township EOC"


def _sat_row(at: AppTest) -> str:
    [directory] = [tb.value for tb in at.table if "Why" in tb.value.columns]
    rows = rendered(directory.to_string(max_colwidth=None)).splitlines()
    [row] = [line for line in rows if "Satellite phone" in line]
    return row


def _send_by_sat(at: AppTest, text: str) -> AppTest:
    key = "desk.send.township-eoc"
    at.selectbox(key=f"{key}.to").set_value("county-eoc").run()
    at.selectbox(key=f"{key}.channel").set_value("sat-phone")
    [box] = [a for a in at.text_area if str(a.key).startswith(f"{key}.text.")]
    box.input(text)
    [submit] = [b for b in at.button if b.label == "Send"]
    return submit.click().run()


def test_a_terminal_handed_over_opens_the_satellite_phone_on_the_desk(app: AppTest,
                                                                     data_dir: Path) -> None:
    played = new_session(data_dir, terminals_pack_text())
    open_page(app, "desk", played.table(TOWNSHIP))
    assert "Township EOC holds no terminal" in _sat_row(app)
    _send_by_sat(app, "Road cut")
    assert not app.exception
    [failure] = [e for e in errors(app) if "did not go through" in e]
    assert "Township EOC holds no terminal" in failure

    [request] = play.request_resource(played.store, played.table(TOWNSHIP), "township-eoc",
                                      "county-eoc", "sat-terminal", 1)
    assert isinstance(request.data, ResourceRequested)
    play.answer_request(played.store, played.table("County EOC"), request.data.request_id, 1)
    poll_until(app, lambda at: "holds no terminal" not in _sat_row(at), 60)
    assert "holds no terminal" not in _sat_row(app) and " up" in _sat_row(app)
    _send_by_sat(app, "Now by satellite")
    assert not app.exception
    assert "Sent to County EOC; it arrives at" in texts(app)
    # the earlier message keeps its reason in the list: that one was sent before the handover
    assert [e for e in errors(app) if "holds no terminal" in e] == [
        "Not delivered: Satellite phone: Township EOC holds no terminal — try Telephone, LINE group, "
        "Mobile phone or Township radio"]
    messages = session_state(played.store, played.codes.session_id).messages.values()
    assert {m.text: m.status for m in messages} == {"Road cut": "failed",
                                                    "Now by satellite": "pending"}


def _profile_resources(at: AppTest) -> str:
    [line] = [c for c in texts(at).splitlines() if c.startswith("Resources (free/held)")]
    return line


def _free_table(at: AppTest) -> list[tuple[str, str, int, int]]:
    """The request form's table of what other agencies hold: holder, resource, free, held."""
    [table] = [tb.value for tb in at.table if "Free now" in tb.value.columns]
    return [(row["Holder"], row["Resource"], int(row["Free now"]), int(row["Held"]))
            for _, row in table.iterrows()]


def _board(at: AppTest) -> dict[tuple[str, str], tuple[int, int, int, int]]:
    """The console's resource board: (agency, resource) -> held, received, committed, free."""
    [board] = [d.value for d in at.dataframe if "Received in play" in d.value.columns]
    return {(row["Agency"], row["Resource"]): (int(row["Held"]), int(row["Received in play"]),
                                               int(row["Committed"]), int(row["Free"]))
            for _, row in board.iterrows()}


SAT = "Satellite phone terminal"


def test_a_handed_over_terminal_shows_on_both_desks_and_the_console_board(
        app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir, terminals_pack_text())
    township = open_page(app, "desk", played.table(TOWNSHIP))
    assert SAT not in _profile_resources(township)
    assert ("County EOC", SAT, 2, 2) in _free_table(township)
    county = AppTest.from_file(str(APP), default_timeout=60)  # a second browser
    open_page(county, "desk", played.table("County EOC"))
    assert f"{SAT}: 2/2" in _profile_resources(county)
    console = AppTest.from_file(str(APP), default_timeout=60)
    console.session_state["facilitator.panel"] = "resources"
    open_page(console, "facilitator", played.codes.facilitator)
    assert not console.exception
    assert _board(console)[("County EOC", SAT)] == (2, 0, 0, 2)
    assert ("Township EOC", SAT) not in _board(console)

    [request] = play.request_resource(played.store, played.table(TOWNSHIP), "township-eoc",
                                      "county-eoc", "sat-terminal", 1)
    assert isinstance(request.data, ResourceRequested)
    play.answer_request(played.store, played.table("County EOC"), request.data.request_id, 1)

    # the township's desk: the terminal in its profile, the county with one free of two
    # (the profile and the request form are separate live parts: each redraws on its own poll)
    poll_until(township, lambda at: SAT in _profile_resources(at)
               and ("County EOC", SAT, 1, 2) in _free_table(at), 60)
    assert f"{SAT}: 1/1 (1 received in play)" in _profile_resources(township)
    assert ("County EOC", SAT, 1, 2) in _free_table(township)
    assert not township.exception
    # the county's desk: one free of two, and the township now listed as holding one
    poll_until(county, lambda at: f"{SAT}: 1/2" in _profile_resources(at)
               and ("Township EOC", SAT, 1, 1) in _free_table(at), 60)
    assert ("Township EOC", SAT, 1, 1) in _free_table(county)
    # the console's board: both, the units of the pack all accounted for
    poll_until(console, lambda at: ("Township EOC", SAT) in _board(at), 60)
    board = _board(console)
    assert board[("County EOC", SAT)] == (2, 0, 1, 1)
    assert board[("Township EOC", SAT)] == (1, 1, 0, 1)

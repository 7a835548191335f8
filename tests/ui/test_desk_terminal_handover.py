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

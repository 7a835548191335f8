"""Access control with forged and borrowed codes (AppTest and the commands behind the pages),
and hostile text in a pack and in player messages shown as text."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from exercise.conduct import evaluation, facilitation, play
from exercise.conduct.errors import AccessDenied
from exercise.conduct.reading import session_state
from exercise.ui.graph_view import STYLE as GRAPH_STYLE
from exercise.ui.page_language import own_html
from exercise.ui.ticking_clock import is_clock_html
from exercise.ui.views.desk.inbox import PHONE_ONE_SCROLL
from tests.ui.conftest import APP, EXAMPLE
from tests.ui.play_support import new_session, open_page, texts

PAGES = ("desk", "evaluate", "hotwash", "debrief", "facilitator")
TOWNSHIP = "Township EOC"
SCRIPT = "<script>alert('xss')</script>"
LINK = "[click me](javascript:alert('xss'))"
IMAGE = "<img src=x onerror=alert('xss')>"


def _fresh() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=60)


@pytest.mark.parametrize("page", PAGES)
def test_random_and_malformed_codes_are_refused_on_every_page(data_dir: Path, page: str) -> None:
    new_session(data_dir)
    for code in (secrets.token_urlsafe(24), "x" * 500, "' OR 1=1 --"):
        at = open_page(_fresh(), page, code)
        assert not at.exception
        shown = texts(at)
        assert "not valid for this exercise session" in shown or "malformed" in shown
        assert not at.button and not at.get("download_button")


@pytest.mark.parametrize("page", ("evaluate", "hotwash", "debrief", "facilitator"))
def test_a_desk_code_opens_no_other_role_page(data_dir: Path, page: str) -> None:
    played = new_session(data_dir)
    at = open_page(_fresh(), page, played.table(TOWNSHIP))
    assert not at.exception
    assert "Your code is for the agency" in texts(at)
    assert not at.button and not at.get("download_button") and not at.dataframe


@pytest.mark.parametrize("page", ("desk", "evaluate", "hotwash", "facilitator"))
def test_a_debrief_code_has_no_facilitator_or_desk_rights(data_dir: Path, page: str) -> None:
    played = new_session(data_dir)
    at = open_page(_fresh(), page, played.codes.debrief)
    assert "Your code is for the debrief" in texts(at)
    assert not at.button
    with pytest.raises(AccessDenied):
        facilitation.pause(played.store, played.codes.debrief)
    with pytest.raises(AccessDenied):
        play.log_action(played.store, played.codes.debrief, "township-eoc", "x")


def test_a_desk_never_shows_another_agency_even_with_edited_state_or_params(
    app: AppTest, data_dir: Path
) -> None:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-01")  # county only
    app.query_params["agency"] = "county-eoc"  # an edited URL
    app.session_state["desk.agency"] = "county-eoc"  # a forged widget value
    open_page(app, "desk", played.table(TOWNSHIP))
    assert not app.exception
    assert app.title[0].value == TOWNSHIP
    assert "Land typhoon warning" not in texts(app)
    assert not any(b.key and "county-eoc" in b.key for b in app.button)


def test_a_desk_code_cannot_act_for_another_agency(data_dir: Path) -> None:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-01")
    code = played.table(TOWNSHIP)
    forged = [
        lambda: play.acknowledge(played.store, code, "county-eoc", "I-01"),
        lambda: play.send_message(played.store, code, "county-eoc", "fire-bureau", "phone", "x"),
        lambda: play.log_action(played.store, code, "county-eoc", "x"),
        lambda: play.request_resource(played.store, code, "county-eoc", "red-cross",
                                      "relief-kit", 1),
        lambda: facilitation.release_now(played.store, code, "I-02"),
        lambda: facilitation.end_session(played.store, code),
        lambda: evaluation.record_rating(played.store, code, "OBJ-1",
                                         "Public Information and Warning", "P", "x"),
    ]
    before = len(played.store.events(played.codes.session_id))
    for attempt in forged:
        with pytest.raises(AccessDenied):
            attempt()
    assert len(played.store.events(played.codes.session_id)) == before


def test_a_request_to_another_agency_cannot_be_answered_by_this_table(data_dir: Path) -> None:
    played = new_session(data_dir)
    [requested, *_] = play.request_resource(played.store, played.table("County EOC"),
                                            "county-eoc", "red-cross", "relief-kit", 10)
    with pytest.raises(AccessDenied):
        play.answer_request(played.store, played.table(TOWNSHIP),
                            requested.payload["request_id"], 10)


def hostile_pack() -> str:
    """The example pack with script, image and javascript: payloads in agency names, an
    inject's title and message, and a channel name."""
    text = EXAMPLE.read_text(encoding="utf-8")
    swaps = {
        "short_name: {en: Township EOC, zh-TW: 鄉應變中心}":
            f'short_name: {{en: "{SCRIPT}", zh-TW: 鄉應變中心}}',
        'title: {en: "Evacuate Upper Village?", zh-TW: 是否撤離上村？}':
            f'title: {{en: "{IMAGE}", zh-TW: 是否撤離上村？}}',
        "en: Upper Village sits on a debris-flow potential stream. Decide whether to order evacuation now.":
            f'en: "{LINK} {SCRIPT}"',
        "name: {en: Telephone, zh-TW: 市話}": f'name: {{en: "{LINK}", zh-TW: 市話}}',
    }
    for old, new in swaps.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


OWN_STYLES = {PHONE_ONE_SCROLL, GRAPH_STYLE, *own_html()}


def _markup_is_off(at: AppTest) -> None:
    for kind in ("markdown", "caption", "title", "error", "success", "info", "warning"):
        for element in getattr(at, kind):
            assert not getattr(element.proto, "allow_html", False), element
    # the only HTML a page may draw is the app's own constant style sheets and the clock's
    # numbers and script, never pack text
    assert [h for h in at.get("html")
            if h.proto.body not in OWN_STYLES and not is_clock_html(h.proto.body)] == []
    assert not at.get("iframe")


def test_hostile_pack_text_and_messages_render_as_text(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir, hostile_pack())
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")
    play.send_message(played.store, played.table("County EOC"), "county-eoc", "township-eoc",
                      "sat-phone", f"{SCRIPT} {LINK} {IMAGE}")
    facilitation.jump_to_time(played.store, played.codes.facilitator, "T+00:20")
    open_page(app, "desk", played.table(SCRIPT))  # tables are labelled with short names
    assert not app.exception
    _markup_is_off(app)
    shown = texts(app)
    assert app.title[0].value.replace("\\", "") == SCRIPT  # shown as typed, escaped for Markdown
    assert "\\<script\\>" in app.title[0].value
    assert IMAGE in shown and LINK in shown  # the inject title, its message, the message received
    raw = "\n".join(str(e.value) for e in app.markdown)
    assert SCRIPT not in raw and LINK not in raw and IMAGE not in raw  # never raw markup
    state = session_state(played.store, played.codes.session_id)
    assert state.messages and all(m.status == "delivered" for m in state.messages.values())


def test_hostile_text_on_the_evaluator_and_debrief_pages(data_dir: Path) -> None:
    played = new_session(data_dir, hostile_pack())
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")
    evaluation.record_observation(played.store, played.evaluator, "strength", f"{SCRIPT} {LINK}",
                                  objective="OBJ-1")
    for page, code in (("evaluate", played.evaluator), ("debrief", played.codes.debrief),
                       ("hotwash", played.codes.facilitator)):
        at = open_page(_fresh(), page, code)
        assert not at.exception, page
        _markup_is_off(at)
        raw = "\n".join(str(e.value) for kind in ("markdown", "caption", "subheader", "header")
                        for e in getattr(at, kind))
        assert SCRIPT not in raw and LINK not in raw, page

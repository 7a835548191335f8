"""The desk clock (issue #14): the server draws it again when the clock changes, not on every
scenario minute (the browser moves the time on), and what it sends the browser is numbers and
the catalogue's time words only."""

from __future__ import annotations

import json
import time
from html import unescape
from pathlib import Path

from exercise.conduct import facilitation, play
from exercise.conduct.reading import session_state
from exercise.i18n import translator
from exercise.ui import live
from exercise.ui.live import Drawn, LiveView
from exercise.ui.ticking_clock import clock_html, clock_spec, is_clock_html
from exercise.ui.views.desk import clock
from tests.ui.play_support import new_session

PART = f"{clock.desk_clock.__module__}.{clock.desk_clock.__qualname__}"


def _drawn(store: object, session_id: str) -> Drawn:
    view = live.poll(store, session_id)  # type: ignore[arg-type]
    return Drawn("clock", view.state.seq, int(view.minute), time.monotonic(),
                 clock.clock_shows(view), PART)


def _stale(store: object, session_id: str, drawn: Drawn) -> bool:
    return live.freshen(store, session_id, drawn, clock.clock_shows) is None  # type: ignore[arg-type]


def test_the_desk_clock_is_drawn_again_when_the_clock_changes_not_as_minutes_pass(
        data_dir: Path) -> None:
    played = new_session(data_dir)  # the clock runs at speed 1
    session_id, store = played.codes.session_id, played.store
    drawn = _drawn(store, session_id)
    assert PART in live._TIMELESS
    # twenty scenario minutes later, with nothing new: still what it shows (the browser moves it)
    later = Drawn(drawn.fragment_id, drawn.seq, drawn.minute - 20, drawn.at, drawn.shows, PART)
    assert not _stale(store, session_id, later)
    # a message between two agencies changes nothing on the clock
    play.send_message(store, played.table("County EOC"), "county-eoc", "township-eoc",
                      "sat-phone", "Status?")
    assert not _stale(store, session_id, drawn)
    facilitation.pause(store, played.codes.facilitator)
    assert _stale(store, session_id, drawn)
    paused = _drawn(store, session_id)
    facilitation.jump_to_time(store, played.codes.facilitator, "T+03:10")
    assert _stale(store, session_id, paused)


def _spec_of(body: str) -> dict[str, object]:
    data = body.split('data-exercise-clock="', 1)[1].split('"', 1)[0]
    return dict(json.loads(unescape(data)))


def test_the_browser_gets_the_rate_and_the_words_of_the_time_players_may_see(
        data_dir: Path) -> None:
    played = new_session(data_dir)
    store, session_id = played.store, played.codes.session_id
    state = session_state(store, session_id)
    zh = translator("zh-TW")
    spec = clock_spec(state, 65.0, 1.0e9, zh, "desk-clock")
    assert spec["rate"] == state.clock.speed == 1
    assert spec["minute"] == 65.0 and spec["known"] == "第 {day} 天 {clock}（{elapsed}）"
    assert (spec["day"], spec["of_day"]) == (1, 6 * 60)  # the example starts on Day 1 06:00
    body = clock_html(spec)
    assert is_clock_html(body) and _spec_of(body) == spec

    facilitation.set_player_clock(store, played.codes.facilitator, "elapsed")
    facilitation.pause(store, played.codes.facilitator)
    spec = clock_spec(session_state(store, session_id), 65.0, 1.0e9, translator("en"),
                      "desk-clock")
    assert spec["rate"] == 0  # a paused clock does not move in the browser either
    assert spec["day"] is None  # T+ alone: no time of day to work out

    facilitation.set_player_clock(store, played.codes.facilitator, "time_of_day")
    spec = clock_spec(session_state(store, session_id), 65.0, 1.0e9, translator("en"),
                      "desk-clock")
    assert spec["known"] == "Day {day} {clock}"


def test_the_clock_html_is_recognised_only_as_the_app_draws_it(data_dir: Path) -> None:
    played = new_session(data_dir)
    state = session_state(played.store, played.codes.session_id)
    spec = clock_spec(state, 0.0, 1.0e9, translator("en"), 'x"><img src=x onerror=alert(1)>')
    body = clock_html(spec)
    assert is_clock_html(body)  # quotes and brackets stay inside the attribute, escaped
    assert "<img" not in body and _spec_of(body)["line"] == 'x"><img src=x onerror=alert(1)>'
    assert not is_clock_html(body + "<img src=x>")
    assert not is_clock_html(body.replace("<script>", "<script>alert(1);"))


def test_a_desk_shows_the_time_and_the_mark_the_browser_moves(app: object,
                                                              data_dir: Path) -> None:
    from tests.ui.play_support import open_page, texts

    played = new_session(data_dir)
    facilitation.jump_to_time(played.store, played.codes.facilitator, "T+00:40")
    at = open_page(app, "desk", played.table("Township EOC"))  # type: ignore[arg-type]
    assert not at.exception
    assert "Day 1 06:40 (T+00:40)" in texts(at)
    (mark,) = [h for h in at.get("html") if is_clock_html(h.proto.body)]
    spec = _spec_of(mark.proto.body)
    assert spec["line"] == clock.LINE_KEY and 40 <= float(str(spec["minute"])) < 41
    view = LiveView(played.store, played.codes.session_id,
                    session_state(played.store, played.codes.session_id), time.time())
    assert spec["rate"] == view.state.clock.speed

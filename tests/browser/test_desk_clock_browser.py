"""The desk clock in a real browser (issue #14): while the clock runs the browser moves the
scenario time on by itself, in step with the server's clock, and stops when it is paused."""

from __future__ import annotations

import re
import time

import pytest

from tests.browser.conftest import ROOT, Server, Visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TIMEOUT = 60_000
EXAMPLE = "scenarios/example-typhoon-township.yaml"
ELAPSED = re.compile(r"T\+(\d{2}):(\d{2})")


def _minute(page: object) -> int:
    text = page.locator(".st-key-desk-clock strong").first.inner_text()  # type: ignore[attr-defined]
    found = ELAPSED.search(text)
    assert found is not None, text
    return int(found[1]) * 60 + int(found[2])


def test_the_desk_clock_moves_on_in_the_browser_and_stops_when_paused(
        visit: Visit, server: Server) -> None:
    from playwright.sync_api import expect

    from exercise.conduct import facilitation
    from exercise.conduct.reading import session_state
    from exercise.conduct.sessions import create_session
    from exercise.store import open_store

    store = open_store(None, server.data_dir)
    codes = create_session(store, (ROOT / EXAMPLE).read_text(encoding="utf-8"), name="Clock")
    facilitation.start_clock(store, codes.facilitator, speed=30)  # a minute every 2 s
    page = visit.page
    page.goto(f"{visit.base_url}/desk?k={codes.tables['Township EOC']}")
    expect(page.locator(".st-key-desk-clock strong").first).to_have_text(ELAPSED, timeout=TIMEOUT)
    first = _minute(page)
    time.sleep(6.5)
    later = _minute(page)
    assert later - first >= 2  # three scenario minutes went by; the page moved on by itself
    clock = session_state(store, codes.session_id).clock
    assert abs(later - clock.minute_at(time.time())) <= 1.5  # and in step with the server

    facilitation.pause(store, codes.facilitator)
    expect(page.locator(".st-key-desk-clock").first).to_contain_text("paused", timeout=TIMEOUT)
    paused = _minute(page)
    time.sleep(4.5)
    assert _minute(page) == paused
    facilitation.resume(store, codes.facilitator)  # on from where it stood, not from the start
    expect(page.locator(".st-key-desk-clock").first).to_contain_text("running", timeout=TIMEOUT)
    resumed = _minute(page)
    assert paused <= resumed <= paused + 1
    time.sleep(4.5)
    assert resumed + 1 <= _minute(page) <= resumed + 4
    assert visit.blocked == []
    _same_words_as_the_server(page)


def _same_words_as_the_server(page: object) -> None:
    """The browser says every scenario minute as the server does (`time_text`): before the
    start, across midnight and days, with a calendar date, in both languages."""
    from datetime import date

    from exercise.i18n import translator
    from exercise.scenario.time_of_day import ClockStart, say_scenario_time

    minutes = [-2881, -1441, -61, -1, -0.5, 0, 1, 59, 59.9, 60, 1079, 1080, 1439, 1440, 2881,
               10_000, 59_999]
    for lang in ("en", "zh-TW"):
        t = translator(lang)
        for known in (t("time.at"), t("time.at.time_of_day"), "{date} {clock}"):
            for start in (None, ClockStart(1, 360), ClockStart(3, 1430, date(2024, 2, 28))):
                spec = {"known": known, "unknown": "{elapsed}",
                        "day": start.day if start else None,
                        "of_day": start.minute if start else 0,
                        "date": start.date.isoformat() if start and start.date else None}
                said = page.evaluate(  # type: ignore[attr-defined]
                    "([spec, minutes]) => minutes.map(m => window.exerciseClockWords(spec, m))",
                    [spec, minutes])
                assert said == [say_scenario_time(m, start, known) for m in minutes], (spec, said)

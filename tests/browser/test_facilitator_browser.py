"""The facilitator side in a real browser, offline: create a session, start the clock, and see
an inject move to the released list without reloading (the console's fragments poll)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Server, Visit, open_console_panel

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EXAMPLE = "Example: typhoon over a mountain township"
TIMEOUT = 60_000  # a page drawn for the first time on a saturated 2-core CI machine took over 30 s


def test_create_a_session_start_the_clock_and_see_an_inject_released_live(visit: Visit) -> None:
    from playwright.sync_api import expect

    from tests.browser.test_exercise_flow import create_session

    page = visit.page
    links = create_session(visit, EXAMPLE, screenshot="sessions-join-links-en")
    expect(page.get_by_test_id("stImage").first).to_be_visible()  # a QR code per link
    console, projector = links["facilitator"], links["projector"]

    page.goto(console)
    expect(page.get_by_role("heading", name="T+00:00")).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stSelectbox").filter(has_text="Speed").click()
    page.get_by_role("option", name="1 real min = 30 scenario min").click()
    page.get_by_role("button", name="Start the exercise").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Released (0)")).to_be_visible(timeout=TIMEOUT)
    # I-01 falls due at T+00:10: 20 s at this speed, then the next poll shows it — no reload.
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    expect(page.get_by_text("Released (1)")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("heading", name=re.compile(r"T\+00:[1-5]\d"))).to_be_visible()
    assert navigations == []
    visit.screenshot("facilitator-console-en")

    open_console_panel(page, "Contact graph")
    expect(page.get_by_test_id("stGraphVizChart").locator("svg").first).to_be_visible(timeout=TIMEOUT)
    visit.screenshot("facilitator-contact-graph-en")

    page.goto(projector)  # the observer link of the handout, on the room's screen
    expect(page.get_by_role("heading", name=re.compile(r"T\+0\d:\d\d"))).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Discussion questions")).to_be_visible()
    expect(page.get_by_role("button", name="Pause")).to_have_count(0)
    visit.screenshot("projector-en")
    assert visit.blocked == []


def test_release_now_acts_on_the_chosen_inject_while_the_queue_changes(
        visit: Visit, server: Server) -> None:
    """The inject chooser sits in a part that refreshes every two seconds. When another release
    changed the queue between the choice and the click, the browser used to reset the choice to
    the first inject and *Release now* released that one instead (seen in CI as a lost I-06)."""
    from playwright.sync_api import expect

    from exercise.conduct import facilitation
    from exercise.store import open_store
    from tests.browser.test_exercise_flow import choose, create_session

    page = visit.page
    links = create_session(visit, EXAMPLE, screenshot="queue-choice-links")
    page.goto(links["facilitator"])
    expect(page.get_by_role("heading", name="T+00:00")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Start the exercise").click()  # 1×: nothing falls due soon
    expect(page.get_by_role("button", name="Pause")).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stButtonGroup").get_by_text("Injects", exact=True).click()
    choose(page, page, "Inject", re.compile(r"^I-06 "))
    expect(page.get_by_text("I-06 is upcoming now.")).to_be_visible(timeout=TIMEOUT)

    # Meanwhile I-01 is released elsewhere (another facilitator's browser, or the schedule).
    code = links["facilitator"].split("k=", 1)[1].split("&", 1)[0]
    store = open_store(None, server.data_dir)
    facilitation.release_now(store, code, "I-01")
    expect(page.get_by_text("Released (1)")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_timeout(2_500)  # at least one more refresh of the queue

    page.get_by_role("button", name="Release now").click()
    expect(page.get_by_text(re.compile(r"I-06 released at Day 1 \d\d:\d\d \(T\+00:0\d\)\."))).to_be_visible(
        timeout=TIMEOUT)
    session_id = facilitation.context(store, code).session_id
    released = [e.payload["inject_id"] for e in store.events(session_id)
                if e.kind == "inject_released"]
    assert released == ["I-01", "I-06"]

    # Releasing it again is refused in words, not silently ignored.
    page.get_by_role("button", name="Release now").click()
    expect(page.get_by_text("I-06 was already released at", exact=False)).to_be_visible(
        timeout=TIMEOUT)
    assert visit.blocked == []

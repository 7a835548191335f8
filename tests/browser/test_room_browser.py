"""The room's navigation in a real browser (issue #16): obvious addresses open their page, the
ended console leads on with the facilitator's code, each menu keeps the code, and the
projector shows no menu."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Server, Visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TIMEOUT = 60_000  # a page drawn for the first time on a saturated 2-core CI machine took over 30 s
EXAMPLE = "scenarios/example-typhoon-township.yaml"


def _session(server: Server):  # type: ignore[no-untyped-def]
    from exercise.conduct.sessions import create_session
    from exercise.store import open_store
    from tests.browser.conftest import ROOT

    store = open_store(None, server.data_dir)
    return store, create_session(store, (ROOT / EXAMPLE).read_text(encoding="utf-8"),
                                 name="Room navigation")


@pytest.mark.parametrize("path", ["library", "packs"])
def test_obvious_addresses_open_the_library_not_page_not_found(visit: Visit, path: str) -> None:
    from playwright.sync_api import expect

    page = visit.page
    page.goto(f"{visit.base_url}/{path}")
    expect(page.get_by_role("heading", name="Scenario library")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_timeout(1_000)  # the "Page not found" dialog comes after the first draw
    expect(page.get_by_text("Page not found")).to_have_count(0)
    assert visit.blocked == []


def test_after_end_the_console_leads_on_and_every_menu_link_keeps_the_code(
        visit: Visit, server: Server) -> None:
    from playwright.sync_api import expect

    from exercise.conduct import facilitation

    store, codes = _session(server)
    facilitation.start_clock(store, codes.facilitator)
    facilitation.end_session(store, codes.facilitator)
    page = visit.page
    page.goto(f"{visit.base_url}/facilitator?k={codes.facilitator}")
    steps = page.locator(".st-key-room-next-steps")
    expect(steps.get_by_text("Hot wash", exact=True)).to_be_visible(timeout=TIMEOUT)
    visit.screenshot("room-ended-console-next-steps")
    steps.get_by_text("Hot wash", exact=True).click()
    expect(page.get_by_role("heading", name="Hot wash and feedback")).to_be_visible(
        timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(rf"/hotwash\?k={codes.facilitator}"))
    expect(page.get_by_text("This page needs a join code")).to_have_count(0)
    menu = page.locator(".st-key-room-menu")
    menu.get_by_text("Debrief report").click()
    expect(page.get_by_role("heading", name="After-action report", exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(rf"/debrief\?k={codes.facilitator}"))
    expect(menu.get_by_text("Agency desk")).to_have_count(0)
    assert visit.blocked == []


def test_a_desk_sees_only_its_desk_and_the_projector_no_menu(visit: Visit,
                                                             server: Server) -> None:
    from playwright.sync_api import expect

    _, codes = _session(server)
    page = visit.page
    page.goto(f"{visit.base_url}/desk?k={codes.tables['Township EOC']}")
    expect(page.get_by_role("heading", name="Township EOC")).to_be_visible(timeout=TIMEOUT)
    menu = page.locator(".st-key-room-menu")
    expect(menu.get_by_role("link")).to_have_count(1, timeout=TIMEOUT)
    expect(menu.get_by_text("Agency desk")).to_be_visible()
    page.goto(f"{visit.base_url}/projector?k={codes.observer}")
    expect(page.get_by_role("heading", name=re.compile(r"T\+00:00"))).to_be_visible(
        timeout=TIMEOUT)
    expect(page.locator(".st-key-room-menu")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    visit.screenshot("room-projector-no-menu")
    assert visit.blocked == []


def test_a_failed_message_keeps_its_text_and_free_counts_refresh_without_a_reload(
        visit: Visit, server: Server) -> None:
    from playwright.sync_api import expect

    from exercise.conduct import facilitation, play
    from exercise.conduct.access import authorize
    from tests.browser.test_exercise_flow import choose, desk_tab

    store, codes = _session(server)
    facilitation.start_clock(store, codes.facilitator)
    facilitation.release_now(store, codes.facilitator, "I-06")  # upper valley power
    facilitation.jump_to_time(store, codes.facilitator, "T+03:10")  # batteries out
    page = visit.page
    page.goto(f"{visit.base_url}/desk?k={codes.tables['Township EOC']}")
    expect(page.get_by_role("heading", name="Township EOC")).to_be_visible(timeout=TIMEOUT)
    desk_tab(page, "Send a message")
    choose(page, page, "To", "Upper Village chief")
    form = page.get_by_test_id("stForm").filter(has_text="Message")
    # the contact plan's first channel to the chief, chosen with the receiver
    expect(form.get_by_role("combobox", name="Channel", exact=True)).to_have_value(
        "Mobile phone", timeout=TIMEOUT)
    form.get_by_label("Message").fill("Evacuate the school now")
    form.get_by_role("button", name="Send").click()
    expect(page.get_by_text("did not go through Mobile phone", exact=False)).to_be_visible(
        timeout=TIMEOUT)
    expect(form.get_by_label("Message")).to_have_value("Evacuate the school now")
    resend = page.get_by_role("button", name=re.compile(r"^Resend to Upper Village chief by "))
    resend.click()
    expect(page.get_by_text("Sent to Upper Village chief", exact=False)).to_be_visible(
        timeout=TIMEOUT)
    # the sent form is replaced by a fresh one; while the page redraws both may be there
    expect(form.get_by_label("Message")).to_have_count(1, timeout=TIMEOUT)
    expect(form.get_by_label("Message")).to_have_value("", timeout=TIMEOUT)
    visit.screenshot("room-desk-resend")

    # The request tab's free counts follow a commit made at another table, with no reload.
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    desk_tab(page, "Request resources")
    county = next(code for code in codes.tables.values()
                  if "county-eoc" in authorize(store, code).agencies)
    telecom = next(code for code in codes.tables.values()
                   if "telecom" in authorize(store, code).agencies)
    [asked] = play.request_resource(store, county, "county-eoc", "telecom", "cell-truck", 1)
    play.answer_request(store, telecom, asked.payload["request_id"], 1)
    row = page.get_by_role("row").filter(has_text="Mobile base-station truck")
    expect(row.get_by_role("cell").nth(2)).to_have_text("1", timeout=TIMEOUT)  # was 2 of 2
    expect(row.get_by_role("cell").nth(3)).to_have_text("2")
    assert navigations == []
    assert visit.blocked == []

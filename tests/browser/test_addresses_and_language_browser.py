"""Addresses and the page's language in a real browser (issue #16): `/start` and the other
obvious names open their page instead of Streamlit's "Page not found", and `<html lang>` is
the reader's language on every page, switched live with the language."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TIMEOUT = 60_000

# address -> the heading of the page it must open
ADDRESSES = {
    "start": "Exercise sessions",  # where a facilitator starts an exercise
    "start-session": "Exercise sessions",
    "sessions": "Exercise sessions",
    "library": "Scenario library",
    "join": "Join an exercise",
}


def test_obvious_addresses_open_their_page(visit: Visit) -> None:
    from playwright.sync_api import expect

    page = visit.page
    for path, heading in ADDRESSES.items():
        page.goto(f"{visit.base_url}/{path}")
        expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=TIMEOUT)
        page.wait_for_timeout(1_000)  # the "Page not found" dialog comes after the first draw
        expect(page.get_by_text("Page not found")).to_have_count(0)
    assert visit.blocked == []


def _lang(visit: Visit) -> str:
    return str(visit.page.evaluate("() => document.documentElement.lang"))  # type: ignore[attr-defined]


def test_html_lang_is_the_readers_language_on_every_page(visit: Visit) -> None:
    from playwright.sync_api import expect

    page = visit.page
    for path, heading in (("", "情境庫"), ("sessions", "演練場次"), ("join", "加入演練"),
                          ("projector", None)):
        page.goto(f"{visit.base_url}/{path}?lang=zh-TW")
        if heading:
            expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=TIMEOUT)
        expect(page.locator("html")).to_have_attribute("lang", "zh-TW", timeout=TIMEOUT)
    page.goto(f"{visit.base_url}/sessions")
    expect(page.get_by_role("heading", name="Exercise sessions")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("html")).to_have_attribute("lang", "en", timeout=TIMEOUT)
    # a live switch changes it without a reload
    page.get_by_test_id("stSidebar").get_by_text("繁體中文").click()
    expect(page.get_by_role("heading", name="演練場次")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("html")).to_have_attribute("lang", "zh-TW", timeout=TIMEOUT)
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.get_by_role("heading", name="Exercise sessions")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("html")).to_have_attribute("lang", "en", timeout=TIMEOUT)
    # the hidden element that sets it draws nothing
    box = page.locator(".st-key-page-language")
    assert box.count() == 1 and not box.is_visible()
    assert _lang(visit) == "en"
    assert visit.blocked == []

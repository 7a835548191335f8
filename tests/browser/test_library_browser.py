"""The scenario library in a real browser, offline: preview a pack, read it in Chinese."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EXAMPLE = "Example: typhoon over a mountain township (shipped, example-typhoon-township)"
TIMEOUT = 60_000  # a page drawn for the first time on a saturated 2-core CI machine took over 30 s


def test_preview_a_pack_then_read_it_in_chinese_offline(visit: Visit) -> None:
    from playwright.sync_api import expect

    page = visit.page
    page.goto(visit.base_url)
    expect(page.get_by_role("heading", name="Scenario library")).to_be_visible(timeout=TIMEOUT)

    page.get_by_test_id("stSelectbox").filter(has_text="Scenario pack").click()
    page.get_by_role("option", name=EXAMPLE).click()
    expect(page.get_by_text("A mountain township and its county in southern Taiwan")).to_be_visible(
        timeout=TIMEOUT
    )
    page.get_by_role("tab", name="Objectives").click()
    expect(page.get_by_text("Issue an evacuation order to Upper Village")).to_be_visible()
    page.get_by_role("tab", name="Contact graph").click()
    expect(page.get_by_test_id("stGraphVizChart").locator("svg").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stGraphVizChart").get_by_text("Township EOC").first).to_be_visible()
    visit.screenshot("library-contact-graph-en")
    page.get_by_role("tab", name="Modules").click()
    expect(page.get_by_text("Discussion questions").first).to_be_visible()
    page.get_by_role("tab", name="MSEL timeline").click()
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible(timeout=TIMEOUT)
    visit.screenshot("library-preview-en")

    page.get_by_test_id("stButtonGroup").get_by_text("繁體中文").click()
    expect(page.get_by_role("heading", name="情境庫")).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"[?&]lang=zh-TW"))
    page.get_by_role("tab", name="概要").click()
    expect(page.get_by_text("颱風帶來豪雨", exact=False)).to_be_visible(timeout=TIMEOUT)

    page.reload()
    expect(page.get_by_role("heading", name="情境庫")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("tab", name="參與機關")).to_be_visible()
    expect(page.get_by_text("颱風帶來豪雨", exact=False)).to_be_visible(timeout=TIMEOUT)
    page.evaluate("document.fonts.ready")
    page.wait_for_function(
        "document.fonts.check('16px \"Exercise Noto Sans TC\"', '颱風')", timeout=TIMEOUT
    )
    assert any(url.endswith("/app/static/fonts/NotoSansTC-Subset.woff2") for url in visit.local)
    visit.screenshot("library-preview-zh-TW")
    page.get_by_role("tab", name="聯繫網路圖").click()
    expect(page.get_by_test_id("stGraphVizChart").get_by_text("鄉應變中心").first).to_be_visible(
        timeout=TIMEOUT
    )
    visit.screenshot("library-contact-graph-zh-TW")

    assert visit.blocked == [], f"requests tried to leave the machine: {visit.blocked}"


def test_the_language_follows_the_person_across_pages_and_reloads(visit: Visit) -> None:
    from playwright.sync_api import expect

    page = visit.page
    page.goto(f"{visit.base_url}/?lang=zh-TW")
    expect(page.get_by_role("heading", name="情境庫")).to_be_visible(timeout=TIMEOUT)
    page.locator(".st-key-room-menu").get_by_text("演練場次").click()
    expect(page).to_have_url(re.compile(r"/sessions\?(.*&)?lang=zh-TW"), timeout=TIMEOUT)
    page.reload()
    expect(page.locator(".st-key-room-menu").get_by_text("情境庫")).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stButtonGroup").get_by_text("English").click()
    expect(page.locator(".st-key-room-menu").get_by_text("Scenario library")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page).not_to_have_url(re.compile(r"lang="))
    visit.screenshot("sessions-after-language-switch")
    assert visit.blocked == [], f"requests tried to leave the machine: {visit.blocked}"

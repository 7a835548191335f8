"""A live switch to 繁體中文 in a real browser (issue #16 item 8): the desk's form boxes show
their chosen values in Chinese without a reload (a select box kept its English label)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Server, Visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TIMEOUT = 60_000
EXAMPLE = "scenarios/example-typhoon-township.yaml"
LATIN_WORDS = re.compile(r"[A-Za-z]{3,}")


def test_the_desk_forms_follow_a_live_switch_to_chinese(visit: Visit, server: Server) -> None:
    from playwright.sync_api import expect

    from exercise.conduct import facilitation
    from exercise.conduct.sessions import create_session
    from exercise.store import open_store
    from tests.browser.conftest import ROOT
    from tests.browser.test_exercise_flow import desk_tab

    store = open_store(None, server.data_dir)
    codes = create_session(store, (ROOT / EXAMPLE).read_text(encoding="utf-8"), name="Switch")
    facilitation.start_clock(store, codes.facilitator, paced=True)
    facilitation.release_now(store, codes.facilitator, "I-02")
    page = visit.page
    navigations: list[str] = []
    page.goto(f"{visit.base_url}/desk?k={codes.tables['Township EOC']}")
    expect(page.get_by_text("Evacuate Upper Village?").first).to_be_visible(timeout=TIMEOUT)
    desk_tab(page, "Send a message")
    expect(page.get_by_role("combobox", name="To", exact=True)).to_have_value(
        re.compile(r"\w"), timeout=TIMEOUT)
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.get_by_test_id("stButtonGroup").get_by_text("繁體中文").click()
    expect(page.get_by_text("是否撤離上村？").first).to_be_visible(timeout=TIMEOUT)
    desk_tab(page, "傳送訊息")
    boxes = page.get_by_role("combobox")
    expect(boxes.first).to_be_visible(timeout=TIMEOUT)

    def shown() -> list[str]:
        return [box.input_value() for box in boxes.all() if box.is_visible()]

    deadline_values: list[str] = []
    for _ in range(30):  # the page settles after the switch
        deadline_values = shown()
        if deadline_values and not any(LATIN_WORDS.search(v) for v in deadline_values):
            break
        page.wait_for_timeout(500)
    assert deadline_values and not any(LATIN_WORDS.search(v) for v in deadline_values), \
        deadline_values
    assert not [url for url in navigations if "lang=zh-TW" not in url]  # no reload to English
    visit.screenshot("desk-switched-to-chinese")
    assert visit.blocked == []

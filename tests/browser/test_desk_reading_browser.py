"""The desk inbox in a real browser (issue #16 item 6): a new inject does not move the card
being read, and on a phone the page scrolls once (no scroll box inside it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import Server, Visit, guarded_context

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TIMEOUT = 60_000
EXAMPLE = "scenarios/example-typhoon-township.yaml"
TO_TOWNSHIP = ("I-02", "I-04", "I-05", "I-08", "I-09")


def _session(server: Server):  # type: ignore[no-untyped-def]
    from exercise.conduct import facilitation
    from exercise.conduct.sessions import create_session
    from exercise.store import open_store
    from tests.browser.conftest import ROOT

    store = open_store(None, server.data_dir)
    codes = create_session(store, (ROOT / EXAMPLE).read_text(encoding="utf-8"), name="Reading")
    facilitation.start_clock(store, codes.facilitator, paced=True)
    return store, codes


@pytest.fixture
def phone(browser: object, server: Server) -> Iterator[Visit]:
    current = Visit(page=None, base_url=server.url)
    context = guarded_context(browser, current, viewport={"width": 390, "height": 844},
                              is_mobile=True, has_touch=True, locale="zh-TW")
    try:
        yield current
    finally:
        context.close()  # type: ignore[attr-defined]


def _card_top(page: object, title: str) -> float:
    card = page.locator(".st-key-desk-inbox").get_by_text(title, exact=False)  # type: ignore[attr-defined]
    box = card.first.bounding_box()  # in the list of cards, not a toast
    assert box is not None
    return float(box["y"])


def test_a_new_inject_does_not_move_the_card_being_read(visit: Visit, server: Server) -> None:
    from playwright.sync_api import expect

    from exercise.conduct import facilitation

    store, codes = _session(server)
    facilitation.release_now(store, codes.facilitator, "I-02")
    page = visit.page
    page.goto(f"{visit.base_url}/desk?k={codes.tables['Township EOC']}")
    expect(page.get_by_text("Evacuate Upper Village?").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("No new injects since you last looked.")).to_be_visible(timeout=TIMEOUT)
    before = _card_top(page, "Evacuate Upper Village?")
    facilitation.release_now(store, codes.facilitator, "I-04")
    expect(page.get_by_text("1 new inject(s) arrived while you were reading.")).to_be_visible(
        timeout=TIMEOUT)
    assert abs(_card_top(page, "Evacuate Upper Village?") - before) < 1
    page.get_by_role("button", name="Show new (1)").click()
    expect(page.locator(".st-key-desk-inbox").get_by_text("Report shelter capacity").first
           ).to_be_visible(timeout=TIMEOUT)
    assert _card_top(page, "Report shelter capacity") < _card_top(page, "Evacuate Upper Village?")
    assert visit.blocked == []


def test_on_a_phone_the_desk_scrolls_once(phone: Visit, server: Server) -> None:
    from playwright.sync_api import expect

    from exercise.conduct import facilitation

    store, codes = _session(server)
    for inject_id in TO_TOWNSHIP:
        facilitation.release_now(store, codes.facilitator, inject_id)
    page = phone.page
    page.goto(f"{phone.base_url}/desk?k={codes.tables['Township EOC']}")
    expect(page.get_by_text("Evacuate Upper Village?").first).to_be_visible(timeout=TIMEOUT)
    inbox = page.locator(".st-key-desk-inbox")
    expect(inbox).to_have_count(1, timeout=TIMEOUT)
    # the page's style arrives with the page's first drawing, not always before the inbox
    page.wait_for_function("""() => [...document.querySelectorAll('style')]
        .some(s => s.textContent.includes('st-key-desk-inbox'))""", timeout=TIMEOUT)
    inner = inbox.evaluate("""node => {
        let scrolling = 0;
        for (const el of [node, ...node.querySelectorAll('*')]) {
            const style = getComputedStyle(el);
            if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1) {
                scrolling += 1;
            }
        }
        return {scrolling, height: node.getBoundingClientRect().height,
                content: node.scrollHeight};
    }""")
    assert inner["scrolling"] == 0, inner  # no scroll box inside the page
    assert inner["height"] >= inner["content"] - 1, inner  # every card is laid out in the page
    scrollers = page.evaluate("""() => [...document.querySelectorAll('*')].filter(el =>
        /(auto|scroll)/.test(getComputedStyle(el).overflowY)
        && el.scrollHeight > el.clientHeight + 1).map(el => el.getAttribute('data-testid')
        || el.className.toString().slice(0, 60))""")
    page_scrolls = page.evaluate(
        "document.scrollingElement.scrollHeight > document.scrollingElement.clientHeight + 1")
    assert len(scrollers) + int(page_scrolls) == 1, scrollers  # one scroll: the page's
    phone.screenshot("desk-phone")
    assert phone.blocked == []

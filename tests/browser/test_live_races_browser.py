"""Quick clicks on a live page while its session moves (issue #13, item 10): every click is
carried out and every part stays where it belongs.

With Streamlit's fast reruns a click started a new script run while the page's previous run
went on to its next yield point; both changed the page's live-part bookkeeping, and a part was
later drawn again at a place another element had taken: the console showed two inject queues
and no panel chooser, and desks stopped following new events."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.browser.conftest import Server, Visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TIMEOUT = 60_000
CLICKS = 24


@contextmanager
def desk_writing(store: object, table_code: str | None) -> Iterator[list[int]]:
    """The Township EOC table logs a note every 50 ms while the block runs (each a new event
    that is pushed to every page of the session); yields the list of notes written so far.
    With no table code nothing is written."""
    from exercise.conduct import play

    written: list[int] = []
    stop = threading.Event()

    def write() -> None:
        while table_code is not None and not stop.is_set():
            play.log_action(store, table_code, "township-eoc",  # type: ignore[arg-type]
                            f"Note {len(written) + 1}")
            written.append(1)
            time.sleep(0.05)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        yield written
    finally:
        stop.set()
        writer.join(timeout=10)


def test_quick_panel_switches_while_desks_write_keep_one_chooser_and_one_queue(
        visit: Visit, server: Server) -> None:
    from playwright.sync_api import expect

    from exercise.conduct import facilitation
    from tests.browser.test_room_browser import _session

    store, codes = _session(server)
    facilitation.start_clock(store, codes.facilitator, speed=30.0)
    page = visit.page
    page.goto(f"{visit.base_url}/facilitator?k={codes.facilitator}")
    expect(page.get_by_role("button", name="Pause")).to_be_visible(timeout=TIMEOUT)
    chooser = page.get_by_test_id("stButtonGroup").filter(has_text="Injects")
    expect(chooser).to_have_count(1, timeout=TIMEOUT)

    # A desk writes all the while: each event pushes a redraw of the console's live parts.
    with desk_writing(store, codes.tables["Township EOC"]) as written:
        for n in range(CLICKS):
            chooser.get_by_text("Clock" if n % 2 == 0 else "Injects", exact=True).click(
                timeout=TIMEOUT)
            page.wait_for_timeout(80 + 40 * (n % 3))
    assert len(written) > 10, "the desk should have written while the facilitator clicked"

    # The last click chose the inject queue: one chooser, one queue, nothing drawn twice.
    queue_counts = page.get_by_text(re.compile(r"^Due \(\d+\) · Waiting on a condition"))
    expect(queue_counts).to_have_count(1, timeout=TIMEOUT)
    page.wait_for_timeout(3_000)  # two more watcher runs of the console
    expect(queue_counts).to_have_count(1)
    expect(chooser).to_have_count(1)
    expect(page.get_by_role("button", name="Pause")).to_have_count(1)
    # and the console follows the desk: the feed counts every note it wrote
    chooser.get_by_text("Table activity", exact=True).click(timeout=TIMEOUT)
    expect(page.get_by_text(re.compile(rf"\bNote {len(written)}\b")).first).to_be_visible(
        timeout=TIMEOUT)
    assert visit.blocked == []


@pytest.mark.parametrize("desks_write", [False, True], ids=["quiet", "desks-write"])
def test_an_evaluator_rating_stays_confirmed(visit: Visit, server: Server,
                                             desks_write: bool) -> None:
    """The rating's confirmation and the forms under it stay on screen: a redraw pushed right
    behind the run that drew them (the push of the rating's own event) had made them vanish."""
    from playwright.sync_api import expect

    from exercise.conduct import facilitation
    from tests.browser.test_room_browser import _session

    store, codes = _session(server)
    facilitation.start_clock(store, codes.facilitator, speed=30.0)
    page = visit.page
    evaluator = next(iter(codes.evaluators.values()))
    page.goto(f"{visit.base_url}/evaluate?k={evaluator}")
    expect(page.get_by_role("heading", name="Evaluation")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("tab", name="Rate performance (P/S/M/U)").click()

    with desk_writing(store, codes.tables["Township EOC"] if desks_write else None) as written:
        for rating, meaning in (("S", "Performed with Some Challenges"), ("M", "Performed with "
                                "Major Challenges"), ("P", "Performed without Challenges")) * 2:
            page.get_by_role("radiogroup", name="Rating").get_by_text(
                f"{rating} — {meaning}").click(timeout=TIMEOUT)
            page.get_by_label("Observation notes and explanation of the rating").fill(
                f"Rated {rating} while the desks wrote")
            page.get_by_role("button", name="Record the rating").click(timeout=TIMEOUT)
            expect(page.get_by_text(re.compile(rf"^Rated {rating} for "))).to_be_visible(
                timeout=TIMEOUT)
            page.wait_for_timeout(1_500)  # pushed redraws arrive behind the confirmation
            expect(page.get_by_text(re.compile(rf"^Rated {rating} for "))).to_be_visible()
            expect(page.get_by_role("button", name="Record the rating")).to_be_visible()
    assert len(written) > 10 or not desks_write
    assert visit.blocked == []

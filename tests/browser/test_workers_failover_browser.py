"""A real desk page in Chromium behind `exercise serve --workers 2`: its worker is killed, and
Streamlit's own page reconnects through HAProxy to the other worker by itself (a new cookie) and
goes on showing the injects, the one from before and the one released after."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from exercise.conduct import facilitation
from exercise.conduct.sessions import create_session
from exercise.store import SqlEventStore
from tests.browser.conftest import _need_chromium
from tests.conduct.conftest import EXAMPLE, TABLES
from tests.integration.workers_fleet import COOKIE, Fleet, require_haproxy
from tests.store.conftest import postgres_schema

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.postgres,
              pytest.mark.xdist_group("browser")]


@pytest.fixture
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Fleet, str]]:
    _need_chromium()
    require_haproxy()
    with postgres_schema() as url:
        started = Fleet.start(tmp_path_factory.mktemp("workers-browser"), url)
        try:
            yield started, url
        finally:
            assert started.stop() == 0


def _worker_cookie(context: object) -> str | None:
    cookies = context.cookies()  # type: ignore[attr-defined]
    return next((c["value"] for c in cookies if c["name"] == COOKIE), None)


def test_a_desk_page_whose_worker_dies_reconnects_to_another_and_misses_nothing(
        fleet: tuple[Fleet, str], browser: object) -> None:
    # the suite's one Chromium (a second Playwright in the same test process cannot start)
    served, url = fleet
    with SqlEventStore(url) as store:
        codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TABLES)
        facilitation.start_clock(store, codes.facilitator, speed=1)
        county = codes.tables["County"]
        context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
        try:
            context.add_cookies([{"name": COOKIE, "value": "w2", "url": served.url}])
            page = context.new_page()
            page.goto(f"{served.url}/desk?k={county}")
            facilitation.adhoc_inject(store, codes.facilitator, title="Before the failover",
                                      message="Dam gauge at 80 %", to=["county-eoc"])
            page.get_by_text("Before the failover").first.wait_for(timeout=90_000)
            assert _worker_cookie(context) == "w2"

            served.kill_9("w2")
            time.sleep(1)
            facilitation.adhoc_inject(store, codes.facilitator, title="After the failover",
                                      message="Dam gauge at 95 %", to=["county-eoc"])
            page.get_by_text("After the failover").first.wait_for(timeout=120_000)
            page.get_by_text("Before the failover").first.wait_for(timeout=10_000)
            assert _worker_cookie(context) == "w1"  # the proxy moved the page to worker A
        finally:
            context.close()

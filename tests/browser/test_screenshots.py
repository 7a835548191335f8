"""The README's pictures (issue #16), taken by a real browser from a short exercise on the
shipped barrier-lake pack so they stay current: the facilitator console while the exercise runs
(`console.png`, 1400x900), the township desk on a 390x844 phone (`desk-phone.png`), the contact
graph of the scenario library's preview (`graph.png`), its focus on the township
(`graph-focus.png`) and the debrief's after-action report
(`report.png`). Each picture is taken only after what a person would look for on it is visible.

Where the files go: every run writes them to the test's temporary folder and checks that each
is a PNG under 300 KB, so a normal `make test` exercises the whole path and leaves the checkout
clean. With `EXERCISE_SCREENSHOTS=1` (what `make screenshots` sets) they are also copied into
docs/screenshots/, to be reviewed and committed with the change that altered them.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ROOT, Server, Visit, guarded_context

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TIMEOUT = 60_000  # a page drawn for the first time on a saturated 2-core machine
PACK = ROOT / "scenarios" / "barrier-lake-outburst.yaml"
PACK_OPTION = re.compile(r"^Barrier-lake outburst: the Maning Creek warning chain .*barrier-lake-outburst")
DOCS = ROOT / "docs" / "screenshots"
MAX_BYTES = 300_000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass
class Exercise:
    store: Any
    facilitator: str
    debrief: str
    township: str


def _exercise(server: Server) -> Exercise:
    """Three tables of the barrier-lake pack two scenario hours in: the first four injects out,
    the township has acknowledged and decided, a telephone call reached the county and an
    evaluator has rated one capability. Paced by the facilitator, so the clock stands still
    while the pictures are taken."""
    from exercise.conduct import evaluation, facilitation, play
    from exercise.conduct.sessions import TableSpec, create_session
    from exercise.store import open_store

    store = open_store(None, server.data_dir)
    tables = [TableSpec("County EOC", ("county-eoc",)), TableSpec("Township EOC", ("township-eoc",)),
              TableSpec("Fire Bureau", ("fire-bureau",))]
    codes = create_session(store, PACK.read_text(encoding="utf-8"), name="Maning Creek drill",
                           tables=tables)
    facilitator = codes.facilitator
    county, township = codes.tables["County EOC"], codes.tables["Township EOC"]
    facilitation.start_clock(store, facilitator, paced=True)
    facilitation.advance(store, facilitator, 125)  # BL-01 .. BL-04 fall due and are released
    play.acknowledge(store, township, "township-eoc", "BL-03")
    play.decide(store, township, "township-eoc", "BL-03", "start-now",
                "The household list will come too late for the lower terraces")
    play.acknowledge(store, county, "county-eoc", "BL-02")
    play.send_message(store, township, "township-eoc", "county-eoc", "phone",
                      "Door-knocking started in Daan; we need 20 more people for Futian")
    facilitation.advance(store, facilitator, 10)  # the call is delivered
    evaluation.record_rating(store, codes.evaluators["Evaluator 1"], "OBJ-1",
                             "Public Information and Warning", "S",
                             "Warning reached the township, the list lagged behind")
    return Exercise(store, facilitator, codes.debrief, township)


@contextmanager
def _browser(browser: object, server: Server, **options: object) -> Iterator[Visit]:
    visit = Visit(page=None, base_url=server.url)
    context = guarded_context(browser, visit, locale="en-US", **options)
    try:
        yield visit
    finally:
        context.close()  # type: ignore[attr-defined]
    assert visit.blocked == [], f"requests tried to leave the machine: {visit.blocked}"


def _save(shot: object, folder: Path, name: str, **options: object) -> Path:
    """`shot` (a page or a locator) as folder/name.png, checked to be a small PNG."""
    path = folder / f"{name}.png"
    shot.screenshot(path=str(path), type="png", animations="disabled", **options)  # type: ignore[attr-defined]
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC), f"{name}.png is not a PNG"
    assert len(data) < MAX_BYTES, f"{name}.png is {len(data)} bytes, over {MAX_BYTES}"
    print(f"{name}.png: {len(data) / 1000:.0f} KB")
    return path


def _choose_focus(page: object, agency: str) -> None:
    """Choose `agency` in the focus's select box (its list is long: typing narrows it); a click
    that lands while the page reruns is tried again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.get_by_test_id("stSelectbox").filter(has_text="Agency")  # type: ignore[attr-defined]
    option = page.get_by_role("option", name=agency, exact=True)  # type: ignore[attr-defined]
    for _ in range(4):
        box.click(timeout=TIMEOUT)
        page.keyboard.type(agency.split()[0])  # type: ignore[attr-defined]
        try:
            option.click(timeout=5_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")  # type: ignore[attr-defined]
    raise AssertionError(f"{agency!r} could not be chosen in the focus")


def _grid_drawn(page: object, grid: object, first_column: str) -> None:
    """Wait until the data grid `grid` holds a row starting with `first_column`, then two
    animation frames: the grid paints its canvas on the frame after its cells arrive."""
    from playwright.sync_api import expect

    cells = grid.locator("[data-testid^='glide-cell-0-']")  # type: ignore[attr-defined]
    expect(cells.filter(has_text=first_column)).not_to_have_count(0, timeout=TIMEOUT)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => "  # type: ignore[attr-defined]
                  "requestAnimationFrame(done)))")


def test_readme_screenshots(browser: object, server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    run = _exercise(server)
    saved: list[Path] = []

    with _browser(browser, server, viewport={"width": 1400, "height": 900}) as visit:
        page = visit.page

        # The scenario library's preview of the pack: its contact graph.
        page.goto(visit.base_url)
        page.get_by_test_id("stSelectbox").filter(has_text="Scenario pack").click()
        page.get_by_role("option", name=PACK_OPTION).click()
        page.get_by_role("tab", name="Contact graph").click()
        chart = page.get_by_test_id("stGraphVizChart").first
        expect(chart.locator("svg")).to_be_visible(timeout=TIMEOUT)
        expect(chart.get_by_text("County EOC").first).to_be_visible()  # names, not ids
        # a drawing taller than the window is painted only where the window shows it: grow the
        # window for the two drawings, then give it back for the pages
        page.set_viewport_size({"width": 1400, "height": 2400})
        saved.append(_save(chart, tmp_path, "graph"))

        # Its focus on one agency: the township's links, channels and ways round.
        focus = page.get_by_test_id("stTable").filter(has_text="Channels in priority order")
        drawing = focus.locator("xpath=following::*[@data-testid='stGraphVizChart'][1]")
        for attempt in range(3):
            _choose_focus(page, "Township EOC")
            expect(focus.locator("td:first-child").filter(has_text="Volunteers")).to_have_count(
                1, timeout=TIMEOUT)
            try:
                expect(drawing.get_by_text("Volunteers", exact=True)).to_be_visible(
                    timeout=20_000)
                break
            except AssertionError:
                # Seen once on a saturated machine (session 5): the table showed the township
                # but the drawing under it still showed the first agency's focus. A person would
                # choose again; the pictures need the township's drawing. Known issue (#16).
                if attempt == 2:
                    raise
                _choose_focus(page, "County EOC")
        expect(drawing.get_by_text("CEOC", exact=True)).to_have_count(0)  # not the hub's focus
        saved.append(_save(drawing, tmp_path, "graph-focus"))
        page.set_viewport_size({"width": 1400, "height": 900})

        # The facilitator console while the exercise runs.
        page.goto(f"{visit.base_url}/facilitator?k={run.facilitator}")
        expect(page.get_by_role("heading", name=re.compile(r"T\+02:15"))).to_be_visible(
            timeout=TIMEOUT)
        expect(page.get_by_role("button", name="Pause")).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text("1 table(s) silent for 30+ scenario minutes: Fire Bureau")
               ).to_be_visible(timeout=TIMEOUT)
        _grid_drawn(page, page.get_by_test_id("stDataFrame").first, "upcoming")
        saved.append(_save(page, tmp_path, "console"))

    with _browser(browser, server, viewport={"width": 390, "height": 844}, is_mobile=True,
                  has_touch=True) as phone:
        page = phone.page
        page.goto(f"{phone.base_url}/desk?k={run.township}")
        expect(page.get_by_role("heading", name="Township EOC")).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text("Start door-knocking now, or wait for the list?").first
               ).to_be_visible(timeout=TIMEOUT)
        saved.append(_save(page, tmp_path, "desk-phone"))

    from exercise.conduct import facilitation

    facilitation.end_session(run.store, run.facilitator)
    with _browser(browser, server, viewport={"width": 1400, "height": 900}) as visit:
        page = visit.page
        page.goto(f"{visit.base_url}/debrief?k={run.debrief}")
        expect(page.get_by_role("heading", name="After-action report", exact=True)).to_be_visible(
            timeout=TIMEOUT)
        # the PDF and HTML reports are made after the page is drawn; wait until they are ready
        # so that the page no longer moves
        expect(page.get_by_role("button", name="PDF report")).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_role("button", name="HTML report")).to_be_visible(timeout=TIMEOUT)
        # the part a reader looks for: how each table did, and what happened when
        metrics = page.get_by_role("heading", name="Response Metrics by Agency")
        metrics.evaluate("heading => heading.scrollIntoView({block: 'start'})")
        expect(metrics).to_be_in_viewport()
        expect(page.get_by_role("heading", name="Timeline of Play")).to_be_in_viewport()
        expect(page.get_by_text("Injects to simulated agencies were voiced by the facilitator",
                                exact=False)).to_be_in_viewport()
        grids = metrics.locator("xpath=following::*[@data-testid='stDataFrame']")
        _grid_drawn(page, grids.first, "Township EOC")
        _grid_drawn(page, grids.nth(1), "(T+00:10)")
        saved.append(_save(page, tmp_path, "report"))

    if os.environ.get("EXERCISE_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        for path in saved:
            shutil.copyfile(path, DOCS / path.name)

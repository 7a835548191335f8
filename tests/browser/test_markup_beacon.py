"""Markdown from pack and player text (issue 13, item 2), in a real browser: image and link
payloads in an agency short name, a channel name, a decision option label, an inject and a
player message must show as typed on every page (library preview and What-if, desk, console,
evaluator, debrief). A beacon HTTP server on 127.0.0.1 stands in for an outside host: no page
may fetch from it, and no page may turn its address into a live link."""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from exercise.conduct import facilitation
from exercise.store import open_store
from tests.browser.conftest import ROOT, Server
from tests.browser.test_exercise_flow import browser_context, choose, desk_tab, send_message

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TIMEOUT = 60_000  # a page drawn for the first time on a saturated 2-core CI machine took over 30 s
JOINER = "\u2060"


@dataclass
class Beacon:
    port: int
    hits: list[str] = field(default_factory=list)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def payload(self, words: str, name: str, www: bool = True) -> str:
        """Typed text with an image, a bare address and a www name in it."""
        text = f"{words} ![t]({self.url(name + '.png')}) {self.url(name)}"
        return f"{text} www.{name}.example" if www else text


@pytest.fixture
def beacon() -> Iterator[Beacon]:
    hits: list[str] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Beacon(server.server_address[1], hits)
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Texts:
    short: str
    channel: str
    option: str
    inject: str
    player: str


def hostile_pack(beacon: Beacon) -> tuple[bytes, Texts]:
    texts = Texts(short=beacon.payload("Fire", "s", www=False),  # a table label: <= 80 chars
                  channel=beacon.payload("Radio", "channel"),
                  option=beacon.payload("Evacuate", "option"),
                  inject=beacon.payload("Decide", "inject"),
                  player=beacon.payload("Call us", "player"))
    data = yaml.safe_load((ROOT / "scenarios" / "example-typhoon-township.yaml").read_text("utf-8"))
    data["metadata"]["id"] = "beacon-pack"
    data["metadata"]["title"] = "Beacon pack"
    [fire] = [a for a in data["agencies"] if a["id"] == "fire-bureau"]
    fire["short_name"] = texts.short
    [radio] = [c for c in data["channels"] if c["id"] == "radio"]
    radio["name"] = texts.channel
    [decision] = [i for i in data["injects"] if i["id"] == "I-02"]
    decision["options"][0]["label"] = texts.option
    decision["message"] = texts.inject
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"), texts


def _code(url: str) -> str:
    return parse_qs(urlsplit(url).query)["k"][0]


def shown_text(page: object) -> str:
    """The page's text as a person reads it (word joiners take no space)."""
    return str(page.evaluate("document.body.innerText")).replace(JOINER, "")  # type: ignore[attr-defined]


def expect_shown(page: object, text: str, timeout_ms: int = TIMEOUT) -> None:
    deadline = timeout_ms / 250
    for _ in range(int(deadline)):
        if text in shown_text(page):
            return
        page.wait_for_timeout(250)  # type: ignore[attr-defined]
    raise AssertionError(f"{text!r} is not shown as typed")


def no_live_links(page: object, beacon: Beacon, where: str) -> None:
    links = page.locator(f"a[href*='{beacon.port}'], a[href*='.example']")  # type: ignore[attr-defined]
    assert links.count() == 0, f"{where}: live links {links.evaluate_all('l => l.map(a => a.href)')}"
    assert page.locator(f"img[src*='{beacon.port}']").count() == 0, where  # type: ignore[attr-defined]


def test_no_pack_or_player_text_fetches_or_links_anything(
        browser: object, server: Server, beacon: Beacon) -> None:
    from playwright.sync_api import expect

    from tests.browser.test_exercise_flow import create_session

    pack, texts = hostile_pack(beacon)
    dialogs: list[str] = []
    with browser_context(browser, server, dialogs) as facilitator, \
            browser_context(browser, server, dialogs) as county, \
            browser_context(browser, server, dialogs) as township:
        page = facilitator.page
        page.goto(facilitator.base_url)
        expect(page.get_by_role("heading", name="Scenario library")).to_be_visible(timeout=TIMEOUT)
        page.get_by_text("Upload a scenario pack").click()
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(files=[{
            "name": "beacon.yaml", "mimeType": "application/yaml", "buffer": pack}])
        expect(page.get_by_test_id("stAlertContentSuccess")).to_be_visible(timeout=TIMEOUT)

        # The preview's What-if: a delivery estimate from the agency with the hostile name.
        page.get_by_role("tab", name="What if", exact=True).click()
        form = page.get_by_test_id("stForm").filter(has_text="Estimate")
        choose(page, form, "From", re.compile(r"^Fire !\[t\]"))
        form.get_by_role("button", name="Estimate").click()
        result = page.get_by_test_id("stAlertContentSuccess").filter(has_text="within 30 min")
        expect(result).to_be_visible(timeout=60_000)
        expect_shown(page, f"{texts.short} → ")
        no_live_links(page, beacon, "library What-if")
        page.get_by_role("tab", name="Agencies", exact=True).click()
        facilitator.screenshot("beacon-library")

        links = create_session(facilitator, pack=re.compile(r"^Beacon pack"),
                               screenshot="beacon-join-links")
        store = open_store(None, server.data_dir)
        facilitation.start_clock(store, _code(links["facilitator"]), speed=30.0)
        facilitation.release_now(store, _code(links["facilitator"]), "I-02")

        desk = township.page
        desk.goto(links["township"])
        expect(desk.get_by_role("radiogroup").first).to_be_visible(timeout=TIMEOUT)
        expect_shown(desk, texts.option)
        expect_shown(desk, texts.inject)
        county.page.goto(links["county"])
        expect(county.page.get_by_role("heading", name="County EOC")).to_be_visible(
            timeout=TIMEOUT)
        send_message(county.page, "Township EOC", "Satellite phone", texts.player)
        expect(county.page.get_by_text("Sent to Township EOC", exact=False)).to_be_visible(
            timeout=TIMEOUT)
        desk_tab(desk, "Our agency")
        expect_shown(desk, texts.channel)  # the channels this agency can use
        desk_tab(desk, "Messages")
        expect_shown(desk, texts.player, timeout_ms=60_000)  # 5 min at 30x: 10 s
        township.screenshot("beacon-desk")
        for visit, where in ((township, "desk"), (county, "county desk")):
            no_live_links(visit.page, beacon, where)

        page.goto(links["facilitator"])
        expect(page.get_by_text("Table activity", exact=True)).to_be_visible(timeout=TIMEOUT)
        for _ in range(5):  # a click that lands during a live rerun is tried again
            page.get_by_text("Table activity", exact=True).click()
            if page.get_by_role("heading", name="What the tables do").count():
                break
            page.wait_for_timeout(1_000)
        expect_shown(page, texts.player, timeout_ms=60_000)
        facilitator.screenshot("beacon-console")
        no_live_links(page, beacon, "console")

        page.goto(links["evaluator"])
        expect(page.get_by_role("heading", name="Evaluation")).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=TIMEOUT)
        no_live_links(page, beacon, "evaluator")

        page.goto(links["debrief"])
        expect(page.get_by_role("heading", name="After-action report", exact=True)).to_be_visible(
            timeout=TIMEOUT)
        expect(page.get_by_test_id("stDownloadButton")).to_have_count(8, timeout=60_000)
        facilitator.screenshot("beacon-debrief")
        no_live_links(page, beacon, "debrief")

        page.wait_for_timeout(1_000)  # an image that was placed gets its second to load
        assert beacon.hits == [], f"pages fetched from the beacon: {beacon.hits}"
        for visit in (facilitator, county, township):
            assert visit.blocked == [], f"requests tried to leave the machine: {visit.blocked}"
    assert dialogs == []

"""A pack full of HTML, script and Markdown tricks is shown as plain text, never run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.browser.conftest import ROOT, Visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TIMEOUT = 60_000  # a page drawn for the first time on a saturated 2-core CI machine took over 30 s
TITLE = 'Hostile <img src=x onerror="window.__xss=1"> [click](javascript:window.__xss=2)'
SITUATION = "<script>window.__xss=3</script> **not bold** :material/home:"
AGENCY = '<b onmouseover="window.__xss=4">Loud EOC</b>'


def hostile_pack() -> bytes:
    data = yaml.safe_load((ROOT / "scenarios" / "example-typhoon-township.yaml").read_text("utf-8"))
    data["metadata"]["id"] = "hostile-pack"
    data["metadata"]["title"] = TITLE
    data["modules"][0]["situation"] = SITUATION
    data["agencies"][0]["short_name"] = AGENCY
    data["objectives"][0]["title"] = "<iframe src=javascript:window.__xss=5></iframe> objective"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def test_hostile_pack_text_is_shown_as_text(visit: Visit, server: object, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page = visit.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(visit.base_url)
    expect(page.get_by_role("heading", name="Scenario library")).to_be_visible(timeout=TIMEOUT)
    page.get_by_text("Upload a scenario pack").click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "hostile.yaml", "mimeType": "application/yaml", "buffer": hostile_pack()}]
    )
    expect(page.get_by_test_id("stAlertContentSuccess")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("combobox", name="Scenario pack")).to_have_value(
        re.compile(r"^Hostile <img .*\(uploaded, hostile-pack\)$"), timeout=TIMEOUT
    )

    page.get_by_role("tab", name="Objectives").click()
    expect(page.get_by_text("<iframe src=javascript:window.__xss=5></iframe> objective")).to_be_visible()
    page.get_by_role("tab", name="Modules").click()
    expect(page.get_by_text(SITUATION)).to_be_visible()
    page.get_by_role("tab", name="Contact graph").click()
    expect(page.get_by_test_id("stGraphVizChart").get_by_text(AGENCY).first).to_be_visible(
        timeout=TIMEOUT
    )
    page.get_by_role("tab", name="MSEL timeline").click()
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible(timeout=TIMEOUT)
    visit.screenshot("library-hostile-pack")

    assert page.evaluate("window.__xss") is None
    assert page.locator("iframe[src^='javascript']").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert dialogs == []
    assert visit.blocked == [], f"requests tried to leave the machine: {visit.blocked}"

"""The room's screen in a process of its own (Playwright's sync API allows one instance per
thread, and the browser tests keep one open on the same pytest worker).

    python -m tests.integration.screen_child CHROMIUM
Reads commands on stdin — `open URL`, `reload` — and answers each with `minute N`: the scenario
minute the page's clock heading shows; `error MESSAGE` when it cannot.
"""

from __future__ import annotations

import re
import sys

from playwright.sync_api import Error, sync_playwright

from tests.browser.conftest import CHROMIUM_ARGS

CLOCK = re.compile(r"T\+(\d\d):(\d\d)")


def shown_minute(page: object) -> int:
    heading = page.locator("h1").filter(has_text=CLOCK).first  # type: ignore[attr-defined]
    heading.wait_for(timeout=60_000)
    hours, minutes = CLOCK.search(heading.inner_text()).groups()  # type: ignore[union-attr]
    return int(hours) * 60 + int(minutes)


def main(chromium: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        print("ready", flush=True)
        for line in sys.stdin:
            command, _, argument = line.strip().partition(" ")
            try:
                if command == "open":
                    page.goto(argument)
                elif command == "reload":
                    page.reload()
                else:
                    break
                print("minute", shown_minute(page), flush=True)
            except Error as exc:
                print("error", str(exc).splitlines()[0], flush=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1])

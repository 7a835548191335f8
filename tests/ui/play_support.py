"""Helpers for the AppTests of the play pages (desk, evaluation, hot wash, debrief, join): a
session created through the conduct API on the test's data folder, and a page opened by URL."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from exercise.conduct import facilitation
from exercise.conduct.ports import EventStore
from exercise.conduct.sessions import JoinCodes, TableSpec, create_session
from exercise.store import open_store
from tests.ui.conftest import EXAMPLE


@dataclass
class Played:
    store: EventStore
    codes: JoinCodes

    def table(self, label: str) -> str:
        return self.codes.tables[label]

    @property
    def evaluator(self) -> str:
        return next(iter(self.codes.evaluators.values()))


def new_session(data_dir: Path, pack_text: str | None = None, *, started: bool = True,
                tables: Iterable[TableSpec] | None = None) -> Played:
    """A session on the app's own data folder (the page opens the same SQLite file)."""
    store = open_store(None, data_dir)
    codes = create_session(store, pack_text or EXAMPLE.read_text(encoding="utf-8"),
                           tables=list(tables) if tables is not None else None)
    if started:
        facilitation.start_clock(store, codes.facilitator)
    return Played(store, codes)


def open_page(at: AppTest, url_path: str, code: str | None, lang: str | None = None) -> AppTest:
    """Run the app as if the browser opened `/url_path?k=code` (AppTest has no URL bar: the
    page is chosen by the hash Streamlit gives a page registered under `url_path`)."""
    if code is not None:
        at.query_params["k"] = code
    if lang is not None:
        at.query_params["lang"] = lang
    at._page_hash = calc_hash(url_path)  # noqa: SLF001 - the only way to pick a callable page
    return at.run()


def texts(at: AppTest) -> str:
    """Every text a user reads on the page (markdown, captions, alerts, titles)."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "text", "info", "error",
             "success", "warning", "code")
    parts = [rendered(str(e.value)) for kind in kinds for e in getattr(at, kind)]
    return "\n".join(parts)


def errors(at: AppTest) -> list[str]:
    return [rendered(str(e.value)) for e in at.error]


def rendered(markdown_text: str) -> str:
    """What CommonMark shows for backslash escapes: the escaped character itself."""
    return re.sub(r"\\(.)", r"\1", markdown_text)


def poll_until(at: AppTest, seen: Callable[[AppTest], bool], seconds: float = 10.0) -> None:
    """Run the page as its polls would, until `seen` holds (the app's store learns of events
    appended elsewhere through a watcher that reads the database every so often)."""
    deadline = time.monotonic() + seconds
    while True:
        at.run()
        if seen(at) or time.monotonic() > deadline:
            return
        time.sleep(0.2)

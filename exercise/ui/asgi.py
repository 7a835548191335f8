"""What `exercise serve` runs: the Streamlit app (app.py) as an ASGI application behind the
host guard (exercise/ui/hosts.py), through Streamlit's own `st.App` hook. `streamlit run` finds
`app` below and serves it with its embedded uvicorn."""

from __future__ import annotations

import importlib
import pkgutil
import threading
import time
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from exercise.ui.gc_pacing import collect_less_often
from exercise.ui.hosts import HostGuard
from exercise.ui.theme_once import read_theme_once


def import_pages(wait_seconds: float = 60.0) -> None:
    """Import every page module as soon as the server runs, so that the first person to open a
    page waits for the page and not for the libraries behind it (about 6 s on a busy 2-core
    machine). Waits for Streamlit's runtime first: its caches are set up when a page module is
    imported. Python's import lock makes a page that opens meanwhile wait for the same import."""
    from streamlit import runtime

    deadline = time.monotonic() + wait_seconds
    while not runtime.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    if not runtime.exists():
        return
    import exercise.ui.views as views

    for module in pkgutil.walk_packages(views.__path__, prefix="exercise.ui.views."):
        importlib.import_module(module.name)


threading.Thread(target=import_pages, name="import-pages", daemon=True).start()
read_theme_once()
collect_less_often()
app = st.App(Path(__file__).with_name("app.py"), middleware=[Middleware(HostGuard)])

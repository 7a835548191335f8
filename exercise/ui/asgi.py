"""What `exercise serve` runs: the Streamlit app (app.py) as an ASGI application behind the
host guard (exercise/ui/hosts.py), through Streamlit's own `st.App` hook. `streamlit run` finds
`app` below and serves it with its embedded uvicorn."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from exercise.ui.hosts import HostGuard

app = st.App(Path(__file__).with_name("app.py"), middleware=[Middleware(HostGuard)])

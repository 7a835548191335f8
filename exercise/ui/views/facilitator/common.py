"""What the parts of the console share: running one command with the code in the URL."""

from __future__ import annotations

from typing import Any

import streamlit as st

from exercise.ui.gate import code_in_url, event_store, run_command


def do(command: Any, *args: Any, **kwargs: Any) -> bool:
    """Run one facilitator command as the holder of the code in the URL; on success rerun the
    whole page (a domain error is shown as its message and nothing changes)."""
    if run_command(command, event_store(), code_in_url() or "", *args, **kwargs) is not None:
        st.rerun()
    return False

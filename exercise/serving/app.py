"""The command that runs one app process: Streamlit serving exercise/ui/asgi.py (the app behind
its host guard) with the settings measured in design.md."""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "ui" / "asgi.py"

# Passed explicitly, so they hold from any working folder.
STREAMLIT_FLAGS = (
    "--runner.postScriptGC=false",
    # One script thread per page at a time. With fast reruns a click stops the page's running
    # script and starts a new one at once, while the old one runs on to its next yield point:
    # both then change the live parts' bookkeeping in the session state, and a part could be
    # drawn again where another element now stands (seen as a second inject queue in place of
    # the panel chooser, and as desks that stopped updating). Streamlit's own description of the
    # option warns of these races.
    "--runner.fastReruns=false",
    "--browser.gatherUsageStats=false",
    "--server.headless=true",
    "--server.maxUploadSize=20",  # MB; the pages set tighter limits per kind of file
    "--server.enableStaticServing=true",
    "--client.toolbarMode=minimal",
    # no watching of the source files for edits: it cost ~1 % of a core with no page open
    "--server.fileWatcherType=none",
    # Set explicitly, so Streamlit's start banner does not ask checkip.amazonaws.com for this
    # machine's external address (it does when the address is the default wildcard): the
    # server makes no outside request. We print the addresses to open ourselves.
    "--browser.serverAddress=localhost",
)


def streamlit_command(port: int, address: str) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        f"--server.port={port}", f"--server.address={address}", *STREAMLIT_FLAGS,
    ]

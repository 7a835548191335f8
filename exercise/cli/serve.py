"""`exercise serve`: start the Streamlit app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# The app behind its host guard (exercise/ui/asgi.py wraps exercise/ui/app.py).
APP = Path(__file__).resolve().parent.parent / "ui" / "asgi.py"
DEFAULT_SCENARIOS = Path.cwd() / "scenarios"

# The measured settings of design.md, passed explicitly so they hold from any working folder.
STREAMLIT_FLAGS = (
    "--runner.postScriptGC=false",
    "--browser.gatherUsageStats=false",
    "--server.headless=true",
    "--server.maxUploadSize=20",  # MB; the pages set tighter limits per kind of file
    "--server.enableStaticServing=true",
    "--client.toolbarMode=minimal",
    # Set explicitly, so Streamlit's start banner does not ask checkip.amazonaws.com for this
    # machine's external address (it does when the address is the default wildcard): the
    # server makes no outside request. We print the addresses to open ourselves.
    "--browser.serverAddress=localhost",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser("serve", help="start the app in the browser")
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--address", default="0.0.0.0", help="address to listen on")
    serve.add_argument("--data-dir", default="data", help="where the embedded store lives")
    serve.add_argument("--scenarios", default=str(DEFAULT_SCENARIOS), help="folder of packs")
    serve.set_defaults(handler=_serve)


def streamlit_command(port: int, address: str) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        f"--server.port={port}", f"--server.address={address}", *STREAMLIT_FLAGS,
    ]


def lan_addresses() -> set[str]:
    """This machine's addresses other laptops may use, found without sending anything."""
    from exercise.ui.hosts import LOOPBACK, allowed_hosts

    return {host for host in allowed_hosts(environ={})
            if host not in LOOPBACK and not host.startswith("127.")
            and host.replace(".", "").isdigit()}


def _serve(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["EXERCISE_DATA_DIR"] = str(data_dir)
    os.environ["EXERCISE_SCENARIOS_DIR"] = str(Path(args.scenarios).resolve())
    print(f"Exercise facilitator: open http://localhost:{args.port} (data in {data_dir})", flush=True)
    if args.address in {"0.0.0.0", "::"}:
        for address in sorted(lan_addresses()):
            print(f"  other machines on this network: http://{address}:{args.port}", flush=True)
    command = streamlit_command(args.port, args.address)
    os.execv(command[0], command)
    return 0  # pragma: no cover - execv does not return

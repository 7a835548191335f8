"""`exercise serve`: start the Streamlit app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"
DEFAULT_SCENARIOS = Path.cwd() / "scenarios"

# The measured settings of design.md, passed explicitly so they hold from any working folder.
STREAMLIT_FLAGS = (
    "--runner.postScriptGC=false",
    "--browser.gatherUsageStats=false",
    "--server.headless=true",
    "--server.maxUploadSize=20",  # MB; the pages set tighter limits per kind of file
    "--server.enableStaticServing=true",
    "--client.toolbarMode=minimal",
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


def _serve(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["EXERCISE_DATA_DIR"] = str(data_dir)
    os.environ["EXERCISE_SCENARIOS_DIR"] = str(Path(args.scenarios).resolve())
    print(f"Exercise facilitator: open http://localhost:{args.port} (data in {data_dir})", flush=True)
    command = streamlit_command(args.port, args.address)
    os.execv(command[0], command)
    return 0  # pragma: no cover - execv does not return

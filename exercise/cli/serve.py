"""`exercise serve`: start the Streamlit app — one process on the embedded SQLite file (a laptop,
`make run`), or `--workers N` processes on PostgreSQL behind HAProxy (exercise/serving/), or
with `--proxy-for` only HAProxy in front of app hosts on other machines."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from exercise.cli.errors import UserError
from exercise.cli.language import language_option, words
from exercise.i18n import Translator
from exercise.scenario.shipped import default_scenarios_dir
from exercise.serving.app import APP, STREAMLIT_FLAGS, streamlit_command

__all__ = ["APP", "STREAMLIT_FLAGS", "lan_addresses", "register", "streamlit_command"]

def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser("serve", help="start the app in the browser")
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--address", default="0.0.0.0", help="address to listen on")
    serve.add_argument("--data-dir", default="data", help="where the embedded store lives")
    serve.add_argument("--scenarios", default=None,
                       help="folder of packs (default: ./scenarios, else the shipped library)")
    serve.add_argument("--workers", type=int, default=1,
                       help="app processes behind HAProxy (more than 1 needs PostgreSQL in "
                            "EXERCISE_DATABASE_URL and Debian's haproxy)")
    serve.add_argument("--proxy-for", nargs="+", metavar="HOST:PORT", default=None,
                       help="run only HAProxy, in front of app hosts already serving at these "
                            "addresses (several machines on one PostgreSQL)")
    serve.add_argument("--tls-cert", metavar="PEM", default=None,
                       help="with --workers or --proxy-for: HTTPS at the proxy, with this PEM file "
                            "(certificate chain, then its private key)")
    language_option(serve, help="language of the messages printed here")
    serve.set_defaults(handler=_serve)


def lan_addresses() -> set[str]:
    """This machine's addresses other laptops may use, found without sending anything."""
    from exercise.ui.hosts import LOOPBACK, allowed_hosts

    return {host for host in allowed_hosts(environ={})
            if host not in LOOPBACK and not host.startswith("127.")
            and host.replace(".", "").isdigit()}


def _prepare_folders(args: argparse.Namespace) -> Path:
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["EXERCISE_DATA_DIR"] = str(data_dir)
    scenarios = Path(args.scenarios) if args.scenarios else default_scenarios_dir()
    os.environ["EXERCISE_SCENARIOS_DIR"] = str(scenarios.resolve())
    return data_dir


def _print_lan(address: str, port: int, t: Translator) -> None:
    if address in {"0.0.0.0", "::"}:
        for lan in sorted(lan_addresses()):
            print(t("cli.serve.lan", url=f"http://{lan}:{port}"), flush=True)


def _serve(args: argparse.Namespace) -> int:
    if args.workers != 1 or args.proxy_for:
        return _serve_behind_proxy(args)
    t = words(args)
    data_dir = _prepare_folders(args)
    print(t("cli.serve.open", url=f"http://localhost:{args.port}", data=data_dir,
            packs=os.environ["EXERCISE_SCENARIOS_DIR"]), flush=True)
    _print_lan(args.address, args.port, t)
    command = streamlit_command(args.port, args.address)
    os.execv(command[0], command)
    return 0  # pragma: no cover - execv does not return


def _serve_behind_proxy(args: argparse.Namespace) -> int:
    from exercise.serving import ServingError
    from exercise.serving.proxy import MAX_WORKERS, find_haproxy, parse_backend
    from exercise.serving.supervisor import Plan, serve

    t = words(args)

    def say(key: str, **values: object) -> None:
        print(t(key, **values), flush=True)

    try:
        backends = [parse_backend(text, n) for n, text in enumerate(args.proxy_for or [], 1)]
        workers = 0 if backends else args.workers
        if not backends and not 1 <= workers <= MAX_WORKERS:
            raise ServingError("serving.bad_workers", most=MAX_WORKERS)
        data_dir = _prepare_folders(args)
        database = "" if backends else _shared_database(data_dir, workers)
        haproxy = find_haproxy()
        if haproxy is None:
            raise ServingError("serving.no_haproxy")
        plan = Plan(args.address, args.port, data_dir / "serve", workers=workers,
                    backends=backends, env=dict(os.environ), haproxy=haproxy,
                    tls_cert=Path(args.tls_cert).resolve() if args.tls_cert else None)
        say("serving.starting", workers=workers or len(backends), database=database,
            folder=plan.run_dir)
        _print_lan(args.address, args.port, t)
        return serve(plan, say)
    except ServingError as exc:
        raise UserError(t(exc.key, **exc.values)) from None


def _shared_database(data_dir: Path, workers: int) -> str:
    """The PostgreSQL every worker opens, checked (and its tables made) once before they start."""
    from exercise.serving import ServingError
    from exercise.store import SqlEventStore
    from exercise.store.engine import StoreUnavailable, parse_url, resolve_url

    url = resolve_url(None, data_dir)
    if url.startswith("sqlite"):
        raise ServingError("serving.needs_postgres", workers=workers)
    try:
        with SqlEventStore(url):
            pass
    except StoreUnavailable as exc:
        raise ServingError("serving.database_unavailable", reason=str(exc)) from None
    return parse_url(url).render_as_string(hide_password=True)

"""`exercise report`: the after-action report and data files from an exported session, without
the app; `exercise compare`: several tables' sessions of one pack side by side."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exercise.cli.errors import UserError
from exercise.conduct.errors import ConductError
from exercise.conduct.transfer import read_and_replay
from exercise.report.compare import compare_sessions, comparison_lines
from exercise.report.export import FORMATS, LANGUAGES, ExportError, ReportSource, render

MAX_EXPORT_BYTES = 200 * 1024 * 1024


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser(
        "report", help="write the after-action report or data files from a session export",
        description="Write the AAR/IP (docx, pdf, html, md) or raw data (jsonl, csv, contacts, "
        "graphml) from a file made by `exercise session export` or the app.")
    report.add_argument("export", metavar="SESSION_EXPORT", help="a .jsonl session export")
    report.add_argument("--format", "-f", default="html", choices=[*FORMATS, "all"])
    report.add_argument("--lang", default="en", choices=LANGUAGES)
    report.add_argument("--output", "-o", metavar="PATH",
                        help="file to write (a folder with --format all); default: next to you")
    report.set_defaults(handler=_report)

    compare = subparsers.add_parser(
        "compare", help="compare several sessions of the same pack (a classroom's tables)")
    compare.add_argument("exports", nargs="+", metavar="SESSION_EXPORT")
    compare.add_argument("--lang", default="en", choices=LANGUAGES)
    compare.set_defaults(handler=_compare)


def load_export(path: str) -> ReportSource:
    file = Path(path)
    try:
        if file.stat().st_size > MAX_EXPORT_BYTES:
            raise UserError(f"{path} is larger than {MAX_EXPORT_BYTES // 2**20} MiB")
        with file.open(encoding="utf-8") as handle:
            record, events, state = read_and_replay(handle, source=path)
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path} is not UTF-8 text; is it a session export (.jsonl)?") from None
    except ConductError as exc:
        raise UserError(str(exc)) from None
    return ReportSource(record, events, state)


def _report(args: argparse.Namespace) -> int:
    source = load_export(args.export)
    formats = FORMATS if args.format == "all" else (args.format,)
    folder = Path(args.output) if args.output and args.format == "all" else Path.cwd()
    folder.mkdir(parents=True, exist_ok=True)
    failed = 0
    for fmt in formats:
        try:
            rendered = render(source, fmt, args.lang)
        except ExportError as exc:
            if len(formats) == 1:
                raise UserError(str(exc)) from None
            print(f"error: {exc}", file=sys.stderr)  # the other formats are still written
            failed += 1
            continue
        target = Path(args.output) if args.output and args.format != "all" else folder / rendered.filename
        target.write_bytes(rendered.data)
        print(f"wrote {target} ({len(rendered.data):,} bytes)")
    return 1 if failed else 0


def _compare(args: argparse.Namespace) -> int:
    sources = [load_export(path) for path in args.exports]
    try:
        comparison = compare_sessions([s.state for s in sources], args.lang)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    sys.stdout.write("\n".join(comparison_lines(comparison, args.lang)) + "\n")
    return 0

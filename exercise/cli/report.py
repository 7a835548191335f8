"""`exercise report`: the after-action report and data files from an exported session, without
the app; `exercise compare`: several tables' sessions of one pack side by side."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exercise.cli.errors import UserError
from exercise.cli.language import language_option, os_reason, words
from exercise.conduct.errors import ConductError, refusal
from exercise.conduct.transfer import read_and_replay
from exercise.i18n import Translator
from exercise.report.compare import compare_sessions, comparison_lines
from exercise.report.export import FORMATS, ExportError, ReportSource, render

MAX_EXPORT_BYTES = 200 * 1024 * 1024


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser(
        "report", help="write the after-action report or data files from a session export",
        description="Write the AAR/IP (docx, pdf, html, md) or raw data (jsonl, csv, contacts, "
        "graphml) from a file made by `exercise session export` or the app.")
    report.add_argument("export", metavar="SESSION_EXPORT", help="a .jsonl session export")
    report.add_argument("--format", "-f", default="html", choices=[*FORMATS, "all"])
    language_option(report)
    report.add_argument("--output", "-o", metavar="PATH",
                        help="file to write (a folder with --format all); default: next to you")
    report.set_defaults(handler=_report)

    compare = subparsers.add_parser(
        "compare", help="compare several sessions of the same pack (a classroom's tables)")
    compare.add_argument("exports", nargs="+", metavar="SESSION_EXPORT")
    language_option(compare)
    compare.set_defaults(handler=_compare)


def load_export(path: str, t: Translator | None = None) -> ReportSource:
    t = t or words(None)
    file = Path(path)
    try:
        if file.stat().st_size > MAX_EXPORT_BYTES:
            raise UserError(t("cli.report.too_large", file=path, mib=MAX_EXPORT_BYTES // 2**20))
        with file.open(encoding="utf-8") as handle:
            record, events, state = read_and_replay(handle, source=path)
    except OSError as exc:
        raise UserError(t("cli.cannot_read", file=path, reason=os_reason(exc, t))) from None
    except UnicodeDecodeError:
        raise UserError(t("cli.report.not_utf8", file=path)) from None
    except ConductError as exc:
        raise UserError(refusal(exc, t)) from None
    return ReportSource(record, events, state)


def _report(args: argparse.Namespace) -> int:
    t = words(args)
    source = load_export(args.export, t)
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
            print(t("cli.report.format_failed", message=exc), file=sys.stderr)  # the others are still written
            failed += 1
            continue
        target = Path(args.output) if args.output and args.format != "all" else folder / rendered.filename
        target.write_bytes(rendered.data)
        print(t("cli.report.wrote", file=target, bytes=len(rendered.data)))
    return 1 if failed else 0


def _compare(args: argparse.Namespace) -> int:
    t = words(args)
    sources = [load_export(path, t) for path in args.exports]
    try:
        comparison = compare_sessions([s.state for s in sources], args.lang)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    sys.stdout.write("\n".join(comparison_lines(comparison, args.lang)) + "\n")
    return 0

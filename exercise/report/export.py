"""Every downloadable form of a session's results, from its record and events alone."""

from __future__ import annotations

import csv
import importlib
import io
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from exercise.conduct.events import Event
from exercise.conduct.ports import SessionRecord
from exercise.conduct.state import ExerciseState
from exercise.conduct.transfer import session_lines
from exercise.i18n import translator
from exercise.network.exchange import export_graph
from exercise.network.graph import planned_graph
from exercise.network.observed import observed_graph
from exercise.report.annex import observed_contacts
from exercise.report.build import build_report
from exercise.report.fonts import FontMissing
from exercise.report.model import AfterActionReport
from exercise.scenario.text import LANGUAGES
from exercise.scenario.timecode import format_time

REPORT_FORMATS = ("docx", "pdf", "html", "md")
DATA_FORMATS = ("jsonl", "csv", "contacts", "graphml")
FORMATS = REPORT_FORMATS + DATA_FORMATS
_log = logging.getLogger(__name__)


class ExportError(Exception):
    """An export that cannot be made, with the reason in words a person can act on."""


@dataclass(frozen=True)
class Rendered:
    data: bytes
    filename: str
    mime: str


@dataclass(frozen=True)
class ReportSource:
    record: SessionRecord
    events: Sequence[Event]
    state: ExerciseState


def render(source: ReportSource, fmt: str, lang: str = "en") -> Rendered:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use {' or '.join(LANGUAGES)}")
    base = f"{_slug(source.record.session_id)}"
    if fmt in REPORT_FORMATS:
        module, function, mime = _REPORTS[fmt]
        renderer = getattr(importlib.import_module(module), function)
        report = report_for(source, lang, graphs=fmt != "md")
        data = _made(fmt, lambda: renderer(report), lang)
        return Rendered(data if isinstance(data, bytes) else data.encode("utf-8"),
                        f"{base}-after-action-report-{lang}.{fmt}", mime)
    if fmt == "jsonl":
        text = "\n".join(session_lines(source.record, source.events)) + "\n"
        return Rendered(text.encode("utf-8"), f"{base}-events.jsonl", "application/x-ndjson")
    if fmt == "csv":
        return Rendered(_events_csv(source.events), f"{base}-events.csv", "text/csv")
    if fmt == "contacts":
        return Rendered(_contacts_csv(source.state), f"{base}-contacts.csv", "text/csv")
    graph = observed_graph(observed_contacts(source.state), source.state.pack)
    return Rendered(export_graph(graph, "graphml"), f"{base}-observed.graphml",
                    "application/graphml+xml")


_NAMES = {"md": "Markdown", "html": "HTML", "pdf": "PDF", "docx": "Word"}


def _made(fmt: str, make: Callable[[], bytes | str], lang: str) -> bytes | str:
    """The renderer's output, or an ExportError that says why not and what still works, in the
    report's language."""
    t = translator(lang)
    try:
        return make()
    except FontMissing as exc:
        raise ExportError(t("aar.export.no_font", format=_NAMES[fmt])) from exc
    except Exception as exc:  # a defect in a renderer must not leave a dead download
        _log.exception("the %s report failed", fmt)
        raise ExportError(t("aar.export.failed", format=_NAMES[fmt],
                            error=f"{type(exc).__name__}: {exc}")) from exc


# Imported when asked for: fpdf and python-docx cost a second of start-up for every command.
_REPORTS: dict[str, tuple[str, str, str]] = {
    "md": ("exercise.report.to_markdown", "render_markdown", "text/markdown"),
    "html": ("exercise.report.to_html", "render_html", "text/html"),
    "pdf": ("exercise.report.to_pdf", "render_pdf", "application/pdf"),
    "docx": ("exercise.report.to_docx", "render_docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


_built: OrderedDict[tuple[str, int, str, str, bool], AfterActionReport] = OrderedDict()
_built_lock = threading.Lock()


def report_for(source: ReportSource, lang: str, graphs: bool = True) -> AfterActionReport:
    """Built once per session, log position and language, however many formats are asked for."""
    state = source.state
    key = (state.session_id, state.seq, state.pack.metadata.id, lang, graphs)
    with _built_lock:
        if key in _built:
            _built.move_to_end(key)
            return _built[key]
    report = build_report(state, lang, dates=_dates(source), graphs=graphs)
    with _built_lock:
        _built[key] = report
        while len(_built) > 8:
            _built.popitem(last=False)
    return report


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:80] or "session"


def _dates(source: ReportSource) -> str:
    if not source.events:
        return source.record.created_at.date().isoformat()
    first = source.events[0].wall_time.date().isoformat()
    last = source.events[-1].wall_time.date().isoformat()
    return first if first == last else f"{first} – {last}"


def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([[_safe_cell(v) for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel then reads UTF-8


def _safe_cell(value: object) -> object:
    """Spreadsheet programs run cells starting with = + - @ as formulas; player text must not."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def _events_csv(events: Sequence[Event]) -> bytes:
    rows: list[list[object]] = [["seq", "wall_time", "scenario_time", "scenario_minute", "kind",
                                 "actor", "payload"]]
    for e in events:
        minute = e.scenario_minute
        rows.append([e.seq, e.wall_time.isoformat(),
                     format_time(int(minute)) if minute is not None else "", minute,
                     e.kind.value, e.actor, json.dumps(e.payload, ensure_ascii=False, sort_keys=True)])
    return _csv(rows)


def _contacts_csv(state: ExerciseState) -> bytes:
    """A relational-event list: one row per contact that reached its receiver."""
    rows: list[list[object]] = [["sender", "receiver", "channel", "scenario_minute",
                                 "scenario_time", "inject_id", "planned"]]
    planned = planned_graph(state.pack)
    for c in state.contacts:
        rows.append([c.sender, c.receiver, c.channel, c.scenario_minute,
                     format_time(int(c.scenario_minute)), c.inject_id or "",
                     "yes" if planned.has_edge(c.sender, c.receiver) else "no"])
    return _csv(rows)

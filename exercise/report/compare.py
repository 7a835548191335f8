"""Classroom comparison: several sessions of one pack (one per table of students) side by side,
with plain-language differences such as "Table B never brought in the Red Cross"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from exercise.conduct.activity import response_metrics
from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator, translator
from exercise.report.build import agency_name
from exercise.report.numbers import minutes, percent, ratio
from exercise.scenario.text import localize


@dataclass(frozen=True)
class SessionFigures:
    """One table's session in the figures of its after-action report (the same read model)."""

    name: str
    released: int  # injects of the pack
    adhoc_released: int
    planned_injects: int
    contacts: int
    coverage: float | None
    emergent_links: int
    median_minutes_to_ack: float | None
    median_minutes_to_action: float | None
    acknowledged: int
    unanswered: int
    expected_made: int
    expected_total: int
    messages_sent: int
    failed_messages: int
    involved: frozenset[str]  # agencies that sent or received at least one contact


@dataclass(frozen=True)
class ClassroomComparison:
    pack_title: str
    sessions: tuple[SessionFigures, ...]
    findings: tuple[str, ...]


def session_figures(state: ExerciseState) -> SessionFigures:
    metrics = response_metrics(state)
    total = metrics.total
    return SessionFigures(
        name=state.name or state.session_id,
        released=metrics.released,
        adhoc_released=metrics.adhoc_released,
        planned_injects=metrics.planned_injects,
        contacts=metrics.contacts,
        coverage=metrics.coverage,
        emergent_links=metrics.emergent_links,
        median_minutes_to_ack=total.median_minutes_to_ack,
        median_minutes_to_action=total.median_minutes_to_action,
        acknowledged=total.acknowledged,
        unanswered=total.unanswered,
        expected_made=total.expected_contacts_made,
        expected_total=total.expected_contacts_total,
        messages_sent=total.messages_sent,
        failed_messages=total.messages_failed,
        involved=metrics.involved,
    )


def compare_sessions(states: Sequence[ExerciseState], lang: str = "en") -> ClassroomComparison:
    if not states:
        raise ValueError("give at least one session")
    packs = {s.pack.metadata.id for s in states}
    if len(packs) > 1:
        raise ValueError(f"these sessions play different packs ({', '.join(sorted(packs))}); "
                         "compare sessions of one pack")
    t = translator(lang)
    pack = states[0].pack
    figures = tuple(session_figures(s) for s in states)
    findings: list[str] = []
    if len(figures) > 1:
        for agency in pack.agencies:
            with_it = [f for f in figures if agency.id in f.involved]
            if len(with_it) * 2 < len(figures):
                continue
            for f in figures:
                if agency.id not in f.involved:
                    who = agency_name(pack, agency.id, lang)
                    findings.append(t("aar.compare.never_brought_in", session=f.name, agency=who))
        best = max(figures, key=lambda f: f.coverage or 0.0)
        if best.coverage is not None:
            share = percent(best.coverage)
            findings.append(t("aar.compare.most_of_plan", session=best.name, share=share))
    return ClassroomComparison(localize(pack.metadata.title, lang), figures, tuple(findings))


def comparison_rows(comparison: ClassroomComparison) -> list[dict[str, object]]:
    """One row per session, for a table on screen or a CSV: counts as numbers, minutes and
    shares formatted as the after-action report prints them."""
    return [
        {
            "session": f.name,
            "injects released": f.released,
            "ad hoc injects": f.adhoc_released,
            "contacts": f.contacts,
            "coverage": percent(f.coverage),
            "emergent links": f.emergent_links,
            "median min. to acknowledge": minutes(f.median_minutes_to_ack),
            "median min. to first action": minutes(f.median_minutes_to_action),
            "unanswered": f.unanswered,
            "expected contacts": ratio(f.expected_made, f.expected_total),
            "messages sent/failed": ratio(f.messages_sent, f.failed_messages),
        }
        for f in comparison.sessions
    ]


def column_title(key: str, t: Translator) -> str:
    """A column of `comparison_rows` named in the reader's language."""
    return t(f"compare.column.{re.sub(r'[^a-z]+', '_', key).strip('_')}")


def comparison_lines(comparison: ClassroomComparison, lang: str = "en") -> list[str]:
    t = translator(lang)
    rows = comparison_rows(comparison)
    keys = list(rows[0]) if rows else []
    table = [[column_title(k, t) for k in keys]]
    table += [["–" if row[k] is None else str(row[k]) for k in keys] for row in rows]
    widths = [max(_width(r[i]) for r in table) for i in range(len(keys))]
    lines = [comparison.pack_title, ""]
    lines += ["  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(r, widths, strict=True)).rstrip()
              for r in table]
    if comparison.findings:
        lines += ["", t("aar.compare.differences")]
        lines += [f"- {finding}" for finding in comparison.findings]
    return lines


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)

"""Classroom comparison: several sessions of one pack (one per table of students) side by side,
with plain-language differences such as "Table B never brought in the Red Cross"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from exercise.conduct.state import ExerciseState
from exercise.report.annex import plan_comparison
from exercise.report.build import agency_name
from exercise.scenario.text import localize


@dataclass(frozen=True)
class SessionFigures:
    name: str
    released: int
    contacts: int
    coverage: float
    emergent_links: int
    median_minutes_to_ack: float | None
    unanswered: int
    expected_made: int
    expected_total: int
    failed_messages: int
    involved: frozenset[str]  # agencies that sent or received at least one contact


@dataclass(frozen=True)
class ClassroomComparison:
    pack_title: str
    sessions: tuple[SessionFigures, ...]
    findings: tuple[str, ...]


def session_figures(state: ExerciseState) -> SessionFigures:
    comparison = plan_comparison(state)
    items = [item for agency in state.inbox for item in state.inbox_of(agency)]
    to_ack = [i.acknowledged_minute - i.scenario_minute for i in items if i.acknowledged]
    expected = [entry for entry in comparison.expected if entry.inject in state.releases]
    return SessionFigures(
        name=state.name or state.session_id,
        released=len(state.releases),
        contacts=len(state.contacts),
        coverage=comparison.coverage,
        emergent_links=len(comparison.emergent),
        median_minutes_to_ack=median(to_ack) if to_ack else None,
        unanswered=sum(1 for i in items if not i.acknowledged),
        expected_made=sum(len(e.made) for e in expected),
        expected_total=sum(len(e.expected) for e in expected),
        failed_messages=sum(1 for m in state.messages.values() if m.status == "failed"),
        involved=frozenset(a for c in state.contacts for a in (c.sender, c.receiver)),
    )


def compare_sessions(states: Sequence[ExerciseState], lang: str = "en") -> ClassroomComparison:
    if not states:
        raise ValueError("give at least one session")
    packs = {s.pack.metadata.id for s in states}
    if len(packs) > 1:
        raise ValueError(f"these sessions play different packs ({', '.join(sorted(packs))}); "
                         "compare sessions of one pack")
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
                    findings.append(f"{f.name} never brought in {who}" if lang == "en"
                                    else f"{f.name} 從未聯繫 {who}")
        best = max(figures, key=lambda f: f.coverage)
        findings.append(f"{best.name} used the most of the contact plan ({best.coverage:.0%})"
                        if lang == "en" else f"{best.name} 使用聯繫計畫最多（{best.coverage:.0%}）")
    return ClassroomComparison(localize(pack.metadata.title, lang), figures, tuple(findings))


def comparison_rows(comparison: ClassroomComparison) -> list[dict[str, object]]:
    """One row per session, for a table on screen or a CSV."""
    return [
        {
            "session": f.name,
            "injects released": f.released,
            "contacts": f.contacts,
            "coverage": round(f.coverage, 3),
            "emergent links": f.emergent_links,
            "median min. to acknowledge": f.median_minutes_to_ack,
            "unacknowledged": f.unanswered,
            "expected contacts": f"{f.expected_made}/{f.expected_total}",
            "failed messages": f.failed_messages,
        }
        for f in comparison.sessions
    ]


def comparison_lines(comparison: ClassroomComparison, lang: str = "en") -> list[str]:
    rows = comparison_rows(comparison)
    headers = list(rows[0]) if rows else []
    table = [headers] + [["–" if row[h] is None else str(row[h]) for h in headers] for row in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(headers))]
    lines = [comparison.pack_title, ""]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in table]
    if comparison.findings:
        lines += ["", "Differences:" if lang == "en" else "差異："]
        lines += [f"- {finding}" for finding in comparison.findings]
    return lines

"""The report as a sequence of layout blocks, so every format lays out the same content."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from exercise.network.tiers import RANK
from exercise.report.labels import label
from exercise.report.model import RATINGS, AfterActionReport, LinkLine, TimelineEntry
from exercise.report.numbers import minutes, percent

TIMELINE_LIMIT = 400


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    key: str = ""


@dataclass(frozen=True)
class Image:
    png: bytes
    caption: str


Block = Heading | Paragraph | Bullets | Table | Image


def outline(report: AfterActionReport) -> list[Block]:
    lang = report.lang
    return [
        Heading(1, f"{report.overview.name}: {label('report_title', lang)}"),
        *_overview(report),
        *_analysis(report),
        *_responses(report),
        *_timeline(report),
        *_hot_wash_and_feedback(report),
        *_improvement_plan(report),
        *_participants(report),
        *_communications(report),
    ]


def _overview(report: AfterActionReport) -> list[Block]:
    lang, o = report.lang, report.overview
    rows = [
        (label("name", lang), o.name),
        (label("dates", lang), o.dates),
        (label("scope", lang), o.scope),
        (label("hazards", lang), ", ".join(o.hazards)),
        (label("scenario", lang), o.scenario),
        (label("core_capabilities", lang), "; ".join(o.core_capabilities)),
        (label("participating", lang), "; ".join(o.agencies)),
        (label("simulated", lang), "; ".join(o.simulated)),
        (label("facilitator", lang), o.facilitator),
        (label("evaluators", lang), "; ".join(o.evaluators)),
    ]
    blocks: list[Block] = [
        Heading(2, label("overview", lang)),
        Table(("", ""), tuple((k, v) for k, v in rows if v), key="overview"),
        Heading(3, label("objectives", lang)),
        Bullets(tuple(
            f"{obj.id}: {obj.title} ({'; '.join(obj.core_capabilities)})" for obj in o.objectives
        )),
    ]
    if o.sources:
        blocks += [Heading(3, label("sources", lang)), Bullets(o.sources)]
    return blocks


def _analysis(report: AfterActionReport) -> list[Block]:
    lang = report.lang
    headers = (label("objective", lang), label("core_capability", lang), *RATINGS)
    rows = tuple(
        (row.objective, row.core_capability, *("X" if row.rating == r else "" for r in RATINGS))
        for row in report.capability_analysis
    )
    blocks: list[Block] = [
        Heading(2, label("analysis", lang)),
        Table(headers, rows, key="capability_analysis"),
        Paragraph(label("ratings_key", lang)),
    ]
    for row in report.capability_analysis:
        blocks.append(Heading(3, f"{row.objective} — {row.core_capability}"))
        rating = row.rating or label("not_rated", lang)
        blocks.append(Paragraph(f"{label('rationale', lang)}: {rating}"
                                + (f". {' '.join(row.rationale)}" if row.rationale else "")))
        blocks.append(Paragraph(label("strengths", lang)))
        blocks.append(Bullets(row.strengths or (label("no_items", lang),)))
        blocks.append(Paragraph(label("areas_for_improvement", lang)))
        blocks.append(Bullets(row.areas_for_improvement or (label("no_items", lang),)))
    return blocks


def _responses(report: AfterActionReport) -> list[Block]:
    lang = report.lang
    headers = tuple(label(k, lang) for k in (
        "agency", "received", "acknowledged", "to_ack", "to_action", "unanswered",
        "expected_contacts", "messages"))
    shown = list(report.responses)
    if report.responses_total is not None and len(report.responses) > 1:
        shown.append(replace(report.responses_total, agency=label("all_played", lang)))
    rows = tuple(
        (
            r.agency, str(r.injects_received), str(r.acknowledged), _number(r.median_minutes_to_ack),
            _number(r.median_minutes_to_action), str(r.unanswered),
            f"{r.expected_contacts_made}/{r.expected_contacts_total}",
            f"{r.messages_sent}/{r.messages_failed}",
        )
        for r in shown
    )
    blocks: list[Block] = [Heading(2, label("responses", lang)),
                           Table(headers, rows, key="responses")]
    if report.simulated:
        blocks.append(Paragraph(label("simulated_note", lang,
                                      agencies="; ".join(report.simulated))))
    return blocks


def _timeline(report: AfterActionReport) -> list[Block]:
    lang = report.lang
    headers = (label("time", lang), label("event", lang), label("actor", lang), label("detail", lang))
    entries = shown_timeline(report.timeline)
    blocks: list[Block] = [
        Heading(2, label("timeline", lang)),
        Table(headers, tuple((e.time, e.kind, e.actor, e.text) for e in entries), key="timeline"),
    ]
    if len(entries) < len(report.timeline):
        blocks.append(Paragraph(label("timeline_cut", lang, shown=len(entries),
                                      total=len(report.timeline))))
    return blocks


def shown_timeline(timeline: tuple[TimelineEntry, ...]) -> list[TimelineEntry]:
    """A printed report keeps at most TIMELINE_LIMIT rows: releases, decisions and failures
    first, then the rest in order; the events CSV keeps everything."""
    if len(timeline) <= TIMELINE_LIMIT:
        return list(timeline)
    ranked = sorted(range(len(timeline)), key=lambda i: (timeline[i].priority, i))
    return [timeline[i] for i in sorted(ranked[:TIMELINE_LIMIT])]


def _hot_wash_and_feedback(report: AfterActionReport) -> list[Block]:
    lang, fb = report.lang, report.feedback
    blocks: list[Block] = [
        Heading(2, label("hot_wash", lang)),
        Bullets(report.hot_wash or (label("no_items", lang),)),
        Heading(2, label("feedback", lang)),
        Paragraph(label("responses_count", lang, n=fb.responses)),
    ]
    if fb.averages:
        blocks.append(Table((label("question", lang), label("average", lang)),
                            tuple((q, f"{avg:.1f}") for q, avg in fb.averages), key="feedback"))
    if fb.comments:
        blocks.append(Table((label("question", lang), label("comment", lang)), fb.comments,
                            key="feedback_comments"))
    return blocks


def _improvement_plan(report: AfterActionReport) -> list[Block]:
    lang = report.lang
    headers = tuple(label(k, lang) for k in (
        "core_capability", "issue", "corrective_action", "capability_element",
        "primary_organization", "poc", "start_date", "completion_date"))
    rows = tuple(
        (i.core_capability, i.issue, i.corrective_action, i.capability_element,
         i.primary_organization, i.poc, i.start_date, i.completion_date)
        for i in report.improvement_plan
    )
    return [Heading(2, label("improvement_plan", lang)), Table(headers, rows, key="improvement_plan")]


def _participants(report: AfterActionReport) -> list[Block]:
    lang = report.lang
    headers = tuple(label(k, lang) for k in ("agency", "table", "level", "sector"))
    rows = tuple((p.agency, p.table, p.level, p.sector) for p in report.participants)
    blocks: list[Block] = [Heading(2, label("participants", lang)),
                           Table(headers, rows, key="participants")]
    tiers = Counter(p.level for p in report.participants)
    if tiers:
        counts = ", ".join(f"{level} {tiers[level]}" for level in sorted(tiers, key=lambda v: (RANK.get(v, 99), v)))
        blocks.append(Paragraph(f"{label('by_tier', lang)}: {counts}"))
    if report.simulated:
        blocks += [Heading(3, label("simulated", lang)), Bullets(report.simulated)]
    return blocks


def _communications(report: AfterActionReport) -> list[Block]:
    lang, c = report.lang, report.communications
    share = percent(c.coverage)
    blocks: list[Block] = [
        Heading(2, label("communications", lang)),
        Paragraph(label("coverage", lang) + ": "
                  + label("coverage_text", lang, used=c.used_planned_links,
                          planned=c.planned_links, share=share)),
    ]
    if c.planned_graph_png:
        blocks.append(Image(c.planned_graph_png, label("planned_graph", lang)))
    if c.observed_graph_png:
        blocks.append(Image(c.observed_graph_png, label("observed_graph", lang)))
    for key, lines in (
        ("unused_links", c.unused_links),
        ("emergent_links", c.emergent_links),
        ("coordinators", c.coordinators),
        ("unreachable", c.unreachable_periods),
        ("slices", c.module_slices),
    ):
        blocks.append(Heading(3, label(key, lang)))
        blocks.append(Bullets(tuple(_link_text(line) for line in lines) or (label("no_items", lang),)))
    return blocks


def _link_text(line: LinkLine) -> str:
    pair = f"{line.a} – {line.b}" if line.b else line.a
    return f"{pair}: {line.detail}" if line.detail else pair


def _number(value: float | None) -> str:
    return minutes(value)

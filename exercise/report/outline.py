"""The report as a sequence of layout blocks, so every format lays out the same content."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from exercise.i18n import Translator, translator
from exercise.network.tiers import RANK
from exercise.report import words
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
    t = translator(report.lang)
    return [
        Heading(1, t("aar.title_line", name=report.overview.name, title=t("aar.report_title"))),
        *_overview(report, t),
        *_analysis(report, t),
        *_responses(report, t),
        *_timeline(report, t),
        *_hot_wash_and_feedback(report, t),
        *_improvement_plan(report, t),
        *_participants(report, t),
        *_communications(report, t),
    ]


def _overview(report: AfterActionReport, t: Translator) -> list[Block]:
    o = report.overview
    rows = [
        (t("aar.name"), o.name),
        (t("aar.dates"), o.dates),
        (t("aar.scope"), o.scope),
        (t("aar.hazards"), words.listing(t, o.hazards)),
        (t("aar.scenario"), o.scenario),
        (t("aar.core_capabilities"), words.semicolons(t, o.core_capabilities)),
        (t("aar.participating"), words.semicolons(t, o.agencies)),
        (t("aar.simulated"), words.semicolons(t, o.simulated)),
        (t("aar.facilitator"), o.facilitator),
        (t("aar.evaluators"), words.semicolons(t, o.evaluators)),
    ]
    blocks: list[Block] = [
        Heading(2, t("aar.overview")),
        Table(("", ""), tuple((k, v) for k, v in rows if v), key="overview"),
        Heading(3, t("aar.objectives")),
        Bullets(tuple(
            t("aar.objective_line", id=obj.id, title=obj.title,
              capabilities=words.semicolons(t, obj.core_capabilities))
            for obj in o.objectives
        )),
    ]
    if o.sources:
        blocks += [Heading(3, t("aar.sources")), Bullets(o.sources)]
    return blocks


def _analysis(report: AfterActionReport, t: Translator) -> list[Block]:
    headers = (t("aar.objective"), t("aar.core_capability"), *RATINGS)
    rows = tuple(
        (row.objective, row.core_capability, *("X" if row.rating == r else "" for r in RATINGS))
        for row in report.capability_analysis
    )
    blocks: list[Block] = [
        Heading(2, t("aar.analysis")),
        Table(headers, rows, key="capability_analysis"),
        Paragraph(t("aar.ratings_key")),
    ]
    none = t("aar.no_items")
    for row in report.capability_analysis:
        blocks.append(Heading(3, f"{row.objective} — {row.core_capability}"))
        rating = row.rating or t("aar.not_rated")
        blocks.append(Paragraph(t("aar.labelled", label=t("aar.rationale"), text=rating)
                                + (f". {' '.join(row.rationale)}" if row.rationale else "")))
        blocks.append(Paragraph(t("aar.strengths")))
        blocks.append(Bullets(row.strengths or (none,)))
        blocks.append(Paragraph(t("aar.areas_for_improvement")))
        blocks.append(Bullets(row.areas_for_improvement or (none,)))
    return blocks


def _responses(report: AfterActionReport, t: Translator) -> list[Block]:
    headers = (t("aar.agency"), t("aar.received"), t("aar.acknowledged"), t("aar.to_ack"),
               t("aar.to_action"), t("aar.unanswered"), t("aar.expected_contacts"),
               t("aar.messages"))
    shown = list(report.responses)
    if report.responses_total is not None and len(report.responses) > 1:
        shown.append(replace(report.responses_total, agency=t("aar.all_played")))
    rows = tuple(
        (
            r.agency, str(r.injects_received), str(r.acknowledged), _number(r.median_minutes_to_ack),
            _number(r.median_minutes_to_action), str(r.unanswered),
            f"{r.expected_contacts_made}/{r.expected_contacts_total}",
            f"{r.messages_sent}/{r.messages_failed}",
        )
        for r in shown
    )
    blocks: list[Block] = [Heading(2, t("aar.responses")),
                           Table(headers, rows, key="responses")]
    if report.simulated:
        blocks.append(Paragraph(t("aar.simulated_note", agencies=words.semicolons(t, report.simulated))))
    return blocks


def _timeline(report: AfterActionReport, t: Translator) -> list[Block]:
    headers = (t("aar.time"), t("aar.event"), t("aar.actor"), t("aar.detail"))
    entries = shown_timeline(report.timeline)
    blocks: list[Block] = [
        Heading(2, t("aar.timeline")),
        Table(headers, tuple((e.time, e.kind, e.actor, e.text) for e in entries), key="timeline"),
    ]
    if len(entries) < len(report.timeline):
        blocks.append(Paragraph(t("aar.timeline_cut", shown=len(entries),
                                  total=len(report.timeline))))
    return blocks


def shown_timeline(timeline: tuple[TimelineEntry, ...]) -> list[TimelineEntry]:
    """A printed report keeps at most TIMELINE_LIMIT rows: releases, decisions and failures
    first, then the rest in order; the events CSV keeps everything."""
    if len(timeline) <= TIMELINE_LIMIT:
        return list(timeline)
    ranked = sorted(range(len(timeline)), key=lambda i: (timeline[i].priority, i))
    return [timeline[i] for i in sorted(ranked[:TIMELINE_LIMIT])]


def _hot_wash_and_feedback(report: AfterActionReport, t: Translator) -> list[Block]:
    fb = report.feedback
    blocks: list[Block] = [
        Heading(2, t("aar.hot_wash")),
        Bullets(report.hot_wash or (t("aar.no_items"),)),
        Heading(2, t("aar.feedback")),
        Paragraph(t("aar.responses_count", n=fb.responses)),
    ]
    if fb.averages:
        blocks.append(Table((t("aar.question"), t("aar.average")),
                            tuple((q, f"{avg:.1f}") for q, avg in fb.averages), key="feedback"))
    if fb.comments:
        blocks.append(Table((t("aar.question"), t("aar.comment")), fb.comments,
                            key="feedback_comments"))
    return blocks


def _improvement_plan(report: AfterActionReport, t: Translator) -> list[Block]:
    headers = (t("aar.core_capability"), t("aar.issue"), t("aar.corrective_action"),
               t("aar.capability_element"), t("aar.primary_organization"), t("aar.poc"),
               t("aar.start_date"), t("aar.completion_date"))
    rows = tuple(
        (i.core_capability, i.issue, i.corrective_action, i.capability_element,
         i.primary_organization, i.poc, i.start_date, i.completion_date)
        for i in report.improvement_plan
    )
    return [Heading(2, t("aar.improvement_plan")), Table(headers, rows, key="improvement_plan")]


def _participants(report: AfterActionReport, t: Translator) -> list[Block]:
    headers = (t("aar.agency"), t("aar.table"), t("aar.level"), t("aar.sector"))
    rows = tuple((p.agency, p.table, words.level(t, p.level), p.sector)
                 for p in report.participants)
    blocks: list[Block] = [Heading(2, t("aar.participants")),
                           Table(headers, rows, key="participants")]
    tiers = Counter(p.level for p in report.participants)
    if tiers:
        counts = words.listing(t, [
            t("aar.tier_count", level=words.level(t, level), count=tiers[level])
            for level in sorted(tiers, key=lambda v: (RANK.get(v, 99), v))])
        blocks.append(Paragraph(t("aar.labelled", label=t("aar.by_tier"), text=counts)))
    if report.simulated:
        blocks += [Heading(3, t("aar.simulated")), Bullets(report.simulated)]
    return blocks


def _communications(report: AfterActionReport, t: Translator) -> list[Block]:
    c = report.communications
    share = percent(c.coverage)
    blocks: list[Block] = [
        Heading(2, t("aar.communications")),
        Paragraph(t("aar.labelled", label=t("aar.coverage"),
                    text=t("aar.coverage_text", used=c.used_planned_links,
                           planned=c.planned_links, share=share))),
    ]
    if c.planned_graph_png:
        blocks.append(Image(c.planned_graph_png, t("aar.planned_graph")))
    if c.observed_graph_png:
        blocks.append(Image(c.observed_graph_png, t("aar.observed_graph")))
    for heading, lines in (
        (t("aar.unused_links"), c.unused_links),
        (t("aar.emergent_links"), c.emergent_links),
        (t("aar.coordinators"), c.coordinators),
        (t("aar.unreachable"), c.unreachable_periods),
        (t("aar.slices"), c.module_slices),
    ):
        blocks.append(Heading(3, heading))
        blocks.append(Bullets(tuple(_link_text(line, t) for line in lines) or (t("aar.no_items"),)))
    return blocks


def _link_text(line: LinkLine, t: Translator) -> str:
    pair = f"{line.a} – {line.b}" if line.b else line.a
    return t("aar.labelled", label=pair, text=line.detail) if line.detail else pair


def _number(value: float | None) -> str:
    return minutes(value)

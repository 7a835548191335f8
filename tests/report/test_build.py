"""The report's numbers come from what happened in the scripted session (tests/report/conftest)."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from docx import Document

from exercise.report.build import build_report
from exercise.report.export import FORMATS, render
from tests.report.test_exporters import _cjk_font_or_skip, pdf_text


def _by_agency(report):
    return {row.agency: row for row in report.responses}


def test_response_metrics_are_measured_from_the_log(played):
    rows = _by_agency(build_report(played.source.state, graphs=False))
    county, township = rows["County EOC"], rows["Township EOC"]
    assert county.median_minutes_to_ack == 4.0  # released T+00:10, acknowledged T+00:14
    assert county.median_minutes_to_action == 5.0  # phoned the township at T+00:15
    assert township.median_minutes_to_ack == 10.0  # deciding counts as acknowledging
    assert (township.messages_sent, township.messages_failed) == (2, 1)
    assert township.unanswered == 3  # I-04, I-05 and I-07 never answered
    assert (county.expected_contacts_made, township.expected_contacts_made) == (1, 1)


def test_coverage_unused_and_emergent_links(played):
    annex = build_report(played.source.state, graphs=False).communications
    assert (annex.used_planned_links, annex.planned_links) == (2, 9)
    assert annex.coverage == pytest.approx(2 / 9)
    unused = {(line.a, line.b) for line in annex.unused_links}
    assert ("County EOC", "Red Cross county chapter") in unused
    assert ("County EOC", "Township EOC") not in unused
    assert annex.emergent_links == ()


def test_unreachable_period_says_when_and_why_in_the_report_language(played):
    en = build_report(played.source.state, "en", graphs=False).communications
    zh = build_report(played.source.state, "zh-TW", graphs=False).communications
    (period,) = en.unreachable_periods
    assert period.a == "Upper Village chief"
    assert period.detail.startswith("Day 4 09:00 (T+75:00)–until the end")
    assert "radio repeater down in Upper valley since Day 4 09:00 (T+75:00)" in period.detail
    assert "鄉無線電中繼臺自第 4 天 09:00（T+75:00）起中斷" in zh.unreachable_periods[0].detail


def test_ratings_observations_and_suggested_improvement_plan(played):
    report = build_report(played.source.state, graphs=False)
    rows = {(row.objective.split(":")[0], row.core_capability): row
            for row in report.capability_analysis}
    warning = rows[("OBJ-1", "Public Information and Warning")]
    assert warning.rating == "S" and warning.rationale == ("Order given, shelter report missing",)
    assert "Township EOC: Shelter figures never reported" in warning.areas_for_improvement
    assert rows[("OBJ-2", "Operational Communications")].strengths == (
        "Township EOC: Radio fallback within minutes",)
    assert rows[("OBJ-2", "Operational Communications")].rating is None
    issues = {item.issue: item for item in report.improvement_plan}
    assert issues["Shelter figures never reported"].core_capability == "Public Information and Warning"
    comms = next(i for i in report.improvement_plan if i.core_capability == "Operational Communications")
    assert comms.primary_organization == "Township EOC; Upper Village chief"
    assert "Mobile network down in Upper valley" in comms.issue


def test_feedback_is_summarised(played):
    feedback = build_report(played.source.state, graphs=False).feedback
    assert feedback.responses == 2
    assert dict(feedback.averages)["The exercise was well structured and organized."] == 3.0
    assert ("Strengths", "Upper Village chief: Realistic radio drill") in feedback.comments


def test_timeline_is_in_scenario_order_with_sender_names(played):
    timeline = build_report(played.source.state, "zh-TW", graphs=False).timeline
    assert timeline[0].time == "第 1 天 06:10（T+00:10）" and timeline[0].actor == "中央氣象署（模擬）"
    times = [entry.time for entry in timeline]
    assert times == sorted(times)
    failed = [e for e in timeline if e.kind == "訊息失敗"]
    assert len(failed) == 1 and "［手機］" in failed[0].text  # the channel by its name


def test_docx_improvement_plan_has_the_suggested_rows(played):
    document = Document(io.BytesIO(render(played.source, "docx").data))
    plan = next(t for t in document.tables
                if [c.text for c in t.rows[0].cells][2:3] == ["Corrective Action"])
    assert [row.cells[1].text for row in plan.rows[1:]][0] == "Shelter figures never reported"


def test_pdf_in_chinese_has_the_chinese_sections(played):
    _cjk_font_or_skip()
    text = pdf_text(render(played.source, "pdf", "zh-TW").data)
    for phrase in ("演練檢討報告", "核心能力分析", "改進計畫", "上村村長"):
        assert phrase in text


def test_html_report_embeds_both_graphs_and_requests_nothing(played):
    html = render(played.source, "html").data.decode("utf-8")
    assert html.count('src="data:image/png;base64,') == 2
    assert 'src="http' not in html and "src='http" not in html


def test_raw_data_files(played):
    events = render(played.source, "jsonl").data.decode("utf-8").splitlines()
    assert json.loads(events[0])["format"] == "exercise-session"
    assert len(events) == len(played.source.events) + 1
    rows = list(csv.DictReader(io.StringIO(render(played.source, "contacts").data.decode("utf-8-sig"))))
    assert [(r["sender"], r["receiver"], r["channel"], r["planned"]) for r in rows] == [
        ("county-eoc", "township-eoc", "phone", "yes"),
        ("township-eoc", "upper-village", "radio", "yes"),
    ]
    table = list(csv.reader(io.StringIO(render(played.source, "csv").data.decode("utf-8-sig"))))
    assert table[0][:5] == ["seq", "wall_time", "scenario_time", "scenario_minute", "kind"]
    assert len(table) == len(played.source.events) + 1
    graph = nx.read_graphml(io.BytesIO(render(played.source, "graphml").data))
    assert graph.has_edge("county-eoc", "township-eoc")


def test_every_format_has_a_filename_and_type(played):
    for fmt in FORMATS:
        rendered = render(played.source, fmt, "en")
        assert rendered.data and rendered.filename.endswith(
            {"md": ".md", "html": ".html", "pdf": ".pdf", "docx": ".docx", "jsonl": ".jsonl",
             "csv": ".csv", "contacts": ".csv", "graphml": ".graphml"}[fmt])
    with pytest.raises(ValueError, match="unknown format"):
        render(played.source, "exe")


def test_spreadsheet_cells_from_players_cannot_become_formulas(played):
    from exercise.report.export import _safe_cell

    assert _safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _safe_cell("plain") == "plain"


def test_overview_names_the_evaluators_and_the_dates_of_play(played):
    from exercise.report.export import report_for

    overview = report_for(played.source, "en", graphs=False).overview
    assert overview.evaluators == ("Evaluator 1",)
    assert overview.dates == "2026-08-14"

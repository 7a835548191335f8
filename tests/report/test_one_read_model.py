"""One read model of what each agency did (issue #15, item 2; issue #16, items 10 and 12): the
after-action report, `exercise compare`, the console's alerts and the instructor's cards give
the same figures, and only the agencies a table played are measured."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exercise.cli import main
from exercise.conduct import play
from exercise.conduct.activity import response_metrics, unanswered
from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.reading import session_state
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import TableSpec, create_session
from exercise.conduct.transfer import export_lines
from exercise.report.build import build_report
from exercise.report.compare import compare_sessions, comparison_rows
from exercise.report.to_markdown import render_markdown
from exercise.ui.views.facilitator.model import unacknowledged
from tests.conduct.conftest import EXAMPLE, T0, wall
from tests.integration.scripted import SESSION_ID, play_exercise


@pytest.fixture(scope="module")
def drill_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = MemoryEventStore(clock=lambda: T0)
    play_exercise(store)
    path = tmp_path_factory.mktemp("drill") / "drill.jsonl"
    path.write_text("\n".join(export_lines(store, SESSION_ID)) + "\n", encoding="utf-8")
    return path


def _compare_figures(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    assert main(["compare", str(path)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    header = next(i for i, line in enumerate(lines) if line.startswith("session"))
    names = re.split(r"\s{2,}", lines[header].strip())
    values = re.split(r"\s{2,}", lines[header + 1].strip())
    assert len(names) == len(values), lines
    return dict(zip(names, values, strict=True))


def _report_figures(path: Path, tmp_path: Path, fmt: str) -> str:
    target = tmp_path / f"report.{fmt}"
    assert main(["report", str(path), "--format", fmt, "-o", str(target)]) == 0
    return target.read_text(encoding="utf-8-sig")


def test_the_report_and_compare_agree_on_every_figure_of_the_scripted_exercise(
        drill_export, tmp_path, capsys):
    compared = _compare_figures(drill_export, capsys)
    report = _report_figures(drill_export, tmp_path, "md")
    contacts = _report_figures(drill_export, tmp_path, "contacts")
    capsys.readouterr()
    header = next(line for line in report.splitlines() if line.startswith("| Agency | Injects"))
    total = next(line for line in report.splitlines() if line.startswith("| All tables |"))
    columns = [c.strip() for c in header.strip("|").split("|")]
    row = dict(zip(columns, (c.strip() for c in total.strip("|").split("|")), strict=True))
    assert row["Median min. to acknowledge"] == compared["median min. to acknowledge"]
    assert row["Median min. to first action"] == compared["median min. to first action"]
    assert row["Unanswered"] == compared["unanswered"]
    assert row["Expected contacts made"] == compared["expected contacts"]
    assert row["Messages sent / failed"] == compared["messages sent/failed"]
    coverage = re.search(r"Coverage of the contact plan: .*\((\d+%)\)", report)
    assert coverage and coverage.group(1) == compared["coverage"]
    releases = sum(1 for line in report.splitlines() if "| inject released |" in line)
    assert releases == int(compared["injects released"]) + int(compared["ad hoc injects"])
    emergent = report.split("### Emergent (unplanned) links", 1)[1].split("###", 1)[0]
    shown = [line for line in emergent.splitlines() if line.startswith("- ")]
    assert (0 if shown == ["- None recorded."] else len(shown)) == int(compared["emergent links"])
    assert len(contacts.strip().splitlines()) - 1 == int(compared["contacts"])
    # the figures are real: the drill leaves injects unanswered and one message failed
    assert int(compared["unanswered"]) > 0 and compared["messages sent/failed"].endswith("/1")


def test_comparison_numbers_are_formatted_like_the_report(drill_export, capsys):
    figures = _compare_figures(drill_export, capsys)
    assert re.fullmatch(r"\d+%", figures["coverage"])
    for key in ("median min. to acknowledge", "median min. to first action"):
        assert re.fullmatch(r"\d+(\.\d)?|–", figures[key]), figures[key]


TWO_TABLES = [TableSpec("County", ("county-eoc",)), TableSpec("Township", ("township-eoc",))]


@pytest.fixture(scope="module")
def partly_played():
    """Two tables play the county and the township; the pack's other agencies are simulated."""
    store = MemoryEventStore(clock=lambda: T0)
    codes = create_session(store, EXAMPLE.read_text(encoding="utf-8"), tables=TWO_TABLES, now=T0)
    from exercise.conduct import facilitation

    facilitation.start_clock(store, codes.facilitator, speed=10, now=wall(0))
    tick(store, codes.session_id, wall(31))
    play.acknowledge(store, codes.tables["County"], "county-eoc", "I-01", now=wall(14))
    tick(store, codes.session_id, wall(400))
    return session_state(store, codes.session_id)


def test_the_report_measures_the_tables_that_played_and_names_the_simulated_agencies(
        partly_played):
    report = build_report(partly_played, "en", graphs=False)
    assert [r.agency for r in report.responses] == ["County EOC", "Township EOC"]
    assert [p.agency for p in report.participants] == [
        "Nanhe County Emergency Operations Centre", "Shanlin Township Emergency Operations Centre"]
    assert "Upper Village chief" in report.simulated and len(report.simulated) == 5
    assert report.overview.agencies == tuple(p.agency for p in report.participants)
    text = render_markdown(report)
    assert "Simulated agencies (voiced by the facilitator)" in text
    assert "| Upper Village chief |" not in text.split("## Appendix B", 1)[1].split("###", 1)[0]


def test_alerts_report_and_comparison_count_the_same_unanswered_injects(partly_played):
    metrics = response_metrics(partly_played)
    late = unacknowledged(partly_played, partly_played.scenario_minute, older_than=0)
    assert {u.agency for u in late} <= {"county-eoc", "township-eoc"}
    assert len(late) == len(unanswered(partly_played)) == metrics.total.unanswered > 0
    report = build_report(partly_played, "en", graphs=False)
    assert sum(r.unanswered for r in report.responses) == metrics.total.unanswered
    [figures] = comparison_rows(compare_sessions([partly_played]))
    assert figures["unanswered"] == metrics.total.unanswered

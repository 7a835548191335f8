"""Wiring of the debrief page (AppTest): the report on the page, a download for every format,
the report language chosen apart from the page's, and codes that may not open it."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.conduct import evaluation, facilitation, play
from exercise.report.export import FORMATS
from tests.ui.play_support import Played, new_session, open_page, texts


def _played(data_dir: Path) -> Played:
    played = new_session(data_dir)
    facilitation.release_now(played.store, played.codes.facilitator, "I-02")
    play.acknowledge(played.store, played.table("Township EOC"), "township-eoc", "I-02")
    evaluation.record_rating(played.store, played.evaluator, "OBJ-2",
                             "Operational Communications", "M", "Phones only, no radio")
    facilitation.end_session(played.store, played.codes.facilitator)
    return played


def _downloads(at: AppTest) -> dict[str, str]:
    return {b.proto.label: b.proto.url for b in at.get("download_button")}


def test_the_debrief_page_shows_the_report_and_offers_every_format(app: AppTest,
                                                                    data_dir: Path) -> None:
    played = _played(data_dir)
    open_page(app, "debrief", played.codes.debrief)
    assert not app.exception
    shown = texts(app)
    assert "After-Action Report / Improvement Plan" in shown
    assert "Analysis of Core Capabilities" in shown
    frames = "\n".join(df.value.to_string() for df in app.dataframe)
    assert "Phones only, no radio" in frames + shown
    downloads = _downloads(app)
    assert len(downloads) == len(FORMATS) == 8
    assert {"Word report (.docx)", "PDF report", "HTML report", "Markdown report",
            "Event log (JSON lines)", "Event log (CSV)", "Observed contacts (CSV)",
            "Observed contact graph (GraphML)"} == set(downloads)
    assert "The exercise is still running" not in shown


def test_the_report_language_is_chosen_apart_from_the_page_language(app: AppTest,
                                                                     data_dir: Path) -> None:
    played = _played(data_dir)
    open_page(app, "debrief", played.codes.debrief, lang="zh-TW")
    assert app.title[0].value == "演練後檢討報告"
    assert "核心能力分析" in texts(app) or "核心能力" in texts(app)
    app.segmented_control(key="debrief.lang").set_value("en").run()
    assert app.title[0].value == "演練後檢討報告"  # the page stays in Chinese
    assert "Analysis of Core Capabilities" in texts(app)  # the report is in English
    assert "PDF 報告" in _downloads(app)


def test_the_exports_behind_the_buttons_are_the_reports_in_the_chosen_language(
    data_dir: Path
) -> None:
    from exercise.ui.views.debrief import rendered

    played = _played(data_dir)
    made = {fmt: rendered(played.codes.session_id, 0, fmt, "zh-TW", played.store)
            for fmt in ("md", "html", "jsonl")}
    assert made["md"].filename.endswith("after-action-report-zh-TW.md")
    assert "演練" in made["md"].data.decode("utf-8")
    assert made["html"].data.lstrip().lower().startswith(b"<!doctype html")
    assert b"rating_recorded" in made["jsonl"].data


def test_a_running_exercise_is_reported_so_far(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    open_page(app, "debrief", played.codes.debrief)
    assert "The exercise is still running" in texts(app)


def test_a_desk_code_cannot_open_the_debrief(app: AppTest, data_dir: Path) -> None:
    played = _played(data_dir)
    open_page(app, "debrief", played.table("Township EOC"))
    assert "Your code is for the agency" in texts(app)
    assert not app.get("download_button") and not app.dataframe


def test_join_sends_each_code_to_its_page(data_dir: Path) -> None:
    from exercise.ui.views.join import PAGE_OF_ROLE, code_from

    played = new_session(data_dir)
    assert code_from(f"http://10.0.0.5:8501/desk?k={played.table('Fire Bureau')}&lang=zh-TW") == \
        played.table("Fire Bureau")
    assert code_from(f"  {played.codes.debrief} ") == played.codes.debrief
    assert PAGE_OF_ROLE["agency"] == "desk" and PAGE_OF_ROLE["debrief"] == "debrief"
    from tests.ui.conftest import APP

    at = open_page(AppTest.from_file(str(APP), default_timeout=60), "join", None)
    at.text_input(key="join.code").input("not-a-code")
    [button] = [b for b in at.button if b.label == "Join"]
    button.click().run()
    assert "not valid for this exercise session" in texts(at)


def test_every_download_renders_under_the_name_its_button_gives(data_dir: Path) -> None:
    """Word, PDF and HTML are made on click under a name the page works out beforehand: the
    name must be the one the export gives, and every export must be a real file."""
    from exercise.ui.views.debrief import rendered

    played = _played(data_dir)
    base = rendered(played.codes.session_id, 1, "md", "en", played.store).filename.rsplit(".", 1)[0]
    for fmt in FORMATS:
        made = rendered(played.codes.session_id, 1, fmt, "en", played.store)
        assert made.data, fmt
        if fmt in ("docx", "pdf", "html"):
            assert made.filename == f"{base}.{fmt}"
    assert rendered(played.codes.session_id, 1, "pdf", "en", played.store).data.startswith(b"%PDF")
    assert rendered(played.codes.session_id, 1, "docx", "en", played.store).data.startswith(b"PK")


def _broken_pdf(report: object) -> bytes:
    raise ValueError("The row with index 1 is too high and cannot be rendered on a single page")


def test_a_report_that_cannot_be_made_shows_why_instead_of_a_dead_button(
        app: AppTest, data_dir: Path, monkeypatch) -> None:
    from exercise.report import export

    monkeypatch.setitem(export._REPORTS, "pdf", ("tests.ui.test_debrief", "_broken_pdf", "x"))
    played = _played(data_dir)
    open_page(app, "debrief", played.codes.debrief)
    assert not app.exception
    downloads = _downloads(app)
    assert "PDF report" not in downloads and len(downloads) == len(FORMATS) - 1
    errors = " ".join(e.value for e in app.error)
    assert "PDF report cannot be downloaded" in errors
    assert "too high" in errors and "the other formats still work" in errors


def test_a_long_observation_still_gives_a_pdf_on_the_page(app: AppTest, data_dir: Path) -> None:
    played = new_session(data_dir)
    evaluation.record_observation(played.store, played.evaluator, "area_for_improvement",
                                  ("Shelter figures never reported. " * 125)[:4000],
                                  objective="OBJ-1")
    facilitation.end_session(played.store, played.codes.facilitator)
    open_page(app, "debrief", played.codes.debrief)
    assert not app.exception and not app.error
    assert "PDF report" in _downloads(app)
    from exercise.ui.views.debrief import rendered

    seq = played.store.events(played.codes.session_id)[-1].seq
    made = rendered(played.codes.session_id, seq, "pdf", "en", played.store)
    assert made.data.startswith(b"%PDF")  # the file behind the button, not only the button

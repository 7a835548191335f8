"""Classroom debrief on the instructor overview: two tables' sessions of one pack compared,
with the difference a teacher would point out in words."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from streamlit.testing.v1 import AppTest

from exercise.conduct import play
from exercise.conduct.scheduler import tick
from exercise.conduct.sessions import TableSpec
from tests.ui.play_support import new_session, open_page, texts

TABLES = [TableSpec("County", ("county-eoc", "red-cross", "telecom", "relief-zone", "fire-bureau")),
          TableSpec("Township", ("township-eoc", "upper-village"))]


def test_comparing_two_tables_names_the_agency_one_never_brought_in(app: AppTest, data_dir: Path) -> None:
    a = new_session(data_dir, tables=TABLES)
    b = new_session(data_dir, tables=TABLES)
    for played, with_red_cross in ((a, True), (b, False)):
        county = played.table("County")
        play.send_message(played.store, county, "county-eoc", "township-eoc", "phone", "Level 1")
        if with_red_cross:
            play.send_message(played.store, county, "county-eoc", "red-cross", "phone", "Shelters?")
    later = datetime.now(UTC) + timedelta(hours=1)  # past every message's latency
    for played in (a, b):
        tick(played.store, played.codes.session_id, now=later)
    open_page(app, "instructor", f"{a.codes.facilitator},{b.codes.facilitator}")
    assert not app.exception, app.exception
    app.toggle[0].set_value(True).run()
    assert not app.exception, app.exception
    rows = app.dataframe[0].value
    assert list(rows["contacts"]) == [2, 1]
    words = texts(app)
    assert "never brought in Red Cross county chapter" in words
    assert len(app.get("graphviz_chart")) == 2


def test_cards_and_table_give_the_same_figures_formatted_for_people(app: AppTest,
                                                                   data_dir: Path) -> None:
    from exercise.conduct import facilitation

    a = new_session(data_dir, tables=TABLES)
    b = new_session(data_dir, tables=TABLES)
    for played in (a, b):
        facilitation.release_now(played.store, played.codes.facilitator, "I-01")
        play.send_message(played.store, played.table("County"), "county-eoc", "township-eoc",
                          "phone", "Level 1")
    facilitation.adhoc_inject(a.store, a.codes.facilitator, title="Bridge closed",
                              message="The river bridge is closed", to=["township-eoc"])
    open_page(app, "instructor", f"{a.codes.facilitator},{b.codes.facilitator}")
    app.toggle[0].set_value(True).run()
    assert not app.exception, app.exception
    rows = app.dataframe[0].value
    assert list(rows["injects released"]) == [1, 1] and list(rows["ad hoc injects"]) == [1, 0]
    words = texts(app)
    from exercise.conduct.activity import response_metrics
    from exercise.conduct.reading import session_state

    metrics = response_metrics(session_state(a.store, a.codes.session_id))
    assert f"1 of {metrics.planned_injects} injects released (+1 ad hoc)" in words
    assert all(re.fullmatch(r"\d+%", value) for value in rows["coverage"])
    for value in rows["median min. to acknowledge"]:
        assert re.fullmatch(r"\d+(\.\d)?|–", value), value
    waiting = {m.agency: m.unanswered for m in metrics.agencies}
    township = waiting["township-eoc"] + waiting["upper-village"]
    assert township >= 1 and f"Township: {township} unanswered" in words


def test_every_comparison_column_has_a_title_in_both_languages() -> None:
    from exercise.i18n import Translator
    from exercise.report.compare import ClassroomComparison, SessionFigures, comparison_rows
    from exercise.ui.views.instructor import column_title

    figures = SessionFigures("A", 1, 0, 14, 2, 0.25, 0, 4.0, None, 1, 0, 1, 2, 2, 0, frozenset())
    [row] = comparison_rows(ClassroomComparison("Pack", (figures,), ()))
    assert row["coverage"] == "25%" and row["median min. to first action"] == "–"
    for lang in ("en", "zh-TW"):
        titles = [column_title(key, Translator(lang)) for key in row]
        assert not [title for title in titles if title.startswith("compare.")], titles
    assert column_title("coverage", Translator("zh-TW")) == "聯繫計畫使用率"

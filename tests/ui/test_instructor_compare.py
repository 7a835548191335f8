"""Classroom debrief on the instructor overview: two tables' sessions of one pack compared,
with the difference a teacher would point out in words."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
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
    later = datetime.now(timezone.utc) + timedelta(hours=1)  # past every message's latency
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

"""`exercise drill` plays the scripted exercise on the store it is given and says whether the
store gave everything back; a store it cannot open is a one-line message, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.cli import main
from exercise.store import SqlEventStore
from exercise.store.engine import SQLITE_FILE


def test_the_drill_on_the_embedded_store_reports_and_keeps_an_ended_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EXERCISE_DATABASE_URL", raising=False)
    assert main(["drill", "--data-dir", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("events of all 27 kinds, numbered without gaps")
    assert out[1].startswith("the mobile-phone call failed: Mobile network down in Upper valley")
    assert out[2] == "contingency I-09 released at T+07:00"
    with SqlEventStore(f"sqlite:///{tmp_path / 'data' / SQLITE_FILE}") as store:
        (record,) = store.sessions()
    assert record.closed and record.session_id in out[-1]


@pytest.mark.postgres
def test_the_drill_on_postgresql(postgres_url: str, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["drill", "--database", postgres_url, "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("ok: the drill is kept")


def test_a_database_that_cannot_be_opened_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["drill", "--database", "mysql://nobody@nowhere/x",
                 "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("exercise: ") and "is not supported" in err and len(err.splitlines()) == 1

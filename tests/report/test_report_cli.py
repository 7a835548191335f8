"""`exercise report` prints every format of a session whose observation fills the whole form, and
says why when a format cannot be made, without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.cli import main
from exercise.conduct.transfer import session_lines
from exercise.report import export
from exercise.report.export import FORMATS
from tests.report.test_exporters import _cjk_font_or_skip, pdf_text
from tests.report.test_long_text import END, LONG_MIXED, START, _session_with


@pytest.fixture(scope="module")
def long_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = _session_with(f"{START} {LONG_MIXED} {END}")
    path = tmp_path_factory.mktemp("export") / "session.jsonl"
    path.write_text("\n".join(session_lines(source.record, source.events)) + "\n", encoding="utf-8")
    return path


def test_the_pdf_of_a_4000_character_observation_is_written_whole(long_export, tmp_path, capsys):
    _cjk_font_or_skip()
    target = tmp_path / "report.pdf"
    assert main(["report", str(long_export), "--format", "pdf", "-o", str(target)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert pdf_text(target.read_bytes()).count(END) >= 2


def test_a_format_that_cannot_be_made_says_why_and_the_others_are_written(
        long_export, tmp_path, capsys, monkeypatch):
    def broken(report):
        raise ValueError("The row with index 1 is too high and cannot be rendered on a single page")

    monkeypatch.setitem(export._REPORTS, "pdf", ("tests.report.test_report_cli", "_broken", "x"))
    monkeypatch.setattr(f"{__name__}._broken", broken, raising=False)
    assert main(["report", str(long_export), "--format", "all", "-o", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "the PDF report could not be made" in err and "the other formats still work" in err
    assert "Traceback" not in err
    written = sorted(p.suffix for p in tmp_path.iterdir())
    assert len(written) == len(FORMATS) - 1 and ".pdf" not in written
    assert main(["report", str(long_export), "--format", "pdf", "-o", str(tmp_path / "r.pdf")]) != 0
    assert "the PDF report could not be made" in capsys.readouterr().err

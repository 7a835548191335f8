"""PDF typography (issue #16, item 11), read back from the PDF as a reader's tools see it:
left-aligned text (even word spacing), Latin words and dates never cut inside, real bullets."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import replace
from itertools import pairwise
from statistics import median

import pytest

from exercise.report.build import build_report
from exercise.report.outline import Bullets, Table, outline
from exercise.report.to_pdf import render_pdf
from tests.report.test_exporters import _cjk_font_or_skip, pdf_text

SENTENCE = ("The township radio operator relayed shelter counts to the county every thirty "
            "minutes after mobile sites failed overnight, and villages answered by satellite. ")
PARAGRAPH = SENTENCE * 12
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
_LATIN_WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.,:;()/+-]{2,24}$")


@pytest.fixture(scope="module")
def report(played):
    built = build_report(played.source.state, "en", graphs=False)
    return replace(built, hot_wash=(PARAGRAPH,) + built.hot_wash)


@pytest.fixture(scope="module")
def pdf(report) -> bytes:
    _cjk_font_or_skip()
    return render_pdf(report)


def test_latin_words_and_dates_in_tables_are_never_cut(report, pdf):
    expected = {word for block in outline(report) if isinstance(block, Table)
                for text in (*block.headers, *(c for row in block.rows for c in row))
                for word in text.split() if _LATIN_WORD.match(word)}
    assert {"Acknowledged", "Organization"} <= expected
    printed = set(pdf_text(pdf, layout=False).split())
    assert expected - printed == set(), "words cut across lines"


def test_dates_in_the_improvement_plan_are_whole(played):
    _cjk_font_or_skip()
    built = build_report(played.source.state, "en", graphs=False)
    plan = tuple(replace(item, start_date="2026-01-15", completion_date="2026-12-31",
                         poc="Acknowledged Coordinator") for item in built.improvement_plan)
    printed = pdf_text(render_pdf(replace(built, improvement_plan=plan)), layout=False).split()
    assert printed.count("2026-01-15") == len(plan) and printed.count("2026-12-31") == len(plan)


def test_paragraphs_are_left_aligned_with_even_word_spacing(pdf):
    lines: dict[tuple[int, float], list[tuple[float, float, str]]] = defaultdict(list)
    page = 0
    for line in _bbox(pdf).splitlines():
        if "<page " in line:
            page += 1
        found = _WORD.search(line)
        if found:
            x0, y0, x1, word = found.groups()
            lines[(page, round(float(y0)))].append((float(x0), float(x1), word))
    gaps = []
    for words in lines.values():
        if len(words) >= 6 and all(w in SENTENCE.split() for _, _, w in words):
            words.sort()
            gaps += [b[0] - a[1] for a, b in pairwise(words)]
    assert len(gaps) > 20, "the long paragraph was not found"
    assert max(gaps) < 1.3 * median(gaps), f"uneven word spacing (justified lines): {gaps}"


def test_bullets_are_real_bullets(report, pdf):
    items = sum(len(b.items) for b in outline(report) if isinstance(b, Bullets))
    text = pdf_text(pdf, layout=False)
    assert text.count("•") >= items
    assert not re.search(r"(?m)^- ", text)


def _bbox(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True,
                          check=True, timeout=60).stdout.decode("utf-8")

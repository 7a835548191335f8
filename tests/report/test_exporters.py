"""Each format shows the same report content, keeps user text as text, and stays offline."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pytest
from docx import Document

from exercise.report.fonts import FontMissing, pdf_font
from exercise.report.to_docx import render_docx
from exercise.report.to_html import render_html
from exercise.report.to_markdown import render_markdown
from exercise.report.to_pdf import render_pdf
from tests.report.sample import sample_report


def _cjk_font_or_skip() -> None:
    try:
        pdf_font(needs_cjk=True)
    except FontMissing as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(str(exc))


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_markdown_has_every_hseep_section_in_the_chosen_language(lang):
    text = render_markdown(sample_report(lang))
    headings = [line for line in text.splitlines() if line.startswith("#")]
    expected = {
        "en": ["Exercise Overview", "Analysis of Core Capabilities", "Improvement Plan",
               "Exercise Participants", "Communications Annex", "Participant Feedback"],
        "zh-TW": ["演練概述", "核心能力分析", "改進計畫", "參演人員", "通訊分析", "回饋摘要"],
    }[lang]
    for section in expected:
        assert any(section in h for h in headings), section
    assert "Buy two satellite phones" in text


def test_markdown_keeps_hostile_text_inert():
    text = render_markdown(sample_report())
    assert "<script>" not in text
    assert re.search(r"(?<!\\)\]\(javascript:", text) is None, "a live link survived"
    assert "&lt;script" in text
    # a pipe inside a cell must not split the table row
    row = next(line for line in text.splitlines() if "satellite" in line and line.startswith("|"))
    assert row.count("|") == 9


def test_html_is_self_contained_and_escapes_user_text():
    html = render_html(sample_report(png=_tiny_png()))
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html) is None
    assert "@import" not in html and "url(" not in html
    assert 'src="data:image/png;base64,' in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_docx_has_a_real_improvement_plan_table():
    document = Document(io.BytesIO(render_docx(sample_report())))
    tables = {tuple(c.text for c in t.rows[0].cells): t for t in document.tables}
    header = next(h for h in tables if "Corrective Action" in h)
    assert header == ("Core Capability", "Issue / Area for Improvement", "Corrective Action",
                      "Capability Element", "Primary Responsible Organization",
                      "Organization POC", "Start Date", "Completion Date")
    row = [c.text for c in tables[header].rows[1].cells]
    assert row[2] == "Buy two satellite phones" and row[3] == "Equipment"
    assert row[6:] == ["2026-12-01", "2027-03-31"]


def test_docx_in_chinese_has_chinese_headings():
    document = Document(io.BytesIO(render_docx(sample_report("zh-TW"))))
    texts = [p.text for p in document.paragraphs]
    assert any("核心能力分析" in t for t in texts)


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_pdf_text_contains_the_report_in_its_language(lang):
    _cjk_font_or_skip()
    text = pdf_text(render_pdf(sample_report(lang, png=_tiny_png())))
    assert "南河縣災害應變中心" in text  # a Chinese agency name, in either language
    if lang == "zh-TW":
        for phrase in ("演練概述", "改進計畫", "核心能力分析", "撤離上村"):
            assert phrase in text
    else:
        assert "Improvement Plan" in text and "Buy two satellite" in text


def pdf_text(pdf: bytes, layout: bool = True) -> str:
    """Text as a reader copies it out of the PDF (Poppler's pdftotext)."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext (poppler-utils) is missing")
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", *(["-layout"] if layout else []), "-", "-"], input=pdf, capture_output=True,
                          check=True, timeout=60)
    return done.stdout.decode("utf-8")


def _tiny_png() -> bytes:
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )

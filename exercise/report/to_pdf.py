"""PDF with the CJK font embedded, so Traditional Chinese prints correctly anywhere.

Text is left-aligned and wraps at spaces; a column is never narrower than its longest word, so
Latin words and dates are not cut ("Acknowledged", "2026-01-15"), while Chinese, which has no
spaces, may wrap between any two characters. Table rows taller than a page continue on the next
page under repeated headings, so a 4,000-character observation prints whole.
"""

from __future__ import annotations

import io
import re
from typing import cast

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from exercise.report.fonts import fallback_font, pdf_font
from exercise.report.model import AfterActionReport
from exercise.report.outline import Block, Bullets, Heading, Image, Paragraph, Table, outline
from exercise.report.pdf_table import draw_table

_NON_LATIN1 = re.compile(r"[^\x00-\xff]")
_SIZES = {1: 16, 2: 13, 3: 11}
FAMILY = "ReportFont"
FALLBACK = "ReportFallback"
BULLET_INDENT = 5.0  # mm


def render_pdf(report: AfterActionReport) -> bytes:
    blocks = outline(report)
    needs_wide = report.lang != "en" or any(_NON_LATIN1.search(t) for t in _texts(blocks))
    font = pdf_font(needs_wide)
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(blocks[0].text if blocks and isinstance(blocks[0], Heading) else "Report")
    pdf.set_lang(report.lang)
    if font is not None:
        pdf.add_font(FAMILY, "", str(font.path), collection_font_number=font.collection_index)
        family = FAMILY
        extra = fallback_font(font)
        if extra is not None:  # Hebrew, Arabic and symbols the CJK font lacks
            pdf.add_font(FALLBACK, "", str(extra.path), collection_font_number=extra.collection_index)
            pdf.set_fallback_fonts([FALLBACK])
    else:
        family = "Helvetica"
    pdf.add_page()
    bullet = "•" if font is not None else "·"  # the built-in Helvetica has no U+2022
    for block in blocks:
        _draw(pdf, block, family, bullet)
    return bytes(pdf.output())


def _texts(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, (Heading, Paragraph)):
            out.append(block.text)
        elif isinstance(block, Bullets):
            out.extend(block.items)
        elif isinstance(block, Table):
            out.extend(block.headers)
            out.extend(cell for row in block.rows for cell in row)
        elif isinstance(block, Image):
            out.append(block.caption)
    return out


def _draw(pdf: FPDF, block: Block, family: str, bullet: str) -> None:
    width = pdf.epw
    if isinstance(block, Heading):
        pdf.ln(2 if block.level > 1 else 0)
        pdf.set_font(family, size=_SIZES.get(block.level, 11))
        _text(pdf, width, 7, block.text)
        pdf.ln(1)
    elif isinstance(block, Paragraph):
        pdf.set_font(family, size=9.5)
        _text(pdf, width, 5, block.text)
        pdf.ln(1)
    elif isinstance(block, Bullets):
        pdf.set_font(family, size=9.5)
        for item in block.items:
            _bullet(pdf, bullet, item)
        pdf.ln(1)
    elif isinstance(block, Table):
        draw_table(pdf, block, family)
    elif isinstance(block, Image):
        pdf.image(io.BytesIO(block.png), w=min(width, 170))
        pdf.set_font(family, size=8.5)
        _text(pdf, width, 5, block.caption)


def _text(pdf: FPDF, width: float, height: float, text: str) -> None:
    pdf.multi_cell(width, height, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _bullet(pdf: FPDF, bullet: str, item: str) -> None:
    """A real bullet with a hanging indent that holds on every page the item runs onto."""
    margin = pdf.l_margin
    lines = cast(list[str], pdf.multi_cell(pdf.epw - BULLET_INDENT, 5, item or " ", align="L",
                                           dry_run=True, output=MethodReturnValue.LINES))
    if pdf.will_page_break(5 * min(len(lines), 2)):
        pdf.add_page()
    pdf.set_x(margin)
    pdf.cell(BULLET_INDENT, 5, bullet)
    pdf.set_left_margin(margin + BULLET_INDENT)
    try:
        pdf.multi_cell(pdf.w - pdf.r_margin - pdf.l_margin, 5, item or " ", align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    finally:
        pdf.set_left_margin(margin)
        pdf.set_x(margin)

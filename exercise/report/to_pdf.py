"""PDF with the CJK font embedded, so Traditional Chinese prints correctly anywhere."""

from __future__ import annotations

import io
import re

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from exercise.report.fonts import pdf_font
from exercise.report.model import AfterActionReport
from exercise.report.outline import Block, Bullets, Heading, Image, Paragraph, Table, outline

_NON_LATIN1 = re.compile(r"[^\x00-\xff]")
_SIZES = {1: 16, 2: 13, 3: 11}
FAMILY = "ReportFont"


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
    else:
        family = "Helvetica"
    pdf.add_page()
    for block in blocks:
        _draw(pdf, block, family)
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


def _draw(pdf: FPDF, block: Block, family: str) -> None:
    width = pdf.epw
    if isinstance(block, Heading):
        pdf.ln(2 if block.level > 1 else 0)
        pdf.set_font(family, size=_SIZES.get(block.level, 11))
        pdf.multi_cell(width, 7, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
    elif isinstance(block, Paragraph):
        pdf.set_font(family, size=9.5)
        pdf.multi_cell(width, 5, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
    elif isinstance(block, Bullets):
        pdf.set_font(family, size=9.5)
        for item in block.items:
            pdf.multi_cell(width, 5, f"- {item}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
    elif isinstance(block, Table):
        _table(pdf, block, family)
    elif isinstance(block, Image):
        pdf.image(io.BytesIO(block.png), w=min(width, 170))
        pdf.set_font(family, size=8.5)
        pdf.multi_cell(width, 5, block.caption, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _table(pdf: FPDF, table: Table, family: str) -> None:
    if not table.rows:
        pdf.set_font(family, size=9)
        pdf.multi_cell(pdf.epw, 5, "–", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return
    size = 7 if len(table.headers) > 5 else 8.5
    pdf.set_font(family, size=size)
    has_headers = any(table.headers)
    with pdf.table(
        first_row_as_headings=has_headers,
        line_height=size * 0.5,
        text_align="LEFT",
        headings_style=FontFace(emphasis=None, fill_color=(232, 238, 245)),
        col_widths=_column_widths(table),
    ) as drawn:
        if has_headers:
            drawn.row(list(table.headers))
        for row in table.rows:
            drawn.row([cell if cell else " " for cell in row])
    pdf.ln(2)


def _column_widths(table: Table) -> tuple[float, ...]:
    """Relative widths from content length: rating columns narrow, long text wide."""
    widths = []
    for index, header in enumerate(table.headers):
        cells = [row[index] for row in table.rows if index < len(row)]
        longest = max([len(header), *(len(c) for c in cells)]) if cells else len(header)
        widths.append(float(min(max(longest, 3), 40)))
    return tuple(widths)

"""Word document with real tables, so a resilience office can edit the improvement plan."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from exercise.report.model import AfterActionReport
from exercise.report.outline import Bullets, Heading, Image, Paragraph, Table, outline

_EAST_ASIAN_FONT = "Microsoft JhengHei"


def render_docx(report: AfterActionReport) -> bytes:
    document = Document()
    _set_fonts(document)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(1.8)
    for block in outline(report):
        if isinstance(block, Heading):
            document.add_heading(block.text, level=min(block.level, 3) - (block.level == 1))
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Image):
            document.add_picture(io.BytesIO(block.png), width=Cm(16))
            document.add_paragraph(block.caption, style="Caption")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_fonts(document: Document) -> None:
    for style_name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title", "Caption", "List Bullet"):
        style = document.styles[style_name]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), _EAST_ASIAN_FONT)
    document.styles["Normal"].font.size = Pt(10)


def _table(document: Document, table: Table) -> None:
    if not table.rows:
        document.add_paragraph("–")
        return
    has_headers = any(table.headers)
    grid = document.add_table(rows=0, cols=len(table.headers))
    grid.style = "Table Grid"
    if has_headers:
        cells = grid.add_row().cells
        for cell, text in zip(cells, table.headers):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    if len(table.headers) > 6:
        for row in grid.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(8)
    document.add_paragraph()


"""Word document with real tables, so a resilience office can edit the improvement plan."""

from __future__ import annotations

import io
import re
from copy import deepcopy

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from exercise.report.model import AfterActionReport
from exercise.report.outline import Bullets, Heading, Image, Paragraph, Table, outline

_EAST_ASIAN_FONT = "Microsoft JhengHei"
# Characters XML 1.0 cannot hold (python-docx refuses them): control characters pasted by players.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def render_docx(report: AfterActionReport) -> bytes:
    document = Document()
    _set_fonts(document)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(1.8)
    for block in outline(report):
        if isinstance(block, Heading):
            document.add_heading(_xml(block.text), level=min(block.level, 3) - (block.level == 1))
        elif isinstance(block, Paragraph):
            document.add_paragraph(_xml(block.text))
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(_xml(item), style="List Bullet")
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Image):
            document.add_picture(io.BytesIO(block.png), width=Cm(16))
            document.add_paragraph(_xml(block.caption), style="Caption")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_fonts(document: DocxDocument) -> None:
    for style_name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title", "Caption", "List Bullet"):
        style = document.styles[style_name]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), _EAST_ASIAN_FONT)
    document.styles["Normal"].font.size = Pt(10)


def _table(document: DocxDocument, table: Table) -> None:
    if not table.rows:
        document.add_paragraph("–")
        return
    has_headers = any(table.headers)
    grid = document.add_table(rows=2 if has_headers else 1, cols=len(table.headers))
    grid.style = "Table Grid"
    size = Pt(8) if len(table.headers) > 6 else None
    if has_headers:
        for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
            run = cell.paragraphs[0].add_run(_xml(text))
            run.bold = True
            run.font.size = size
    # Copying one empty row is far faster than python-docx's add_row() per row (10,000 rows).
    template = grid.rows[-1]._tr
    body = grid._tbl
    body.remove(template)
    for row in table.rows:
        tr = deepcopy(template)
        for tc, text in zip(tr.tc_lst, row, strict=True):
            run = DocxParagraph(tc.p_lst[0], grid).add_run(_xml(text))
            if size is not None:
                run.font.size = size
        body.append(tr)
    document.add_paragraph()

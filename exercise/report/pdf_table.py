"""Tables for the PDF report, drawn line by line so that no row is ever too high for a page.

Column widths come from the text: each column is at least as wide as its longest word (a word
wider than MAX_WORD is the exception and wraps inside itself), and the rest of the page width
goes to the columns with the most text. A row whose text runs past the bottom of the page
continues on the next one, under the table's headings drawn again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from exercise.report.outline import Table

PADDING = 0.6  # mm around the text of a cell, inside fpdf's own cell margin
MAX_WORD = 45.0  # mm: a longer unbroken run of Latin letters may wrap inside itself
HEADING_FILL = (232, 238, 245)
BORDER = (150, 150, 150)
# Chinese, Japanese and Korean characters, and full-width forms: a line may break between any two.
_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Row:
    cells: tuple[tuple[str, ...], ...]  # the wrapped lines of each cell
    heading: bool = False

    @property
    def lines(self) -> int:
        return max((len(c) for c in self.cells), default=1) or 1


def draw_table(pdf: FPDF, table: Table, family: str) -> None:
    if not table.rows:
        pdf.set_font(family, size=9)
        pdf.multi_cell(pdf.epw, 5, "–", align="L", new_x="LMARGIN", new_y="NEXT")
        return
    size = 7 if len(table.headers) > 5 else 8.5
    pdf.set_font(family, size=size)
    line = size * 0.45  # mm: 1.28 × the font size
    columns = len(table.headers)
    rows = [tuple(row[:columns]) + ("",) * (columns - len(row)) for row in table.rows]
    widths = column_widths(pdf, table.headers, rows)
    heading = _wrap(pdf, table.headers, widths, heading=True) if any(table.headers) else None
    body = [_wrap(pdf, row, widths) for row in rows]
    if heading is not None and pdf.will_page_break(_height(heading, line) + line + 2 * PADDING):
        pdf.add_page()
    if heading is not None:
        _draw_row(pdf, heading, widths, line, heading)
    for row in body:
        _draw_row(pdf, row, widths, line, heading)
    pdf.set_x(pdf.l_margin)
    pdf.ln(2)


def column_widths(pdf: FPDF, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[float]:
    """Widths in mm that fill the page: every column fits its longest word; then each column
    grows toward its fair share of the page (as far as its text wants), and what is left goes to
    columns in proportion to how much wider their longest line would like to be."""
    available = pdf.epw
    inset = 2 * (PADDING + pdf.c_margin) + 0.3  # the 0.3 mm absorbs rounding in fpdf's wrap
    least, wanted = [], []
    for index, header in enumerate(headers):
        texts = [header, *(row[index] for row in rows)]
        word = max(_widest_word(pdf, text) for text in texts)
        least.append(min(word, MAX_WORD) + inset)
        wanted.append(max(_widest_line(pdf, text) for text in texts) + inset)
    wanted = [max(w, m) for w, m in zip(wanted, least, strict=True)]
    if sum(least) >= available:
        return [w * available / sum(least) for w in least]
    if sum(wanted) <= available:
        return [w * available / sum(wanted) for w in wanted]
    fair = available / len(headers)
    widths = _grow(least, [max(m, min(w, fair)) for w, m in zip(wanted, least, strict=True)], available)
    return _grow(widths, wanted, available)


def _grow(widths: list[float], targets: list[float], available: float) -> list[float]:
    """Widen columns toward `targets`, in proportion to what each still lacks, within the page."""
    spare = available - sum(widths)
    lacking = [max(t - w, 0.0) for w, t in zip(widths, targets, strict=True)]
    if spare <= 0 or not sum(lacking):
        return widths
    share = min(1.0, spare / sum(lacking))
    return [w + share * gap for w, gap in zip(widths, lacking, strict=True)]


def _widest_word(pdf: FPDF, text: str) -> float:
    """The widest run a line cannot break: a Latin word, or four Chinese characters (a line may
    break between any two, but a column narrower than a short name reads as a vertical strip)."""
    words = [w for w in _SPACE.split(_WIDE.sub(" ", text)) if w]
    widest = max((pdf.get_string_width(w) for w in words), default=0.0)
    if _WIDE.search(text):
        widest = max(widest, min(pdf.get_string_width(text), 4 * pdf.get_string_width("國")))
    return widest


def _widest_line(pdf: FPDF, text: str) -> float:
    return max((pdf.get_string_width(part) for part in text.split("\n")), default=0.0)


def _wrap(pdf: FPDF, texts: tuple[str, ...], widths: list[float], heading: bool = False) -> _Row:
    cells: list[tuple[str, ...]] = []
    for text, width in zip(texts, widths, strict=True):
        if not text.strip():
            cells.append(())
            continue
        lines = pdf.multi_cell(width - 2 * PADDING, 5, text, align="L", dry_run=True,
                               output=MethodReturnValue.LINES, padding=0)
        cells.append(tuple(cast(list[str], lines)))
    return _Row(tuple(cells), heading)


def _height(row: _Row, line: float) -> float:
    return row.lines * line + 2 * PADDING


def _draw_row(pdf: FPDF, row: _Row, widths: list[float], line: float,
              heading: _Row | None) -> None:
    """Draw `row` from the current position, carrying on under repeated headings on as many
    pages as its text needs; a row never starts with less than two lines' room."""
    done = 0
    while done < row.lines:
        room = int((pdf.page_break_trigger - pdf.y - 2 * PADDING) // line)
        if room < min(2, row.lines - done) and pdf.y > pdf.t_margin + 1:
            pdf.add_page()
            if heading is not None and not row.heading:
                _draw_slice(pdf, heading, widths, line, 0, heading.lines)
            continue
        room = max(room, 1)
        take = min(room, row.lines - done)
        _draw_slice(pdf, row, widths, line, done, take)
        done += take


def _draw_slice(pdf: FPDF, row: _Row, widths: list[float], line: float, start: int,
                count: int) -> None:
    x, y = pdf.l_margin, pdf.y
    height = count * line + 2 * PADDING
    pdf.set_draw_color(*BORDER)
    pdf.set_line_width(0.15)
    if row.heading:
        pdf.set_fill_color(*HEADING_FILL)
    for lines, width in zip(row.cells, widths, strict=True):
        pdf.rect(x, y, width, height, style="DF" if row.heading else "D")
        for offset, text in enumerate(lines[start:start + count]):
            pdf.set_xy(x + PADDING, y + PADDING + offset * line)
            pdf.cell(width - 2 * PADDING, line, text, align="L")
        x += width
    pdf.set_xy(pdf.l_margin, y + height)

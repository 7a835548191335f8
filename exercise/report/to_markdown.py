"""Markdown: for wikis, issue trackers and e-mail. User text is escaped, never markup."""

from __future__ import annotations

import base64
import re

from exercise.i18n import translator
from exercise.report.model import AfterActionReport
from exercise.report.outline import Bullets, Heading, Image, Paragraph, Table, outline

_SPECIAL = re.compile(r"([\\`*_\[\]|>])")


def escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return " ".join(text.splitlines())


def render_markdown(report: AfterActionReport, *, images: bool = False) -> str:
    t = translator(report.lang)
    out: list[str] = []
    for block in outline(report):
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {escape(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(escape(block.text))
        elif isinstance(block, Bullets):
            out.append("\n".join(f"- {escape(item)}" for item in block.items))
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Image) and images:
            data = base64.b64encode(block.png).decode("ascii")
            out.append(f"![{escape(block.caption)}](data:image/png;base64,{data})")
        elif isinstance(block, Image):
            out.append(f"*{escape(t('aar.image_elsewhere', caption=block.caption))}*")
    return "\n\n".join(out) + "\n"


def _table(table: Table) -> str:
    if not table.rows:
        return "_–_"
    headers = table.headers if any(table.headers) else tuple(" " for _ in table.headers)
    lines = ["| " + " | ".join(escape(h) or " " for h in headers) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in table.rows]
    return "\n".join(lines)

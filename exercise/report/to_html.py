"""One self-contained HTML file: images inline, print-friendly, and a content security policy
that forbids every external request."""

from __future__ import annotations

import base64
from html import escape

from exercise.report.model import AfterActionReport
from exercise.report.outline import Bullets, Heading, Image, Paragraph, Table, outline

_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_STYLE = """
body{font-family:"Noto Sans TC","Noto Sans CJK TC","Microsoft JhengHei","PingFang TC",system-ui,sans-serif;
max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
h1{font-size:1.6rem;border-bottom:3px solid #1f4e79;padding-bottom:.3rem}
h2{font-size:1.3rem;color:#1f4e79;margin-top:2rem}
h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #999;padding:.25rem .4rem;vertical-align:top;text-align:left}
th{background:#e8eef5}
td,li,p{white-space:pre-line;overflow-wrap:break-word}
td.rating{text-align:center;font-weight:bold}
figure{margin:1rem 0}
img{max-width:100%;height:auto;border:1px solid #ccc}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table{page-break-inside:auto}
tr{page-break-inside:avoid}}
"""


def render_html(report: AfterActionReport) -> str:
    blocks = outline(report)
    title = escape(blocks[0].text if blocks and isinstance(blocks[0], Heading) else "Report")
    body = "\n".join(_block(block) for block in blocks)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(report.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _block(block: object) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Image):
        data = base64.b64encode(block.png).decode("ascii")
        caption = escape(block.caption)
        return (f'<figure><img alt="{caption}" src="data:image/png;base64,{data}">'
                f"<figcaption>{caption}</figcaption></figure>")
    return ""


def _table(table: Table) -> str:
    head = ""
    if any(table.headers):
        head = "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in table.headers) + "</tr></thead>"
    rating_columns = {i for i, h in enumerate(table.headers) if h in {"P", "S", "M", "U"}}
    rows = []
    for row in table.rows:
        cells = "".join(
            f'<td class="rating">{escape(c)}</td>' if i in rating_columns else f"<td>{escape(c)}</td>"
            for i, c in enumerate(row)
        )
        rows.append(f"<tr>{cells}</tr>")
    return f'<table data-key="{escape(table.key)}">{head}<tbody>{"".join(rows)}</tbody></table>'

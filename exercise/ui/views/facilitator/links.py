"""Join links for the codes of a session: the address each role opens, a QR code drawn on this
machine (the `qrcode` package, no outside service) and a printable handout."""

from __future__ import annotations

import base64
import html
import io
import os
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from exercise.conduct.sessions import JoinCodes
from exercise.i18n import normalize_language
from exercise.ui.gate import PAGE_OF_ROLE

PUBLIC_URL_ENV = "EXERCISE_PUBLIC_URL"
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


@dataclass(frozen=True)
class JoinLink:
    role: str
    label: str
    code: str
    url: str


def base_url(page_url: str | None) -> str:
    """The app's address without the page: `EXERCISE_PUBLIC_URL` if set, else the address in
    the facilitator's browser (`http://host:port/sessions` -> `http://host:port`)."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip()
    source = configured or page_url or "http://localhost:8501"
    parts = urlsplit(source)
    if not parts.scheme or not parts.netloc:
        parts = urlsplit("http://" + source.lstrip("/"))
    path = parts.path.rstrip("/")
    if not configured and path:
        path = path.rsplit("/", 1)[0]  # drop the page name
    return urlunsplit((parts.scheme, parts.netloc, path, "", "")).rstrip("/")


def is_local_only(url: str) -> bool:
    """True when other laptops cannot open `url` (it names this machine as localhost)."""
    return (urlsplit(url).hostname or "") in LOCAL_NAMES


def join_url(base: str, role: str, code: str, lang: str = "en") -> str:
    page = PAGE_OF_ROLE.get(role, "desk")
    url = f"{base.rstrip('/')}/{page}?k={quote(code, safe='')}"
    return url + ("&lang=" + quote(lang) if lang != "en" else "")


def join_links(codes: JoinCodes, base: str, lang: str = "en") -> list[JoinLink]:
    """Every code of a new session as a link, tables first."""
    links = [JoinLink("agency", label, code, join_url(base, "agency", code, lang))
             for label, code in codes.tables.items()]
    links += [JoinLink("evaluator", label, code, join_url(base, "evaluator", code, lang))
              for label, code in codes.evaluators.items()]
    for role in ("observer", "debrief", "facilitator"):
        code = getattr(codes, role)
        links.append(JoinLink(role, role, code, join_url(base, role, code, lang)))
    projector = join_url(base, "observer", codes.observer, lang).replace(
        f"/{PAGE_OF_ROLE['observer']}?", "/projector?", 1)
    links.append(JoinLink("projector", "projector", codes.observer, projector))
    return links


def qr_png(text: str, box_size: int = 6) -> bytes:
    """A QR code of `text` as PNG bytes."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=2)
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _html_open(lang: str) -> str:
    """The page's start, with its language (screen readers, CJK line breaking)."""
    code = html.escape(normalize_language(lang))
    return f'<!doctype html><html lang="{code}"><head><meta charset="utf-8">'


def handout_html(title: str, links: list[JoinLink], role_names: dict[str, str],
                 heading: str, note: str, lang: str = "en") -> str:
    """A page to print and cut: one card per link with its QR code. Every text is escaped."""
    cards = []
    for link in links:
        if link.role == "facilitator":
            continue  # the facilitator's code stays with the facilitator
        image = base64.b64encode(qr_png(link.url, box_size=5)).decode("ascii")
        name = role_names.get(link.role, link.role)
        label = "" if link.label == link.role else f" — {html.escape(link.label)}"
        cards.append(
            '<div class="card">'
            f"<h2>{html.escape(name)}{label}</h2>"
            f'<img alt="QR" src="data:image/png;base64,{image}">'
            f"<p class=\"url\">{html.escape(link.url)}</p>"
            f"<p>{html.escape(note)}</p></div>"
        )
    return (
        _html_open(lang) +
        f"<title>{html.escape(title)}</title><style>"
        "body{font-family:sans-serif;margin:1cm}"
        ".card{border:1px dashed #888;padding:0.5cm;margin:0 0 0.5cm;page-break-inside:avoid;"
        "display:inline-block;width:8cm;vertical-align:top;margin-right:0.5cm}"
        ".url{font-family:monospace;word-break:break-all;font-size:9pt}"
        "</style></head><body>"
        f"<h1>{html.escape(heading)}: {html.escape(title)}</h1>{''.join(cards)}</body></html>"
    )


# The facilitator's own pages, in the order of a workshop: the card printed for the facilitator.
FACILITATOR_PAGES = ("facilitator", "hotwash", "debrief", "instructor")


def facilitator_links(code: str, base: str, lang: str = "en") -> list[tuple[str, str]]:
    """The pages the facilitator's code opens, as (page, address) with the code."""
    tail = "&lang=" + quote(lang) if lang != "en" else ""
    return [(page, f"{base.rstrip('/')}/{page}?k={quote(code, safe='')}{tail}")
            for page in FACILITATOR_PAGES]


def facilitator_card_html(title: str, links: list[tuple[str, str]], page_names: dict[str, str],
                          heading: str, note: str, lang: str = "en") -> str:
    """The facilitator's printable card: one QR code and address per page. Every text escaped."""
    rows = []
    for page, url in links:
        image = base64.b64encode(qr_png(url, box_size=4)).decode("ascii")
        rows.append(
            '<div class="card">'
            f"<h2>{html.escape(page_names.get(page, page))}</h2>"
            f'<img alt="QR" src="data:image/png;base64,{image}">'
            f'<p class="url">{html.escape(url)}</p></div>'
        )
    return (
        _html_open(lang) +
        f"<title>{html.escape(heading)}: {html.escape(title)}</title><style>"
        "body{font-family:sans-serif;margin:1cm}"
        ".card{border:1px solid #444;padding:0.4cm;margin:0 0.4cm 0.4cm 0;page-break-inside:avoid;"
        "display:inline-block;width:8cm;vertical-align:top}"
        ".url{font-family:monospace;word-break:break-all;font-size:9pt}"
        "</style></head><body>"
        f"<h1>{html.escape(heading)}: {html.escape(title)}</h1>"
        f"<p>{html.escape(note)}</p>{''.join(rows)}</body></html>"
    )

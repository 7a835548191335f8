"""Small rendering helpers shared by the pages."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-!|~$:=^])")
_LEADING_NUMBER = re.compile(r"^(\d+)\.")
# GitHub-flavoured Markdown turns `www.x`, `http://x`, `https://x` and `name@host.x` into live
# links even when their punctuation is backslash-escaped (the autolink pass reads the text
# after escapes are resolved, and shows the backslashes inside the link). An invisible word
# joiner between the parts it looks for breaks every such link; the text reads the same.
WORD_JOINER = "\u2060"
_AUTOLINK_START = re.compile(r"(?i)(www)(?=\.)|(https?)(?=:)|(?<=[\w.+-])(?=@)")


def plain(text: str) -> str:
    """Text from a pack or a player, made safe for places Streamlit reads as Markdown
    (headings, labels, alerts, captions, toasts, radio options, tabs): every Markdown character
    is escaped and would-be links are broken, so it shows as typed and links nowhere.
    Places that show text as typed already (select boxes, tables, code) take the raw text."""
    unlinked = _AUTOLINK_START.sub(lambda m: (m.group(0) or "") + WORD_JOINER,
                                   " ".join(str(text).split()))
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)
    return _LEADING_NUMBER.sub(r"\1\\.", escaped)


def human_size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"

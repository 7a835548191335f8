"""Small rendering helpers shared by the pages."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-!|~$:=^])")
_LEADING_NUMBER = re.compile(r"^(\d+)\.")


def plain(text: str) -> str:
    """Text from a pack or a player, made safe for places Streamlit reads as Markdown
    (headings, labels, tabs): every Markdown character is escaped, so it shows as typed."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return _LEADING_NUMBER.sub(r"\1\\.", escaped)


def human_size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"

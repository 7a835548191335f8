"""Pack and player text placed where Streamlit reads Markdown shows exactly as typed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from exercise.ui.widgets import human_size, plain


def rendered(markdown_text: str) -> str:
    """What CommonMark shows for backslash escapes: the escaped character itself."""
    return re.sub(r"\\(.)", r"\1", markdown_text)


@given(st.text())
def test_escaping_keeps_the_text(text: str) -> None:
    assert rendered(plain(text)) == " ".join(text.split())


def test_markdown_and_html_lose_their_meaning() -> None:
    out = plain("1. [click](javascript:alert(1)) <script>x</script> **bold** :material/home:")
    assert "](" not in out and "<script>" not in out and "**" not in out
    assert out.startswith("1\\.")
    assert "\\:material/home\\:" in out


def test_upload_limit_reads_naturally() -> None:
    assert human_size(2 * 1024 * 1024) == "2 MB"
    assert human_size(512 * 1024) == "512 KB"

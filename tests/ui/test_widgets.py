"""Pack and player text placed where Streamlit reads Markdown shows exactly as typed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from exercise.ui.widgets import WORD_JOINER, human_size, plain


def rendered(markdown_text: str) -> str:
    """What CommonMark shows for backslash escapes (the escaped character itself), read as a
    person reads it (the invisible word joiners that break would-be links take no space)."""
    return re.sub(r"\\(.)", r"\1", markdown_text).replace(WORD_JOINER, "")


# What GitHub-flavoured Markdown's autolink pass links in the text left after escapes.
AUTOLINK = re.compile(r"(?i)(?:https?://|www\.)|[\w.+-]@[\w-]")


def linked_by_gfm(markdown_text: str) -> bool:
    return bool(AUTOLINK.search(re.sub(r"\\(.)", r"\1", markdown_text)))


@given(st.text())
def test_escaping_keeps_the_text(text: str) -> None:
    assert rendered(plain(text)) == " ".join(text.split())


def test_markdown_and_html_lose_their_meaning() -> None:
    out = plain("1. [click](javascript:alert(1)) <script>x</script> **bold** :material/home:")
    assert "](" not in out and "<script>" not in out and "**" not in out
    assert out.startswith("1\\.")
    assert "\\:material/home\\:" in out


@given(st.text(alphabet=st.sampled_from(list("wW.htps:/@ab1-_\\ !([])")), max_size=40))
def test_no_text_becomes_a_link(text: str) -> None:
    assert not linked_by_gfm(plain(text))
    assert rendered(plain(text)) == " ".join(text.split())


def test_links_images_and_addresses_in_player_text_stay_text() -> None:
    for text in ("see www.example.com", "http://127.0.0.1:8/x", "HTTPS://Example.org/a_b",
                 "![t](http://127.0.0.1:9/t.png)", "mail ops@county.example.gov"):
        out = plain(text)
        assert not linked_by_gfm(out), out
        assert rendered(out) == text
        assert "](" not in out


def test_upload_limit_reads_naturally() -> None:
    assert human_size(2 * 1024 * 1024) == "2 MB"
    assert human_size(512 * 1024) == "512 KB"

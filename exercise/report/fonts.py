"""Fonts for PDF reports: a CJK font is needed for Traditional Chinese (and for agency names
in Chinese inside English reports). Debian's fonts-noto-cjk is preferred."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FontFile:
    path: Path
    collection_index: int = 0
    covers_cjk: bool = True


# Face 3 of the Noto Sans CJK collection is Traditional Chinese (TC); other faces draw
# Japanese forms of shared characters.
_CANDIDATES = (
    FontFile(Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 3),
    FontFile(Path("/usr/share/fonts/opentype/noto/NotoSansCJKtc-Regular.otf"), 0),
    FontFile(Path("/usr/share/fonts/truetype/noto/NotoSansTC-Regular.ttf"), 0),
    FontFile(Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), 0, covers_cjk=False),
)


class FontMissing(RuntimeError):
    """No font that can draw the report's text is installed."""


def pdf_font(needs_cjk: bool) -> FontFile | None:
    """The font to embed, from EXERCISE_PDF_FONT or the system; None means the built-in
    Helvetica (Latin-1 only)."""
    override = os.environ.get("EXERCISE_PDF_FONT")
    if override and Path(override).is_file():
        return FontFile(Path(override), int(os.environ.get("EXERCISE_PDF_FONT_INDEX", "0")))
    for candidate in _CANDIDATES:
        if candidate.path.is_file() and (candidate.covers_cjk or not needs_cjk):
            return candidate
    if needs_cjk:
        raise FontMissing(
            "no Chinese font found for the PDF; install Debian's fonts-noto-cjk "
            "(apt-get install fonts-noto-cjk) or set EXERCISE_PDF_FONT to a .ttf/.otf file"
        )
    return None


_FALLBACK = FontFile(Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), 0, covers_cjk=False)


def fallback_font(main: FontFile) -> FontFile | None:
    """A second font for the glyphs the main one lacks (DejaVu Sans has Hebrew, Arabic and
    many symbols that Noto Sans CJK does not); None when it is missing or already the main."""
    if main.path == _FALLBACK.path or not _FALLBACK.path.is_file():
        return None
    return _FALLBACK

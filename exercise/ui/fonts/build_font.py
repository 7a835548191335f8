"""Regenerate the Traditional Chinese web font the app ships for offline rooms.

    .venv/bin/python -m exercise.ui.fonts.build_font

Subsets Noto Sans CJK TC (face 3 of Debian's fonts-noto-cjk collection) to the characters of
common Traditional Chinese usage (Big5 level 1, the 5,401 frequent hanzi, plus Big5 symbols,
CJK punctuation and full-width forms) and every character used in the shipped scenario packs
and the UI translations, and writes it as WOFF2 to exercise/ui/static/fonts/.

A development tool only: it needs fontTools with brotli (the `test` extra); the app never
imports it. Run it again after adding a pack or a translation with new characters
(tests/ui/test_font.py says when).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TRADITIONAL_CHINESE_FACE = 3
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "fonts" / "NotoSansTC-Subset.woff2"
FAMILY = "Exercise Noto Sans TC"


def big5_characters(first: int, last: int) -> set[str]:
    """Characters of a Big5 range, e.g. level 1 (0xA440-0xC67E), by decoding every code."""
    found: set[str] = set()
    for lead in range(first >> 8, (last >> 8) + 1):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            code = (lead << 8) | trail
            if first <= code <= last:
                try:
                    found.add(bytes([lead, trail]).decode("big5"))
                except UnicodeDecodeError:
                    continue
    return found


def common_traditional() -> set[str]:
    chars = big5_characters(0xA140, 0xA3BF) | big5_characters(0xA440, 0xC67E)
    chars |= {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0x3000, 0x3040)}
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}
    return chars


def project_text_files(root: Path = ROOT) -> list[Path]:
    """The shipped packs and the UI translations: every character in them must render."""
    files = sorted((root / "scenarios").glob("**/*.yaml"))
    files += sorted((root / "exercise" / "locales").glob("*.json"))
    return files


def characters_of(files: Iterable[Path]) -> set[str]:
    chars: set[str] = set()
    for path in files:
        chars |= {c for c in path.read_text(encoding="utf-8") if ord(c) > 0x7F and c.isprintable()}
    return chars


def build(source: Path = SOURCE, output: Path = OUTPUT) -> tuple[int, int]:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), fontNumber=TRADITIONAL_CHINESE_FACE, lazy=False)
    wanted = common_traditional() | characters_of(project_text_files())
    cmap = font.getBestCmap()
    unicodes = sorted(ord(c) for c in wanted if ord(c) in cmap)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # keeps 'locl' and vertical forms for Traditional shapes
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.hinting = False
    options.desubroutinize = True  # smaller after brotli for CFF outlines
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    _rename(font)
    output.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff2"
    font.save(str(output))
    return len(unicodes), output.stat().st_size


def _rename(font: object) -> None:
    """A subset is a Modified Version under the OFL: give it its own family name."""
    names = font["name"]  # type: ignore[index]
    for record in names.names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = f"{FAMILY} Regular"
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "") + "-Regular"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"{args.source} is missing: apt-get install fonts-noto-cjk", file=sys.stderr)
        return 1
    count, size = build(args.source, args.output)
    print(f"{args.output}: {count} characters, {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

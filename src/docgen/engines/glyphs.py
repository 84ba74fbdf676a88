"""Which characters of a document no installed font can draw.

The text face covers most text; anything else falls back, through
fontconfig, to whatever font is installed (the colour emoji font, for the
emoji that start framework titles).  A character that no font covers would
print as an empty box, so docgen names it instead of failing silently.
"""

from __future__ import annotations

import bisect
import html as html_module
import re
import shutil
import subprocess
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from fontTools.ttLib import TTFont

_TAGS = re.compile(r"<style.*?</style>|<[^>]+>", re.DOTALL)


def document_text(html: str) -> str:
    """The visible text of an HTML document (no markup, no stylesheet)."""
    return html_module.unescape(_TAGS.sub(" ", html))


def missing_glyphs(text: str, text_fonts: Iterable[Path]) -> list[str]:
    """Characters of `text` that neither the text fonts nor any installed font can draw."""
    covered: set[int] = set()
    for font in text_fonts:
        covered |= _cmap(str(font))
    missing = []
    for char in sorted(set(text)):
        if ord(char) in covered or _ignorable(char):
            continue
        if not _installed_font_covers(char):
            missing.append(char)
    return missing


def describe(chars: Iterable[str]) -> str:
    """`U+1F6E0 🛠 (HAMMER AND WRENCH), …` for a warning."""
    return ", ".join(f"U+{ord(c):04X} {c} ({unicodedata.name(c, 'unnamed')})" for c in chars)


def _ignorable(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cc", "Cf", "Zs", "Zl", "Zp") or 0xFE00 <= ord(char) <= 0xFE0F


@lru_cache(maxsize=16)
def _cmap(path: str) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def _installed_font_covers(char: str) -> bool:
    covered = _installed_coverage()
    if covered is None:
        return True  # cannot tell; WeasyPrint needs fontconfig anyway
    point = ord(char)
    index = bisect.bisect_right(covered, (point, sys.maxunicode + 1)) - 1
    return index >= 0 and covered[index][0] <= point <= covered[index][1]


@lru_cache(maxsize=1)
def _installed_coverage() -> list[tuple[int, int]] | None:
    """The code point ranges some installed font covers, sorted; None without fontconfig.

    One query for every font (a query per character took a quarter of a
    second for the emoji of a large handbook).
    """
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    result = subprocess.run([fc_list, "--format", "%{charset}\\n"], capture_output=True,
                            text=True, timeout=20, check=False)
    ranges = []
    for word in result.stdout.split():
        first, _, last = word.partition("-")
        try:
            ranges.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    return _merged(ranges)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching ranges joined, in order."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


TEXT_FONTS = ("static/fonts/Inter-Regular.otf",)


def glyph_warnings(html: str, search_path) -> list[str]:
    """A warning naming the characters of `html` that no font can draw, if there are any."""
    fonts = [f for f in (search_path.find(name) for name in TEXT_FONTS) if f is not None]
    missing = missing_glyphs(document_text(html), fonts)
    if not missing:
        return []
    return [f"no installed font can draw {describe(missing)}; they print as empty boxes "
            "(on Debian: apt-get install fonts-noto-color-emoji fonts-noto-core)"]

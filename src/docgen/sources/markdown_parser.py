"""The one Markdown parser configuration docgen uses, for reading and for rendering."""

from __future__ import annotations

from typing import Optional

from markdown_it import MarkdownIt
from markdown_it.token import Token


# Block nesting markdown-it follows (each list depth takes two): past it, markdown-it stops
# reading the document without a word, so docgen checks for it (`too_deep`).
MAX_NESTING = 100


def markdown_parser() -> MarkdownIt:
    """CommonMark with raw HTML off and tables on."""
    return MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING}).enable("table")


def too_deep(tokens: list[Token]) -> Optional[int]:
    """The 0-based line at which `tokens` reached the nesting limit, or None if they did not."""
    line = 0
    for token in tokens:
        if token.map:
            line = token.map[0]
        if token.level >= MAX_NESTING - 1:
            return line
    return None

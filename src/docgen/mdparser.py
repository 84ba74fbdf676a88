"""The one Markdown parser configuration docgen uses, for reading and for rendering."""

from __future__ import annotations

from markdown_it import MarkdownIt


def markdown_parser() -> MarkdownIt:
    """CommonMark with raw HTML off and tables on."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")

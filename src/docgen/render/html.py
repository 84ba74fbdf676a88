"""Contexts into HTML text, through the template search path."""

from __future__ import annotations

from docgen.context import HandbookContext
from docgen.templating import SearchPath

HANDBOOK_TEMPLATE = "handbook/handbook.html"


def render_handbook_html(book: HandbookContext, search_path: SearchPath) -> str:
    """The handbook as one HTML document (for the screen, or for WeasyPrint when `book.medium` is print)."""
    return search_path.render(HANDBOOK_TEMPLATE, book=book)

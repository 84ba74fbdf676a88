"""What `docgen handbook` makes: frameworks → context → HTML → (PDF).

Reads nothing itself but what it is given (a logo is read by `read_logo`
before rendering starts); returns bytes for `docgen.output` to write.
"""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Optional, Sequence

from docgen.context import build_handbook_context
from docgen.errors import ConfigError, DocgenError
from docgen.model import Framework
from docgen.render import Rendered
from docgen.render.glyphs import describe, document_text, missing_glyphs
from docgen.render.html import render_handbook_html
from docgen.render.pdf import html_to_pdf
from docgen.templating import SearchPath

FORMATS = ("pdf", "html")
TEXT_FONTS = ("static/fonts/Inter-Regular.otf",)
LOGO_TYPES = ("image/png", "image/jpeg", "image/svg+xml")


@dataclass(frozen=True)
class HandbookSettings:
    """Everything about a handbook that does not come from the frameworks."""

    search_path: SearchPath
    title: str
    organisation: str
    paper: str
    lang: str
    date: datetime
    logo: Optional[str] = None  # data: URI


def make_handbook(frameworks: Sequence[Framework], settings: HandbookSettings, fmt: str = "pdf",
                  variant: Optional[str] = None) -> Rendered:
    """The handbook of `frameworks` as PDF or self-contained HTML."""
    if fmt not in FORMATS:
        raise DocgenError(f"unknown handbook format '{fmt}' (known: {', '.join(FORMATS)})")
    medium = "print" if fmt == "pdf" else "screen"
    book = build_handbook_context(
        frameworks, title=settings.title, organisation=settings.organisation,
        date=settings.date, paper=settings.paper, medium=medium, lang=settings.lang,
        logo=settings.logo)
    html = render_handbook_html(book, settings.search_path)
    warnings = list(_glyph_warnings(html, settings.search_path))
    if fmt == "html":
        return Rendered(html.encode("utf-8"), "text/html", warnings=tuple(warnings))
    pdf = html_to_pdf(html, settings.search_path, variant, int(settings.date.timestamp()))
    warnings += [f"a template asked for {url}, which docgen does not load" for url in pdf.refused]
    return Rendered(pdf.data, "application/pdf", pages=pdf.pages, warnings=tuple(warnings))


def read_logo(path: Path) -> str:
    """The logo file as a data: URI, so rendering never reads a file outside the templates."""
    media_type = mimetypes.guess_type(path.name)[0]
    if media_type not in LOGO_TYPES:
        raise ConfigError(f"{path}: the logo must be a PNG, JPEG or SVG file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the logo: {exc.strerror}") from exc
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def _glyph_warnings(html: str, search_path: SearchPath):
    fonts = [f for f in (search_path.find(name) for name in TEXT_FONTS) if f is not None]
    missing = missing_glyphs(document_text(html), fonts)
    if missing:
        yield (f"no installed font can draw {describe(missing)}; they print as empty boxes "
               "(on Debian: apt-get install fonts-noto-color-emoji fonts-noto-core)")

"""HTML into PDF bytes with WeasyPrint, reading nothing but the template search path.

Reproducible: the PDF's identifier is derived from the HTML, and its dates
come from the document's `dcterms.created`/`modified` metadata, so the same
HTML gives the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from docgen.config import PDF_VARIANTS
from docgen.engines.font_configs import font_config
from docgen.engines.libraries import import_weasyprint
from docgen.engines.stylesheets import shared_styles
from docgen.engines.templating import SearchPath
from docgen.engines.user_agent import document_class
from docgen.errors import DocgenError
from docgen.output import describe_os_error

if TYPE_CHECKING:  # WeasyPrint is imported when a PDF is made: it takes a third of a second
    import weasyprint


LAYOUT_CHARACTERS = 400_000
"""The most HTML docgen gives WeasyPrint as one document when it can cut it (handbook
chapters, card decks): WeasyPrint keeps roughly 600 bytes of memory for each character it
lays out, about 240 MiB for this much."""


class RenderError(DocgenError):
    """Raised when the PDF engine fails on a document."""


@dataclass(frozen=True)
class PdfResult:
    """The PDF, its page count, and the addresses the fetcher refused."""

    data: bytes
    pages: int
    refused: tuple[str, ...]


def html_to_pdf(html: str, search_path: SearchPath, variant: Optional[str] = None,
                epoch: Optional[int] = None) -> PdfResult:
    """Lay out `html` (relative URLs resolve in the template folders) and return the PDF.

    `epoch` is the document's date, which fonts embedded in it carry too.
    """
    laid_out = lay_out(html, search_path, variant, epoch)
    return PdfResult(laid_out.write(), len(laid_out.document.pages), laid_out.refused)


def refused_warnings(refused) -> list[str]:
    """One warning per address a template asked for that the safe fetcher refused."""
    return [f"a template asked for {url}, which docgen does not load" for url in refused]


@dataclass
class LaidOut:
    """A WeasyPrint document after layout, before it is written."""

    document: "weasyprint.Document"
    options: dict
    refused: tuple[str, ...]
    epoch: Optional[int] = None

    def pages_of(self, anchors: list[str]) -> dict[str, int]:
        """The 0-based page on which each of `anchors` first stands."""
        found: dict[str, int] = {}
        for number, page in enumerate(self.document.pages):
            for name in page.anchors:
                found.setdefault(name, number)
        return {a: found[a] for a in anchors if a in found}

    def write(self) -> bytes:
        """The PDF bytes."""
        with _pinned_source_date(self.epoch):
            return _guarded(lambda: self.document.write_pdf(**self.options))


def lay_out(html: str, search_path: SearchPath, variant: Optional[str] = None,
            epoch: Optional[int] = None) -> LaidOut:
    """Lay `html` out with the safe fetcher; RenderError if WeasyPrint fails."""
    if variant is not None and variant not in PDF_VARIANTS:
        raise RenderError(f"unknown PDF variant '{variant}' (known: {', '.join(PDF_VARIANTS)})")
    import_weasyprint()

    from docgen.engines.fetcher import SafeFetcher

    fetcher = SafeFetcher(search_path)
    base_url = search_path.default.as_uri() + "/"
    options = {
        "pdf_variant": variant,
        "pdf_tags": variant == "pdf/ua-1",
        "pdf_identifier": hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii"),
    }
    fonts = font_config(html, search_path)
    reader = document_class(html)

    def render():
        body, stylesheets = shared_styles(html, base_url, fetcher, fonts)
        return reader(string=body, base_url=base_url, url_fetcher=fetcher).render(
            font_config=fonts, stylesheets=stylesheets, **options)

    document = _guarded(render)
    if fetcher.missing:
        names = ", ".join(sorted(set(fetcher.missing)))
        folders = ", ".join(str(f) for f in search_path.folders)
        raise RenderError(f"a template uses {names}, which is in none of the template folders "
                          f"({folders}): add the file to your templates folder or remove the "
                          "reference")
    return LaidOut(document, options, tuple(fetcher.refused), epoch)


@contextlib.contextmanager
def _pinned_source_date(epoch: Optional[int]):
    """SOURCE_DATE_EPOCH set to `epoch` while a PDF is written, then as it was.

    fontTools stamps the fonts WeasyPrint re-saves (colour emoji fonts) with
    the current time unless SOURCE_DATE_EPOCH is set: this keeps bytes
    reproducible without changing the environment for anything else.
    """
    if epoch is None:
        yield
        return
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _guarded(work):
    try:
        with _quiet_weasyprint():
            return work()
    except DocgenError:
        raise
    except OSError as exc:  # WeasyPrint writes fonts to temporary files for fontconfig
        raise RenderError("cannot write a temporary file while laying out the PDF: "
                          + describe_os_error(exc)) from exc
    except Exception as exc:  # WeasyPrint's own failure: say so instead of a traceback
        raise RenderError(f"WeasyPrint could not lay out the PDF ({type(exc).__name__}: {exc}); "
                          "if a template of yours is in use, try without it, else please "
                          "report this with the input") from exc


class _quiet_weasyprint:
    """WeasyPrint logs every refused URL and CSS quirk; docgen reports what matters itself."""

    def __enter__(self):
        self.logger = logging.getLogger("weasyprint")
        self.level = self.logger.level
        self.logger.setLevel(logging.ERROR)

    def __exit__(self, *exc):
        self.logger.setLevel(self.level)
        return False

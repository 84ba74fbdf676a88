"""The handbook: every framework as a book, in PDF for print and HTML for the screen.

One job per format, made from every framework: frameworks → context
(`context.py`) → HTML (`templates/handbook/`) → PDF.  The PDF is laid out
in units, a chapter each, in parallel and cached, then joined (`book.py`);
a PDF/UA or PDF/A variant in one pass.  A logo is read once, when the
settings are made, so rendering reads no file but the templates.
"""

from __future__ import annotations

import base64
import contextlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import ContextManager, Optional, Sequence

from docgen.changes.marks import ChangeMarks, marks_since
from docgen.config import HANDBOOK_FORMATS, PDF_VARIANTS
from docgen.documents import DocumentKind, DocumentSettings, Job, Rendered
from docgen.documents.handbook.book import TEMPLATE, chapters, lay_out_chapters, print_handbook
from docgen.documents.handbook.context import build_handbook_context
from docgen.engines.glyphs import glyph_warnings
from docgen.engines.libraries import import_weasyprint
from docgen.engines.pdf import html_to_pdf, refused_warnings
from docgen.errors import ConfigError, NotFoundError, UsageError
from docgen.output import handbook_file, unit_cache
from docgen.parallel import worker_count, workers_ready

LOGO_TYPES = ("image/png", "image/jpeg", "image/svg+xml")


@dataclass(frozen=True)
class HandbookSettings(DocumentSettings):
    """A handbook's settings: the shared ones, its title and logo, formats and PDF variant."""

    title: str = ""
    logo: Optional[str] = None  # data: URI
    formats: tuple[str, ...] = HANDBOOK_FORMATS
    variant: Optional[str] = None  # one of PDF_VARIANTS, or None for a plain PDF
    workers: int = 1  # processes laying out chapters (0: one per core)
    cache: Optional[Path] = None  # where laid-out chapters are kept (None: nowhere)
    marks: Optional[ChangeMarks] = None  # criteria changed since a revision, to mark


def settings(project, *, formats: Sequence[str] = (), variant: Optional[str] = None,
             templates: Sequence[Path] = (), workers: int = 1) -> HandbookSettings:
    """The handbook settings of `project`; `formats` (default both), `variant` and `workers`
    (processes for the chapters, 0: one per core) from a command.  With `changes_since`
    configured (or --changes-since), what changed since that revision is marked."""
    config = project.config
    unknown = [f for f in formats if f not in HANDBOOK_FORMATS]
    if unknown or (variant is not None and variant not in PDF_VARIANTS):
        raise UsageError(f"unknown handbook format or PDF variant: {(unknown or [variant])[0]}")
    return HandbookSettings(**DocumentSettings.common(project, templates), title=config.title,
                            logo=read_logo(project.root / config.logo) if config.logo else None,
                            formats=tuple(formats) or HANDBOOK_FORMATS, variant=variant,
                            workers=workers, cache=unit_cache(project.out_dir),
                            marks=marks_since(project))


def plan(catalog, settings: HandbookSettings) -> list[Job]:
    """One job per format, each made from every framework of `catalog` (none when one is broken)."""
    if catalog.broken:
        return []
    if not catalog.frameworks:
        raise NotFoundError("there are no frameworks to put in a handbook")
    inputs = tuple(fw.id for fw in catalog.frameworks)
    return [Job(KIND.name, (handbook_file(fmt),), inputs, catalog.frameworks,
                options=(("format", fmt),)) for fmt in settings.formats]


def _book(job: Job, settings: HandbookSettings):
    fmt = job.option("format")
    return build_handbook_context(
        job.frameworks, title=settings.title, organisation=settings.organisation,
        date=settings.date, paper=settings.paper, medium="print" if fmt == "pdf" else "screen",
        lang=settings.lang, logo=settings.logo, marks=settings.marks)


def pieces(job: Job, settings: HandbookSettings) -> list[tuple[str, int]]:
    """The PDF's chapter units, (name, weight: characters of HTML), for shards to lay out
    apart; none for the HTML or a PDF variant (made whole)."""
    if job.option("format") != "pdf" or settings.variant:
        return []
    return [(name, len(html)) for name, html in _chapters(job, settings)]


def prepare(job: Job, settings: HandbookSettings, names: Sequence[str], workers: int) -> None:
    """Lay out the named chapter units into the unit cache, for the build that joins the shards."""
    chosen = set(names)
    units = [html for name, html in _chapters(job, settings) if name in chosen]
    lay_out_chapters(units, settings.search_path, settings.cache, workers)


_last_chapters: tuple = (None, None, [])


def _chapters(job: Job, settings: HandbookSettings) -> list[tuple[str, str]]:
    """The chapter units of the job's book; the last ones made are kept, as a shard asks for
    the same job's twice (to share them out, then to lay out its share)."""
    global _last_chapters
    last_job, last_settings, made = _last_chapters
    if last_job is not job or last_settings is not settings:
        made = chapters(_book(job, settings), settings.search_path)
        _last_chapters = (job, settings, made)
    return made


def render(job: Job, settings: HandbookSettings) -> tuple[Rendered, ...]:
    """The handbook of the job's frameworks, as PDF or self-contained HTML."""
    fmt = job.option("format")
    book = _book(job, settings)
    epoch = int(settings.date.timestamp())
    if fmt == "pdf" and not settings.variant:
        made = print_handbook(book, settings.search_path, epoch, workers=settings.workers,
                              cache=settings.cache)
        return (_pdf_file(job, made.pdf, list(made.warnings)),)
    html = settings.search_path.render(TEMPLATE, book=book)
    warnings = glyph_warnings(html, settings.search_path)
    if fmt == "html":
        return (Rendered(job.outputs[0], html.encode("utf-8"), "text/html",
                         warnings=tuple(warnings)),)
    # tagged or archival: laid out in one pass, as joining units would lose the structure tree
    return (_pdf_file(job, html_to_pdf(html, settings.search_path, settings.variant, epoch),
                      warnings),)


def _pdf_file(job: Job, pdf, warnings: list[str]) -> Rendered:
    return Rendered(job.outputs[0], pdf.data, "application/pdf", pages=pdf.pages,
                    warnings=tuple(warnings + refused_warnings(pdf.refused)))


def early(jobs: int, frameworks: int, formats: Sequence[str] = (), variant: Optional[str] = None,
          workers: int = 1, **_options) -> ContextManager[None]:
    """The workers that will lay the PDF out, started now, to import WeasyPrint while this
    process reads the `frameworks` (how many) and makes the HTML: one for a book of one
    framework (laid out in one pass), else `workers` (the chapters' processes, 0: one per
    core).  None for HTML, a variant, or one worker (the handbook is one job: `jobs` is not
    used)."""
    count = worker_count(workers)
    if "pdf" not in (formats or HANDBOOK_FORMATS) or variant or count == 1:
        return contextlib.nullcontext()
    return workers_ready(1 if frameworks == 1 else count, import_weasyprint)


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


def skipped(catalog, settings: HandbookSettings) -> list[str]:
    """The handbook holds every framework: it is not made while one of their files has errors."""
    files = sorted(set(catalog.broken.values()))
    return [f"the handbook is not made: it holds every framework, and {', '.join(files)} "
            f"{'has' if len(files) == 1 else 'have'} errors"] if files else []


KIND = DocumentKind("handbook", "", settings, plan, render, skipped, pieces, prepare, early)

"""The print handbook made of units laid out in parallel, cached, and joined.

1. Cut the book into units (`units.py`): the front matter, then chapters.
2. Lay out every unit not in the cache, in `workers` processes.  A unit's
   PDF depends on its HTML alone (no date: fonts in it are stamped with
   `UNIT_EPOCH`), so it is cached under `out/.docgen/units/` by a digest of
   that HTML, the templates and the engine.
3. Now that the chapters' pages are known: lay out the front matter again
   with the contents numbered, and the running footer of the whole book.
4. Join them (`docgen.engines.joining`).

A tagged PDF (PDF/UA) or an archival one (PDF/A) is laid out in one pass:
joining would lose its structure tree.  So is a book of one chapter unit:
with nothing to lay out side by side, the front matter and the footer as
documents of their own only add time (the seed: 1.7 s in one pass, 2.3 s
in units).  With a second core, that one pass is laid out by a worker
started before the HTML is made, so that importing WeasyPrint there, and
the glyph check here, are done side by side with the rest.  The units'
workers are kept from one round of layouts to the next (`workers_ready`);
`docgen handbook` starts them before it reads the frameworks (the kind's
`early`).
"""

from __future__ import annotations

import contextlib
import json
import os
from importlib import metadata
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Optional, Sequence

from docgen import __version__
from docgen.digests import digest, folder_digest
from docgen.documents.handbook.context import HandbookContext
from docgen.documents.handbook.units import chapter_units, front_unit, one_chapter_unit
from docgen.engines.glyphs import glyph_warnings
from docgen.engines.libraries import import_weasyprint
from docgen.engines.pdf import PdfResult, html_to_pdf
from docgen.engines.templating import SearchPath
from docgen.errors import OutputError
from docgen.output import write_atomic
from docgen.parallel import EarlyWorker, end_ready, run, worker_count, workers_ready

TEMPLATE = "handbook/handbook.html"
FOOTER_TEMPLATE = "handbook/footer.html"
UNIT_EPOCH = 315532800  # 1980-01-01: what a unit's fonts are stamped with, so it has no date
FOOTER_PAGES = 200  # pages of the running footer laid out as one document
FRONT_PASSES = 3  # tries at numbering the contents before laying the book out in one pass
KEEP_UNITS = 4
MEMORIES = 16  # books whose page numbers the cache remembers
MAX_PAGES = 100_000  # a remembered length above this is not believed  # the cache keeps this many times the units of the last book (and at least 64)


@dataclass(frozen=True)
class Book:
    """The joined handbook: its PDF and what it was made from."""

    pdf: PdfResult
    units: int  # how many units the book has
    laid_out: int  # how many of them were laid out now (the others came from the cache)
    rounds: int  # how many times it waited for layouts, one after the other
    warnings: tuple[str, ...]  # of characters no font can draw


def print_handbook(book: HandbookContext, search_path: SearchPath, epoch: int, *,
                   workers: int = 1, cache: Optional[Path] = None) -> Book:
    """The handbook `book` as one PDF, its units laid out in `workers` processes."""
    render = _renderer(search_path)

    def numbered(pages: dict[str, str], total: int):
        """The front matter with the contents numbered, and the documents to lay out."""
        front = front_unit(book, render, pages)
        # in parts of `FOOTER_PAGES`, so that its memory does not grow with the book; no date:
        # laid out again only when the book's length changes
        footers = [(search_path.render(FOOTER_TEMPLATE, book=book, pages=total, first=first,
                                       last=min(total, first + FOOTER_PAGES - 1)), UNIT_EPOCH)
                   for first in range(1, total + 1, FOOTER_PAGES)]
        return front, [(front.html, epoch), *footers]

    if one_chapter_unit(book):
        return _one_pass(book, render, search_path, epoch, rounds=1, workers=workers)
    count = worker_count(workers)
    # the same workers for every round of layouts (each has imported WeasyPrint)
    with workers_ready(count, import_weasyprint) if count > 1 else contextlib.nullcontext():
        return _in_units(book, render, numbered, search_path, epoch, workers, cache)


def _in_units(book: HandbookContext, render, numbered, search_path: SearchPath, epoch: int,
              workers: int, cache: Optional[Path]) -> Book:
    units = [front_unit(book, render), *chapter_units(book, render)]
    store = UnitCache(cache, search_path)
    # The numbers of the last book with these titles, guessed right when an edit keeps every
    # chapter's pages: the numbered contents are then laid out (into the cache) alongside the
    # chapters instead of after them.
    last = _numbers(store.recall(units[0].html))
    guess = numbered(*last)[1] if last else []
    laid = store.lay_out([(u.html, UNIT_EPOCH) for u in units] + guess, search_path,
                         workers)[:len(units)]
    from docgen.engines.joining import OpenedPart, Part, join

    parts = [OpenedPart(Part(r.data, u.outline_depth, u.borrowed)) for r, u in zip(laid, units)]
    front_pages = parts[0].page_count
    for _ in range(FRONT_PASSES):  # numbering the contents may change their length: rarely
        pages = _page_numbers(parts[1:], first=front_pages + 1)
        total = front_pages + sum(p.page_count for p in parts[1:])
        front, documents = numbered(pages, total)
        front_pdf, *footers = store.lay_out(documents, search_path, workers)
        if front_pdf.pages == front_pages:
            break
        front_pages = front_pdf.pages
    else:  # the contents never settled on a length: lay the book out in one pass
        return _one_pass(book, render, search_path, epoch, rounds=store.rounds + 1,
                         workers=workers)
    end_ready(import_weasyprint)  # joining a large book takes memory: the workers' is given back
    parts[0] = OpenedPart(Part(front_pdf.data, front.outline_depth, front.borrowed))
    data = join(parts, [footer.data for footer in footers])
    store.remember(units[0].html, {"pages": pages, "total": total})
    store.prune()
    refused = tuple(dict.fromkeys(url for r in (*laid, front_pdf, *footers) for url in r.refused))
    warnings = glyph_warnings("".join(u.html for u in units), search_path)
    return Book(PdfResult(data, total, refused), len(units), store.misses, store.rounds,
                tuple(warnings))


def _one_pass(book: HandbookContext, render, search_path: SearchPath, epoch: int,
              rounds: int, workers: int) -> Book:
    """The book laid out as one document: here, or with a second core in a worker started
    before its HTML is made."""
    worker = EarlyWorker(import_weasyprint, "the handbook") \
        if worker_count(workers) > 1 else None
    with worker or contextlib.nullcontext():
        html = render(book)
        laid_out = worker.submit(html_to_pdf, html, search_path, None, epoch) if worker else None
        warnings = tuple(glyph_warnings(html, search_path))
        pdf = laid_out() if laid_out else html_to_pdf(html, search_path, None, epoch)
    return Book(pdf, 1, 1, rounds, warnings)


def chapters(book: HandbookContext, search_path: SearchPath) -> list[tuple[str, str]]:
    """(name, HTML) of each chapter unit of the print handbook: what shards lay out apart;
    none for a book of one chapter unit, which is laid out in one pass.

    The name is a digest of the HTML, so every shard names a unit alike.
    """
    units = list(chapter_units(book, _renderer(search_path)))
    return [(digest(u.html)[:20], u.html) for u in units] if len(units) > 1 else []


def _renderer(search_path: SearchPath):
    """The handbook template rendered for a (cut) book context: what a unit's HTML is."""
    def render(context: HandbookContext) -> str:
        return search_path.render(TEMPLATE, book=context)

    return render


def lay_out_chapters(units: Sequence[str], search_path: SearchPath, cache: Optional[Path],
                     workers: int) -> int:
    """Lay out these chapter units' HTML into the unit cache (a shard's share); how many."""
    store = UnitCache(cache, search_path)
    store.lay_out([(html, UNIT_EPOCH) for html in units], search_path, workers)
    return store.misses


def _numbers(facts: Optional[dict]) -> Optional[tuple[dict[str, str], int]]:
    """The page numbers and length a remembered book had; None unless well formed (the file
    is under out/, which a cache restored in CI may have filled)."""
    if not isinstance(facts, dict):
        return None
    pages, total = facts.get("pages"), facts.get("total")
    if not (isinstance(pages, dict) and isinstance(total, int) and 0 < total <= MAX_PAGES
            and all(isinstance(k, str) and isinstance(v, str) and v.isdigit() and len(v) < 7
                    for k, v in pages.items())):
        return None
    return pages, total


def _page_numbers(chapters: Sequence, first: int) -> dict[str, str]:
    """The book's page number of every anchor of `chapters`, which start on page `first`."""
    numbers: dict[str, str] = {}
    for part in chapters:
        for name, page in part.anchor_pages().items():
            numbers.setdefault(name, str(first + page))
        first += part.page_count
    return numbers


class UnitCache:
    """Laid-out units by a digest of their HTML, the templates, the variant and the engine.

    Without a folder, nothing is kept and every unit is laid out.
    """

    def __init__(self, folder: Optional[Path], search_path: SearchPath):
        self.folder = folder
        self.used: set[str] = set()
        self.misses = 0
        self.rounds = 0
        if folder is not None:
            self.common = digest(__version__, metadata.version("weasyprint"),
                                 folder_digest(search_path.folders))

    def lay_out(self, documents: Sequence[tuple[str, int]], search_path: SearchPath,
                workers: int) -> list[PdfResult]:
        """The PDF of each `(html, epoch)`, from the cache or laid out (in parallel), in order."""
        keys = [self._key(html, epoch) for html, epoch in documents]
        results: dict[int, PdfResult] = {}
        for index, key in enumerate(keys):
            found = self._get(key)
            if found is not None:
                results[index] = found
        # the largest first, so that no worker is left with a long unit when the others are done
        todo = sorted(((i, *document) for i, document in enumerate(documents) if i not in results),
                      key=lambda item: -len(item[1]))
        self.misses += len(todo)
        self.rounds += bool(todo)
        if todo:
            for (index, _, _), result in run(todo, partial(_lay_out_item, search_path=search_path),
                                             workers, prepare=import_weasyprint):
                results[index] = result
                self._put(keys[index], result)
        return [results[i] for i in range(len(documents))]

    def recall(self, name: str) -> Optional[dict]:
        """What `remember` kept under `name` (any text: it is digested), if anything."""
        return self._memory().get(digest(name))

    def remember(self, name: str, facts: dict) -> None:
        """Keep `facts` (JSON) under `name` for the next run; the last `MEMORIES` names."""
        if self.folder is None:
            return
        memory = self._memory()
        memory.pop(digest(name), None)
        memory[digest(name)] = facts
        kept = dict(list(memory.items())[-MEMORIES:])
        try:
            write_atomic(self.folder / "books.json", json.dumps(kept).encode("utf-8"))
        except (OSError, OutputError):
            pass

    def _memory(self) -> dict:
        if self.folder is None:
            return {}
        try:
            found = json.loads((self.folder / "books.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return found if isinstance(found, dict) else {}

    def _key(self, html: str, epoch: int) -> str:
        key = digest(html, str(epoch), self.common) if self.folder is not None else ""
        self.used.add(key)
        return key

    def _get(self, key: str) -> Optional[PdfResult]:
        if self.folder is None:
            return None
        pdf, meta = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        try:
            data, facts = pdf.read_bytes(), json.loads(meta.read_text(encoding="utf-8"))
            os.utime(pdf)  # the cache forgets the least recently used first
        except (OSError, ValueError):
            return None
        return PdfResult(data, facts["pages"], tuple(facts["refused"]))

    def _put(self, key: str, result: PdfResult) -> None:
        if self.folder is None:
            return
        try:
            write_atomic(self.folder / f"{key}.pdf", result.data)
            facts = {"pages": result.pages, "refused": list(result.refused)}
            write_atomic(self.folder / f"{key}.json", json.dumps(facts).encode("utf-8"))
        except (OSError, OutputError):
            pass  # a cache that cannot be written only makes the next run slower

    def prune(self) -> None:
        """Forget the least recently used units beyond `KEEP_UNITS` books of this size."""
        if self.folder is None or not self.folder.is_dir():
            return
        keep = max(64, KEEP_UNITS * len(self.used))
        files = sorted(self.folder.glob("*.pdf"), key=_mtime, reverse=True)
        for pdf in files[keep:]:
            if pdf.stem not in self.used:
                for path in (pdf, pdf.with_suffix(".json")):
                    path.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _lay_out_item(item: tuple[int, str, int], search_path: SearchPath) -> PdfResult:
    _, html, epoch = item
    return html_to_pdf(html, search_path, None, epoch)

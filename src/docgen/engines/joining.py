"""PDFs laid out apart joined into one book, with pikepdf (qpdf).

What WeasyPrint would have made of the whole at once is rebuilt: the pages
in order, an overlay drawn over them (the running footer, which is the one
thing on a page that depends on the whole book), the named destinations
that links point to, the outline nested across parts, and the metadata and
language of the first part.  Links in WeasyPrint's PDFs name their
destination, so they follow the pages without being rewritten.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Iterator, Sequence

import pikepdf

CATALOG_KEYS = ("/Lang", "/PageMode", "/PageLayout", "/ViewerPreferences")
OVERLAY = pikepdf.Name("/DocgenOverlay")


@dataclass(frozen=True)
class Part:
    """One PDF to join, and how it fits in the book."""

    data: bytes
    outline_depth: int = 0  # its top bookmarks sit this deep in the book's outline
    borrowed: frozenset[str] = frozenset()  # its destinations that another part holds for real


@dataclass(frozen=True)
class Bookmark:
    """One outline entry, flat: depth in the book, title, and where it points."""

    depth: int
    title: str
    page: int  # 0-based, in its own part until joined
    left: float
    top: float


class OpenedPart:
    """A part's PDF, opened once: its pages, destinations and outline."""

    def __init__(self, part: Part):
        self.part = part
        self.pdf = pikepdf.open(io.BytesIO(part.data))
        self._index = {page.objgen: n for n, page in enumerate(self.pdf.pages)}

    @property
    def page_count(self) -> int:
        """How many pages the part has."""
        return len(self.pdf.pages)

    def destinations(self) -> Iterator[tuple[str, int, list]]:
        """`(name, page, rest of the destination)` for each named destination it holds."""
        names = self.pdf.Root.get("/Names")
        if names is None or "/Dests" not in names:
            return
        for name, target in pikepdf.NameTree(names.Dests).items():
            if name in self.part.borrowed or not isinstance(target, pikepdf.Array):
                continue
            page = self._index.get(target[0].objgen)
            if page is not None:
                yield name, page, list(target[1:])

    def anchor_pages(self) -> dict[str, int]:
        """The 0-based page of each named destination it holds."""
        return {name: page for name, page, _ in self.destinations()}

    def bookmarks(self) -> list[Bookmark]:
        """Its outline, flattened in reading order, depths counted in the book."""
        found: list[Bookmark] = []
        with self.pdf.open_outline() as outline:
            self._walk(outline.root, self.part.outline_depth, found)
        return found

    def _walk(self, items, depth: int, found: list[Bookmark]) -> None:
        for item in items:
            target = item.destination
            if isinstance(target, pikepdf.Array) and target[0].objgen in self._index:
                found.append(Bookmark(depth, str(item.title), self._index[target[0].objgen],
                                      float(target[2]), float(target[3])))
            self._walk(item.children, depth + 1, found)


def join(parts: Sequence[OpenedPart], overlays: Sequence[bytes] = ()) -> bytes:
    """One PDF of every part's pages in order, the N-th page of `overlays` (their pages one
    after another) drawn over page N."""
    book = pikepdf.new()
    offsets, destinations, bookmarks = [], {}, []
    for part in parts:
        offsets.append(len(book.pages))
        with warnings.catch_warnings():  # destinations and outline are rebuilt below
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            book.pages.extend(part.pdf.pages)
        for name, page, rest in part.destinations():
            destinations[name] = (offsets[-1] + page, rest)
        bookmarks += [_moved(b, offsets[-1]) for b in part.bookmarks()]
    if overlays:
        _draw_over(book, [pikepdf.open(io.BytesIO(overlay)) for overlay in overlays])
    _set_destinations(book, destinations)
    _set_outline(book, bookmarks)
    if parts:
        _copy_metadata(parts[0].pdf, book)
    buffer = io.BytesIO()
    # deterministic_id: the /ID from the content, so the same parts give the same bytes
    book.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def _moved(bookmark: Bookmark, offset: int) -> Bookmark:
    return Bookmark(bookmark.depth, bookmark.title, bookmark.page + offset, bookmark.left,
                    bookmark.top)


def _draw_over(book: pikepdf.Pdf, overlays: Sequence[pikepdf.Pdf]) -> None:
    over_pages = [page for overlay in overlays for page in overlay.pages]
    if len(over_pages) != len(book.pages):
        raise ValueError(f"the overlay has {len(over_pages)} pages, the book "
                         f"{len(book.pages)}")
    for page, over in zip(book.pages, over_pages):
        # Pages of the same size: drawn as it is, under a fixed name (add_overlay picks a random
        # one, and the bytes would differ from run to run), in resources of the page's own
        # (WeasyPrint's pages share theirs).
        resources = pikepdf.Dictionary(dict(page.obj.get("/Resources", {}).items()))
        xobjects = pikepdf.Dictionary(dict(resources.get("/XObject", {}).items()))
        xobjects[OVERLAY] = book.copy_foreign(over.as_form_xobject())
        resources.XObject = xobjects
        page.obj.Resources = resources
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(b"Q\nq " + bytes(OVERLAY) + b" Do Q\n")


def _set_destinations(book: pikepdf.Pdf, destinations: dict) -> None:
    if not destinations:
        return
    # One leaf of every name, in the byte order of their PDF strings, as WeasyPrint writes it:
    # inserting into a NameTree one by one took a third of the joining.
    pages = [page.obj for page in book.pages]
    strings = {name: pikepdf.String(name) for name in destinations}
    flat = []
    for name in sorted(destinations, key=lambda name: bytes(strings[name])):
        page, rest = destinations[name]
        flat += [strings[name], pikepdf.Array([pages[page], *rest])]
    book.Root.Names = pikepdf.Dictionary(Dests=book.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(flat))))


def _set_outline(book: pikepdf.Pdf, bookmarks: list[Bookmark]) -> None:
    """Nest the flat bookmarks as WeasyPrint does: under the last shallower one."""
    if not bookmarks:
        return
    with book.open_outline() as outline:
        stack: list[tuple[int, pikepdf.OutlineItem]] = []
        for mark in bookmarks:
            item = pikepdf.OutlineItem(mark.title, mark.page, "XYZ", left=mark.left,
                                       top=mark.top)
            while stack and stack[-1][0] >= mark.depth:
                stack.pop()
            (stack[-1][1].children if stack else outline.root).append(item)
            stack.append((mark.depth, item))


def _copy_metadata(first: pikepdf.Pdf, book: pikepdf.Pdf) -> None:
    book.docinfo = book.copy_foreign(first.docinfo)
    for key in CATALOG_KEYS:
        if key in first.Root:
            book.Root[key] = book.copy_foreign(first.Root[key]) \
                if isinstance(first.Root[key], (pikepdf.Dictionary, pikepdf.Array)) \
                else first.Root[key]

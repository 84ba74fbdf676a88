"""The print handbook cut into units, each laid out on its own: front matter, then chapters.

A unit is HTML that WeasyPrint lays out as a document of its own, in
parallel with the others and cached by its bytes, so that editing one
framework lays out one chapter again.  Every unit starts on a new page
in the whole book too (chapters and levels break before), which is what
makes the joined book equal to the book laid out in one pass.

A chapter with more than `UNIT_CHARACTERS` of text (as estimated from its
criteria, before any HTML is made) is cut further: its title and overview,
then each level; a level still larger is cut between criteria, the rest
going on in a new page without a heading.  Memory is
then bounded by the largest unit, not by the book.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Mapping

from docgen.documents.handbook.context import (
    CategoryView,
    ChapterView,
    CriterionView,
    HandbookContext,
    LevelView,
    UnitView,
)
from docgen.engines.pdf import LAYOUT_CHARACTERS

UNIT_CHARACTERS = LAYOUT_CHARACTERS
"""Text a unit may hold before its chapter is cut into levels."""

PLACEHOLDER_PAGE = "000"  # in the contents while the pages of the chapters are not yet known
PLACEHOLDER_DATE = "00 September 0000"  # the longest date

_HREF = re.compile(r'href="#([^"]+)"')
_ID = re.compile(r'\bid="([^"]+)"')


@dataclass(frozen=True)
class Unit:
    """One unit's HTML, and what the joining needs to know of it."""

    name: str  # for messages: "the front matter", a chapter's title
    html: str
    outline_depth: int  # how deep its first bookmarks sit in the book's outline (0: top)
    borrowed: frozenset[str]  # anchors it holds only as targets of its links: others have them


Render = Callable[[HandbookContext], str]


def front_unit(book: HandbookContext, render: Render,
               pages: Mapping[str, str] | None = None) -> Unit:
    """The cover, contents and colophon; `pages` numbers the contents.

    Without `pages`, the placeholder laid out to count the front matter's
    pages: numbers, dates and counts as placeholders, so it depends on the
    titles alone and comes from the cache when a framework's text is edited.
    """
    def numbered(targets: tuple[str, ...]) -> UnitView:
        numbers = pages if pages is not None else dict.fromkeys(targets, PLACEHOLDER_PAGE)
        return UnitView(front=True, head=False, targets=targets, pages=numbers)

    if pages is None:
        book = replace(book, date=PLACEHOLDER_DATE, date_iso=PLACEHOLDER_DATE,
                       edition=PLACEHOLDER_PAGE * 3, criteria_count=0)
    return _unit("the front matter", book, render, numbered, 0)


def chapter_units(book: HandbookContext, render: Render) -> Iterator[Unit]:
    """The units of every chapter, in the book's order."""
    for part in book.parts:
        for chapter in part.chapters:
            yield from _chapter(replace(book, parts=(replace(part, chapters=(chapter,)),)),
                                chapter, render)


def one_chapter_unit(book: HandbookContext) -> bool:
    """True when `chapter_units` makes one unit of `book`: one chapter, not cut (known before
    any HTML is made)."""
    chapters = [chapter for part in book.parts for chapter in part.chapters]
    return len(chapters) == 1 and _whole(chapters[0])


def _whole(chapter: ChapterView) -> bool:
    """True when `chapter` is one unit, not cut into levels."""
    return sum(_level_size(level) for level in chapter.levels) <= UNIT_CHARACTERS


def _chapter(book: HandbookContext, chapter: ChapterView, render: Render) -> Iterator[Unit]:
    if _whole(chapter):
        yield _unit(chapter.title, book, render, _view(levels=chapter.levels), 0)
        return
    yield _unit(chapter.title, book, render, _view(levels=()), 0)
    for level in chapter.levels:
        for piece in _pieces(level):
            yield _unit(f"{chapter.title}, {level.label}", book, render,
                        _view(head=False, levels=(piece,)), 1)


def _view(**fields) -> Callable[[tuple[str, ...]], UnitView]:
    return lambda targets: UnitView(targets=targets, **fields)


def _unit(name: str, book: HandbookContext, render: Render,
          view: Callable[[tuple[str, ...]], UnitView], outline_depth: int) -> Unit:
    """Render the unit; when its links point outside it, again with their targets added."""
    html = render(replace(book, unit=view(())))
    targets = _borrowed(html)
    if targets:
        html = render(replace(book, unit=view(targets)))
    return Unit(name, html, outline_depth, frozenset(targets))


def _borrowed(html: str) -> tuple[str, ...]:
    """The anchors `html` links to and does not hold, in order of first use."""
    held = set(_ID.findall(html))
    return tuple(dict.fromkeys(t for t in _HREF.findall(html) if t not in held))


def _pieces(level: LevelView) -> Iterator[LevelView]:
    """`level` cut into pieces of about `UNIT_CHARACTERS` between its criteria."""
    pieces: list[list[CategoryView]] = [[]]
    room = UNIT_CHARACTERS
    for category in level.categories:
        taken: list[CriterionView] = []
        first = True
        for criterion in category.criteria:
            size = _size(criterion)
            if size > room and (taken or pieces[-1]):
                if taken:
                    pieces[-1].append(replace(category, criteria=tuple(taken),
                                              prose=category.prose if first else (),
                                              continued=not first))
                    first = False
                pieces.append([])
                taken, room = [], UNIT_CHARACTERS
            taken.append(criterion)
            room -= size
        if taken or not category.criteria:
            pieces[-1].append(replace(category, criteria=tuple(taken),
                                      prose=category.prose if first else (), continued=not first))
            room -= sum(len(p) for p in category.prose) if first else 0
    for number, categories in enumerate(pieces):
        yield replace(level, categories=tuple(categories), continued=number > 0)


def _level_size(level: LevelView) -> int:
    """About how much HTML `level` makes."""
    return sum(sum(map(_size, c.criteria)) + sum(map(len, c.prose)) for c in level.categories)


def _size(criterion: CriterionView) -> int:
    """About how much HTML `criterion` makes."""
    text = [criterion.html, *criterion.examples, *criterion.quotes]
    stack = list(criterion.details)
    while stack:
        detail = stack.pop()
        text.append(detail.html)
        stack.extend(detail.details)
    return 200 + sum(len(t) for t in text)

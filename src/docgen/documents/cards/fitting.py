"""Card decks into card pages: each level set as large as fits, down to a readable minimum.

A level is laid out at its deck's type size; while a level runs onto a
second card, its size is lowered a step, down to `MIN_SIZE` (at once when
it is far too long for one card).  What still
does not fit continues on further cards, each marked "continued" (nothing
is ever clipped).  Each pass lays out only the levels still too long, and
a level keeps the pages of the pass that fitted it; the kept pages of every
pass are written to PDF once, together (writing is a third of the work).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pypdf import PageObject

from docgen.documents.cards.context import CardDeck, with_font_sizes
from docgen.documents.cards.sheets import card_pages
from docgen.engines.pdf import LaidOut, lay_out
from docgen.engines.templating import SearchPath

MIN_SIZE = 6.5  # points: the smallest type a card may use
STEP = 0.5
TEMPLATE = "cards/cards.html"


@dataclass(frozen=True)
class CardPages:
    """One side of a deck as PDF pages, by level."""

    pages: dict[int, list[PageObject]]  # level number → its card pages, in order
    sizes: dict[int, float]  # level number → the type size it was set in
    refused: tuple[str, ...]


def render_side(deck: CardDeck, search_path: SearchPath, epoch: int) -> CardPages:
    """Lay out every card of `deck`, shrinking overfull levels; return the pages.

    `epoch` is the date the embedded fonts carry.
    """
    sizes = {card.number: card.font_size for card in deck.cards}
    pending = [card.number for card in deck.cards]
    fitted: dict[int, list] = {}  # level number → its laid-out WeasyPrint pages
    first: LaidOut | None = None
    refused: list[str] = []
    while pending:
        part = replace(with_font_sizes(deck, sizes),
                       cards=tuple(c for c in with_font_sizes(deck, sizes).cards
                                   if c.number in pending))
        laid = lay_out(search_path.render(TEMPLATE, deck=part), search_path, epoch=epoch)
        first = first or laid
        refused += laid.refused
        retry = []
        for number, indexes in _pages_per_level(part, laid).items():
            if len(indexes) > 1 and sizes[number] > MIN_SIZE:
                sizes[number] = _next_size(sizes[number], len(indexes))
                retry.append(number)
            else:
                fitted[number] = [laid.document.pages[i] for i in indexes]
        pending = retry
    order = [card.number for card in deck.cards]
    kept = [page for number in order for page in fitted[number]]
    pages = iter(card_pages(replace(first, document=first.document.copy(kept)).write()))
    by_level = {number: [next(pages) for _ in fitted[number]] for number in order}
    return CardPages(by_level, sizes, tuple(dict.fromkeys(refused)))


def _next_size(size: float, cards: int) -> float:
    """The size to try after `size` filled `cards` cards: a step smaller, or the minimum at once.

    Type area grows with the square of its size: a level that would fill more
    than one card even at the minimum goes there directly instead of being
    laid out again at every step (a framework of thousands of criteria).
    """
    surely_needs = (cards - 1) * (MIN_SIZE / size) ** 2  # cards at the minimum, at the least
    if surely_needs > 1.2:
        return MIN_SIZE
    return max(MIN_SIZE, round(size - STEP, 2))


def _pages_per_level(deck: CardDeck, laid: LaidOut) -> dict[int, list[int]]:
    starts = laid.pages_of([card.anchor for card in deck.cards])
    total = len(laid.document.pages)
    ordered = [(starts[c.anchor], c.number) for c in deck.cards]
    pages = {}
    for index, (start, number) in enumerate(ordered):
        end = ordered[index + 1][0] if index + 1 < len(ordered) else total
        pages[number] = list(range(start, end))
    return pages

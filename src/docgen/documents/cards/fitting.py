"""Card decks into card pages: each level set as large as fits, down to a readable minimum.

A level is laid out at its deck's type size; while a level runs onto a
second card, its size is lowered, down to `MIN_SIZE`: by as many steps as
the length it ran to says it needs (type area grows with the square of the
size), and at least one.  What still
does not fit continues on further cards, each marked "continued" (nothing
is ever clipped).  Each pass lays out only the levels still too long, and
a level keeps the pages of the pass that fitted it; the kept pages of every
pass are written to PDF once, together (writing is a third of the work).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from math import floor, sqrt
from typing import Optional

from pypdf import PageObject

from docgen.documents.cards.context import CardDeck, with_font_sizes
from docgen.documents.cards.sheets import card_pages
from docgen.engines.pdf import LAYOUT_CHARACTERS, LaidOut, lay_out
from docgen.engines.templating import SearchPath

MIN_SIZE = 6.5  # points: the smallest type a card may use
STEP = 0.5
TEMPLATE = "cards/cards.html"


class _Batch:
    """Levels laid out in the same documents: their pages, until written to PDF once."""

    def __init__(self, laid: dict[int, list], base: LaidOut):
        self.laid: Optional[dict[int, list]] = laid  # level number → laid-out WeasyPrint pages
        self.base = base  # a pass some of them come from, whose settings write them all
        self.written: Optional[dict[int, list[PageObject]]] = None

    def pages(self) -> dict[int, list[PageObject]]:
        """The PDF pages of each level; the layout is let go once they are written."""
        if self.written is None:
            kept = [page for pages in self.laid.values() for page in pages]
            document = self.base.document.copy(kept)
            written = iter(card_pages(replace(self.base, document=document).write()))
            self.written = {n: [next(written) for _ in pages] for n, pages in self.laid.items()}
            self.laid = self.base = None
        return self.written


@dataclass(frozen=True)
class FittedSide:
    """One side of a deck laid out, by level; written to PDF only when `pages` is asked for."""

    deck: CardDeck
    counts: dict[int, int]  # level number → how many cards it takes
    sizes: dict[int, float]  # level number → the type size it was set in
    refused: tuple[str, ...]
    batches: tuple[_Batch, ...]

    def count(self, level: int) -> int:
        """How many cards level `level` takes on this side."""
        return self.counts[level]

    def pages(self) -> dict[int, list[PageObject]]:
        """The PDF pages of each level, in the deck's order."""
        found = {n: pages for batch in self.batches for n, pages in batch.pages().items()}
        return {card.number: found[card.number] for card in self.deck.cards}


def fit_side(deck: CardDeck, search_path: SearchPath, epoch: int) -> FittedSide:
    """Lay out every card of `deck`, shrinking overfull levels.

    A deck of more than `LAYOUT_CHARACTERS` of HTML is laid out in batches of
    levels, each written as soon as it fits, so memory is bounded by the
    largest level rather than the deck.  `epoch` is the date the embedded
    fonts carry.
    """
    sizes = {card.number: card.font_size for card in deck.cards}
    batches, refused = [], []
    groups = _groups(deck, search_path, sizes)
    for cards in groups:
        batch, found = _fit(replace(deck, cards=cards), sizes, search_path, epoch)
        if len(groups) > 1:
            batch.pages()
        batches.append(batch)
        refused += found
    counts = {n: len(pages) for batch in batches
              for n, pages in (batch.written or batch.laid).items()}
    return FittedSide(deck, counts, sizes, tuple(dict.fromkeys(refused)), tuple(batches))


def _fit(deck: CardDeck, sizes: dict[int, float], search_path: SearchPath,
         epoch: int) -> tuple[_Batch, list[str]]:
    """Lay out the cards of `deck` until each fits or is at the minimum size (`sizes` kept)."""
    pending = [card.number for card in deck.cards]
    fitted: dict[int, list] = {}  # level number → its laid-out WeasyPrint pages
    base: Optional[LaidOut] = None  # a pass whose pages are kept: it writes them all
    refused: list[str] = []
    while pending:
        part = replace(with_font_sizes(deck, sizes),
                       cards=tuple(c for c in with_font_sizes(deck, sizes).cards
                                   if c.number in pending))
        laid = lay_out(search_path.render(TEMPLATE, deck=part), search_path, epoch=epoch)
        refused += laid.refused
        retry = []
        pages_of = _pages_per_level(part, laid)
        for card in part.cards:
            indexes = pages_of[card.number]
            if len(indexes) > 1 and sizes[card.number] > MIN_SIZE:
                sizes[card.number] = _next_size(sizes[card.number],
                                                _cards_filled(laid, card.anchor, indexes))
                retry.append(card.number)
            else:
                fitted[card.number] = [laid.document.pages[i] for i in indexes]
                base = laid
        pending = retry
        del laid  # a pass whose pages are all set aside is let go before the next
    return _Batch({card.number: fitted[card.number] for card in deck.cards}, base), refused


def _groups(deck: CardDeck, search_path: SearchPath,
            sizes: dict[int, float]) -> list[tuple]:
    """The deck's cards in runs of at most `LAYOUT_CHARACTERS` of HTML (a larger card alone).

    A card that large fills a hundred cards and more: it starts at the
    minimum size in `sizes` rather than being laid out at every size first.
    """
    groups: list[list] = [[]]
    room = LAYOUT_CHARACTERS
    for card in deck.cards:
        size = len(search_path.render(TEMPLATE, deck=replace(deck, cards=(card,))))
        if size > LAYOUT_CHARACTERS:
            sizes[card.number] = MIN_SIZE
        if size > room and groups[-1]:
            groups.append([])
            room = LAYOUT_CHARACTERS
        groups[-1].append(card)
        room -= size
    return [tuple(group) for group in groups]


def _next_size(size: float, filled: float) -> float:
    """The size to try after `size` filled `filled` cards (2.3: two and a third of a third).

    The size at which the text would take one card, as type area grows with
    the square of the size, rounded down to a step; at least one step
    smaller, and not below the minimum.  A framework of thousands of
    criteria goes to the minimum at once instead of through every step.
    """
    estimate = floor(size * sqrt(1 / filled) / STEP) * STEP
    return max(MIN_SIZE, min(round(size - STEP, 2), estimate))


def _cards_filled(laid: LaidOut, anchor: str, indexes: list[int]) -> float:
    """How many cards the level at `anchor` fills: whole ones, and the part of its last.

    Measured from where its start and end markers stand (the bottom margin is
    counted as filled: an estimate on the safe side).
    """
    first, last = laid.document.pages[indexes[0]], laid.document.pages[indexes[-1]]
    top = first.anchors[anchor][1]
    end = last.anchors.get(f"{anchor}-end", (0, last.height))[1]
    return len(indexes) - 1 + max(0.05, (end - top) / (last.height - top))


def _pages_per_level(deck: CardDeck, laid: LaidOut) -> dict[int, list[int]]:
    starts = laid.pages_of([card.anchor for card in deck.cards])
    total = len(laid.document.pages)
    ordered = [(starts[c.anchor], c.number) for c in deck.cards]
    pages = {}
    for index, (start, number) in enumerate(ordered):
        end = ordered[index + 1][0] if index + 1 < len(ordered) else total
        pages[number] = list(range(start, end))
    return pages

"""Card decks into card pages: each level set as large as fits, down to a readable minimum.

A level is laid out at its deck's type size; while a level runs onto a
second card, its size is lowered a step, down to `MIN_SIZE`.  What still
does not fit continues on further cards, each marked "continued"
(nothing is ever clipped).
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.cardcontext import CardDeck, with_font_sizes
from docgen.render.pdf import LaidOut, lay_out
from docgen.templating import SearchPath

MIN_SIZE = 6.5  # points: the smallest type a card may use
STEP = 0.5
TEMPLATE = "cards/cards.html"


@dataclass(frozen=True)
class CardPages:
    """One side of a deck as PDF pages, and which pages belong to which level."""

    pdf: bytes
    pages: dict[int, list[int]]  # level number → its 0-based pages, in order
    sizes: dict[int, float]  # level number → the type size it was set in
    refused: tuple[str, ...]
    accent: str  # the band's colour and height, drawn when the cards are imposed
    band_mm: float


def render_side(deck: CardDeck, search_path: SearchPath) -> CardPages:
    """Lay out every card of `deck`, shrinking overfull levels; return the pages."""
    sizes = {card.number: card.font_size for card in deck.cards}
    while True:
        laid = lay_out(search_path.render(TEMPLATE, deck=with_font_sizes(deck, sizes)), search_path)
        pages = _pages_per_level(deck, laid)
        overfull = [n for n, p in pages.items() if len(p) > 1 and sizes[n] > MIN_SIZE]
        if not overfull:
            return CardPages(laid.write(), pages, sizes, laid.refused, deck.accent, deck.band_mm)
        for number in overfull:
            sizes[number] = max(MIN_SIZE, round(sizes[number] - STEP, 2))


def _pages_per_level(deck: CardDeck, laid: LaidOut) -> dict[int, list[int]]:
    starts = laid.pages_of([card.anchor for card in deck.cards])
    total = len(laid.document.pages)
    ordered = [(starts[c.anchor], c.number) for c in deck.cards]
    pages = {}
    for index, (start, number) in enumerate(ordered):
        end = ordered[index + 1][0] if index + 1 < len(ordered) else total
        pages[number] = list(range(start, end))
    return pages

"""What `docgen cards` makes: one PDF of imposed level cards per framework.

Fronts and backs are laid out separately (each level as large as fits),
paired card by card — a level that needs two fronts gets two backs — and
imposed on sheets for long-edge duplex printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from docgen.cardcontext import BACKS, build_card_deck
from docgen.imposition import BLEED, CARD_SIZES, MM, plan
from docgen.model import Framework
from docgen.render import Rendered
from docgen.render.cards import render_side
from docgen.render.impose import Band, impose
from docgen.templating import SearchPath

# Type size a card starts from, by card size (smaller cards start smaller).
BASE_SIZE = {"A6": 8.5, "A7": 7.5, "3x5in": 7.5, "4x6in": 8.5, "poker": 7.0}


@dataclass(frozen=True)
class CardSettings:
    """Everything about cards that does not come from the framework."""

    search_path: SearchPath
    card: str
    sheet: str
    back: str
    per_sheet: int
    colours: Mapping[str, str]
    organisation: str
    date: datetime


def make_cards(framework: Framework, settings: CardSettings) -> Rendered:
    """The imposed card sheets of `framework` as one PDF."""
    if settings.back not in BACKS:
        raise ValueError(f"unknown card back '{settings.back}'")
    width, height = CARD_SIZES[settings.card]
    layout = plan(settings.card, settings.sheet, settings.per_sheet)
    sides = {}
    for side in ("front", "back"):
        deck = build_card_deck(framework, side=side, card=settings.card, width_mm=width / MM,
                               height_mm=height / MM, bleed_mm=BLEED / MM, back=settings.back,
                               colours=settings.colours, font_size=BASE_SIZE[settings.card])
        sides[side] = render_side(deck, settings.search_path, int(settings.date.timestamp()))
    cards, warnings = [], []
    for level in framework.levels:
        fronts = sides["front"].pages[level.number]
        backs = sides["back"].pages[level.number]
        if settings.back == "blank":
            backs = []
        for index in range(max(len(fronts), len(backs))):
            cards.append((fronts[index] if index < len(fronts) else None,
                          backs[index] if index < len(backs) else None))
        for side, label in (("front", "front"), ("back", "back")):
            count = len(sides[side].pages[level.number])
            if count > 1 and not (side == "back" and settings.back == "blank"):
                warnings.append(f"{framework.id} Level {level.number}: the {label} does not fit "
                                f"one {settings.card} card even at {sides[side].sizes[level.number]}"
                                f" pt; it continues on {count - 1} more card(s) marked "
                                "'continued'")
    metadata = {"Title": f"{framework.title}: level cards", "Author": settings.organisation or "docgen",
                "Subject": f"{len(framework.levels)} levels, {settings.card} cards on "
                           f"{settings.sheet if settings.per_sheet != 1 else 'single'} sheets",
                "Creator": "docgen", "CreationDate": _pdf_date(settings.date),
                "ModDate": _pdf_date(settings.date)}
    band = Band(deck.accent, deck.band_mm * MM)
    data = impose(cards, layout, band, metadata)
    refused = sides["front"].refused + sides["back"].refused
    warnings += [f"a template asked for {url}, which docgen does not load" for url in refused]
    sheets = -(-len(cards) // layout.per_sheet) * 2
    return Rendered(data, "application/pdf", pages=sheets, warnings=tuple(warnings))


def _pdf_date(when: datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%SZ")

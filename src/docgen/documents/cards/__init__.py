"""Level cards: one PDF per framework, one card per level, imposed several-up with crop marks.

Fronts and backs are laid out separately (each level as large as fits:
`fitting.py`), paired card by card — a level that needs two fronts gets two
backs — and imposed on sheets for long-edge duplex printing (`imposition.py`
is the geometry, `sheets.py` draws the sheets).  `context.py` is what the
card template sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Mapping, Optional, Sequence

from docgen.changes.marks import ChangeMarks, marks_since
from docgen.config import AUTO_CARDS, CARD_BACKS
from docgen.documents import DocumentKind, DocumentSettings, Job, Rendered
from docgen.documents.cards.context import build_card_deck
from docgen.documents.cards.fitting import FittedSide, fit_side
from docgen.documents.cards.imposition import BLEED, CARD_SIZES, MM, plan as sheet_layout
from docgen.documents.cards.sheets import Band, impose
from docgen.engines.pdf import refused_warnings
from docgen.model import Framework
from docgen.output import cards_file
from docgen.report import counted

# Type size a card starts from, by card size (smaller cards start smaller).
BASE_SIZE = {"A5": 9.5, "A6": 8.5, "A7": 7.5, "3x5in": 7.5, "4x6in": 8.5, "poker": 7.0}


@dataclass(frozen=True)
class CardSettings(DocumentSettings):
    """Cards' settings: the shared ones (`paper` is the sheet), card size, backs, colours."""

    card: str = "auto"  # or one of CARD_SIZES
    back: str = "auto"
    per_sheet: int = 0  # 0: as many as fit; 1: one card a page, for a print shop
    colours: Mapping[str, str] = field(default_factory=dict)
    marks: Optional[ChangeMarks] = None  # criteria changed since a revision, to mark


def settings(project, *, per_sheet: Optional[int] = None,
             templates: Sequence[Path] = ()) -> CardSettings:
    """The card settings of `project` (card size, backs and paper come from its configuration)."""
    config = project.config
    return CardSettings(**DocumentSettings.common(project, templates), card=config.card,
                        back=config.card_back, per_sheet=per_sheet or 0,
                        colours=dict(config.colours), marks=marks_since(project))


def plan(catalog, settings: CardSettings) -> list[Job]:
    """One job per framework with levels: `cards/<framework>.pdf`."""
    return [Job(KIND.name, (cards_file(fw.id),), catalog.sources_of(fw), (fw,))
            for fw in catalog.frameworks if fw.levels]


def skipped(catalog, settings: CardSettings) -> list[str]:
    """A note for each framework without levels (a prose page): it has no cards."""
    return [f"{fw.id} has no levels, so it has no level cards" for fw in catalog.frameworks
            if not fw.levels]


def render(job: Job, settings: CardSettings) -> tuple[Rendered, ...]:
    """The job's framework as one PDF of card sheets."""
    return (make_cards(job.frameworks[0], settings, job.outputs[0]),)


def make_cards(framework: Framework, settings: CardSettings, path: str) -> Rendered:
    """The imposed card sheets of `framework` as one PDF, to be written to `path`.

    With `card = "auto"`, the first size of `AUTO_CARDS` on which no level
    needs exactly two cards (the last one when each does): a level that fits
    two cards fits one of the next size (twice the area); one that needs more
    will not, so that size is kept rather than laid out again for nothing.
    A side is laid out once: its cards are written only for the size kept.
    """
    assert settings.back in CARD_BACKS, settings.back  # config.py only lets choices through
    sizes = AUTO_CARDS if settings.card == "auto" else (settings.card,)
    for card in sizes:
        sides = _card_sides(framework, settings, card, last=card == sizes[-1])
        if sides is not None:
            break
    layout = sheet_layout(card, settings.paper, settings.per_sheet)
    front = sides["front"].pages()
    back = sides["back"].pages() if "back" in sides else {}
    cards, warnings = [], []
    for level in framework.levels:
        fronts, backs = front[level.number], back.get(level.number, [])
        for index in range(max(len(fronts), len(backs))):
            cards.append((fronts[index] if index < len(fronts) else None,
                          backs[index] if index < len(backs) else None))
        for side, fitted in sides.items():
            count = fitted.count(level.number)
            if count > 1:
                warnings.append(f"{framework.id} Level {level.number}: the {side} does not fit "
                                f"one {card} card even at {fitted.sizes[level.number]}"
                                f" pt; it continues on {count - 1} more card(s) marked "
                                "'continued'")
    metadata = {"Title": f"{framework.title}: level cards", "Author": settings.organisation or "docgen",
                "Subject": f"{counted(len(framework.levels), 'level')}, {card} cards on "
                           f"{settings.paper if settings.per_sheet != 1 else 'single'} sheets",
                "Creator": "docgen", "CreationDate": _pdf_date(settings.date),
                "ModDate": _pdf_date(settings.date)}
    deck = sides["front"].deck
    band = Band(deck.accent, deck.band_mm * MM)
    data = impose(cards, layout, band, metadata)
    refused = tuple(url for fitted in sides.values() for url in fitted.refused)
    warnings += refused_warnings(refused)
    sheets = -(-len(cards) // layout.per_sheet) * 2
    return Rendered(path, data, "application/pdf", pages=sheets, warnings=tuple(warnings))


def _card_sides(framework: Framework, settings: CardSettings, card: str,
                last: bool) -> Optional[dict[str, FittedSide]]:
    """The printed sides of `framework`'s cards laid out at size `card`.

    None, unless `last`, as soon as a side has a level that needs two cards:
    the next size up holds twice as much, and the rest need not be laid out
    at this one.
    """
    sides = {}
    for side in ("front",) if settings.back == "blank" else ("front", "back"):
        sides[side] = fit_side(_deck(framework, settings, card, side), settings.search_path,
                               int(settings.date.timestamp()))
        if not last and max(sides[side].counts.values(), default=1) == 2:
            return None
    return sides


def _deck(framework: Framework, settings: CardSettings, card: str, side: str):
    width, height = CARD_SIZES[card]
    return build_card_deck(framework, side=side, card=card, width_mm=width / MM,
                           height_mm=height / MM, bleed_mm=BLEED / MM, back=settings.back,
                           colours=settings.colours, font_size=BASE_SIZE[card],
                           changed=settings.marks.changed_in(framework.id)
                           if settings.marks else {})


def _pdf_date(when: datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%SZ")


KIND = DocumentKind("cards", "cards", settings, plan, render, skipped)

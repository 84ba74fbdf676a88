"""Model → what the level-card templates see (`templates/cards/`).

One `CardDeck` per framework and side (fronts or backs); each `LevelCard`
is one level, which the renderer may spread over more than one physical
card when it does not fit.  Text that holds HTML is safe `Markup`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Optional

from markupsafe import Markup

from docgen.compare import level_changes
from docgen.documents.handbook.context import DetailView, detail_views, level_label
from docgen.markup import block_html, inline_html
from docgen.model import Category, Framework

# Dark enough for white text and for text on white, and apart in lightness, so
# they still read when printed in greyscale.
DEFAULT_PALETTE = ("#1d4f73", "#9a3412", "#3f6212", "#6b21a8", "#0f766e", "#a16207",
                   "#be123c", "#334155")
BACKS = ("auto", "examples", "new", "blank")


@dataclass(frozen=True)
class CardCriterion:
    """A criterion on the front of a card."""

    html: Markup
    details: tuple[DetailView, ...]
    changed: str = ""  # with change marks: "added", "reworded" or "moved" since the revision


@dataclass(frozen=True)
class CardCategory:
    """A category block on the front: its colour, criteria and prose."""

    title: str
    colour: str
    criteria: tuple[CardCriterion, ...]
    prose: tuple[Markup, ...]


@dataclass(frozen=True)
class BackEntry:
    """A line on the back: a criterion with its examples and quotes, or a new criterion."""

    category: str
    colour: str
    html: Markup
    examples: tuple[Markup, ...] = ()
    quotes: tuple[Markup, ...] = ()


@dataclass(frozen=True)
class CardBack:
    """What the back of a level's card shows."""

    kind: str  # "examples", "new" or "blank"
    title: str
    entries: tuple[BackEntry, ...]
    notes: tuple[str, ...]  # e.g. "Leadership is new at this level"


@dataclass(frozen=True)
class LevelCard:
    """One level's card(s): front content, back content, and the type size chosen to fit."""

    number: int
    label: str
    name: Optional[str]
    anchor: str  # id of the element that starts the card, to find its pages
    categories: tuple[CardCategory, ...]
    back: CardBack
    font_size: float = 8.5  # points; the renderer lowers it until the card fits


@dataclass(frozen=True)
class CardDeck:
    """The cards of one framework, one side at a time."""

    framework_id: str
    title: str
    short_title: str
    side: str  # "front" or "back"
    card: str  # size name, e.g. "A6"
    width_mm: float
    height_mm: float
    bleed_mm: float
    accent: str  # colour of the band at the top of every card
    cards: tuple[LevelCard, ...]
    band_mm: float = 11.0  # height of the band below the trim edge


def category_colours(framework: Framework, configured: Mapping[str, str]) -> dict[str, str]:
    """A colour for each category key: the configured one, else the next of the palette."""
    colours: dict[str, str] = {}
    for level in framework.levels:
        for category in level.categories:
            if category.key not in colours:
                colours[category.key] = configured.get(category.key) or \
                    DEFAULT_PALETTE[len(colours) % len(DEFAULT_PALETTE)]
    return colours


def build_card_deck(framework: Framework, *, side: str, card: str, width_mm: float,
                    height_mm: float, bleed_mm: float, back: str,
                    colours: Mapping[str, str], font_size: float,
                    changed: Mapping[str, str] = {}) -> CardDeck:
    """The deck of `framework` for one side; `changed` (criterion id → kind) are marked."""
    palette = category_colours(framework, colours)
    changes = {c.level.number: c for c in level_changes(framework)}
    cards = []
    for level in framework.levels:
        categories = tuple(_front_category(c, palette[c.key], changed)
                           for c in level.categories)
        cards.append(LevelCard(
            number=level.number, label=level_label(level), name=level.name,
            anchor=f"card-{level.number}", categories=categories,
            back=_back(level.categories, changes[level.number], palette, back),
            font_size=font_size))
    return CardDeck(framework.id, framework.title, framework.short_title or framework.title,
                    side, card, width_mm, height_mm, bleed_mm, DEFAULT_PALETTE[0], tuple(cards))


def with_font_sizes(deck: CardDeck, sizes: Mapping[int, float]) -> CardDeck:
    """The deck with each level's card set in the given type size."""
    return replace(deck, cards=tuple(replace(c, font_size=sizes.get(c.number, c.font_size))
                                     for c in deck.cards))


def _front_category(category: Category, colour: str,
                    changed: Mapping[str, str]) -> CardCategory:
    return CardCategory(
        title=category.title, colour=colour,
        criteria=tuple(CardCriterion(inline_html(c.text), detail_views(c.details),
                                     changed.get(c.id, ""))
                       for c in category.criteria),
        prose=tuple(block_html(p.text) for p in category.content))


def _back(categories, change, palette, kind: str) -> CardBack:
    with_callouts = [(cat, c) for cat in categories for c in cat.criteria if c.examples or c.quotes]
    if kind == "auto":
        kind = "examples" if with_callouts else "new"
    if kind == "blank":
        return CardBack("blank", "", (), ())
    if kind == "examples":
        entries = tuple(BackEntry(cat.title, palette[cat.key], inline_html(c.text),
                                  tuple(inline_html(e) for e in c.examples),
                                  tuple(inline_html(q) for q in c.quotes))
                        for cat, c in with_callouts)
        notes = () if entries else ("No examples or quotes at this level.",)
        return CardBack("examples", "Examples and quotes", entries, notes)
    entries, notes = [], []
    for cat_change in change.categories:
        colour = palette[cat_change.key]
        if cat_change.is_new and change.previous is not None:
            notes.append(f"{cat_change.title} is new at this level")
        if cat_change.carried:  # a real difference: name the new criteria
            entries += [BackEntry(cat_change.title, colour, inline_html(c.text))
                        for c in cat_change.new]
            notes.append(f"{cat_change.title}: {len(cat_change.carried)} as "
                         f"{level_label(change.previous)}")
        elif cat_change.prose_only:
            entries.append(BackEntry(cat_change.title, colour, Markup(
                "Described on the front" if change.previous is None
                else "New description" if cat_change.prose_changed
                else f"Same description as {level_label(change.previous)}")))
        elif cat_change.new:  # all new: they are on the front already
            count = len(cat_change.new)
            entries.append(BackEntry(cat_change.title, colour, Markup(
                f"All {count} criteri{'on is' if count == 1 else 'a are'} new"
                + (" at this level" if change.previous is not None else ""))))
    notes += [f"{title} is not listed at this level" for title in change.dropped]
    title = "New at this level" if change.previous is not None else "Where the framework starts"
    return CardBack("new", title, tuple(entries), tuple(notes))

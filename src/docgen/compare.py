"""What each level adds over the level before ("new at this level"), computed from the model.

Criteria are compared by their text (case and spacing ignored), category by
category; a category with no counterpart at the previous level is new.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from docgen.model import Category, Criterion, Framework, Level


@dataclass(frozen=True)
class CategoryChange:
    """How one category of a level differs from the same category one level down."""

    key: str
    title: str
    is_new: bool
    new: tuple[Criterion, ...]
    carried: tuple[Criterion, ...]
    prose_only: bool  # described in paragraphs, with no criteria
    prose_changed: bool  # its paragraphs differ from the level before


@dataclass(frozen=True)
class LevelChange:
    """What a level adds over `previous` (None for the first level)."""

    level: Level
    previous: Optional[Level]
    categories: tuple[CategoryChange, ...]
    dropped: tuple[str, ...]  # titles of categories the previous level had and this one lacks

    @property
    def new_count(self) -> int:
        """How many criteria are new at this level."""
        return sum(len(c.new) for c in self.categories)

    @property
    def carried_ids(self) -> frozenset[str]:
        """Ids of the criteria also stated at the previous level."""
        return frozenset(c.id for change in self.categories for c in change.carried)


def comparable(text: str) -> str:
    """`text` in the form criteria are compared in."""
    return " ".join(text.casefold().split()).rstrip(".")


def level_changes(framework: Framework) -> tuple[LevelChange, ...]:
    """For each level of `framework`, in order, what it adds over the one before."""
    changes = []
    previous: Optional[Level] = None
    for level in framework.levels:
        changes.append(_compare(level, previous))
        previous = level
    return tuple(changes)


def compare_levels(level: Level, previous: Optional[Level]) -> LevelChange:
    """What `level` adds over `previous` (any two levels, not only neighbours)."""
    return _compare(level, previous)


def _compare(level: Level, previous: Optional[Level]) -> LevelChange:
    before = {c.key: c for c in previous.categories} if previous else {}
    categories = tuple(_compare_category(c, before.get(c.key)) for c in level.categories)
    present = {c.key for c in level.categories}
    dropped = tuple(c.title for key, c in before.items() if key not in present)
    return LevelChange(level, previous, categories, dropped)


def _compare_category(category: Category, before: Optional[Category]) -> CategoryChange:
    stated = {comparable(c.text) for c in before.criteria} if before else set()
    new = tuple(c for c in category.criteria if comparable(c.text) not in stated)
    carried = tuple(c for c in category.criteria if comparable(c.text) in stated)
    prose = [comparable(p.text) for p in category.content]
    prose_before = [comparable(p.text) for p in before.content] if before else []
    return CategoryChange(category.key, category.title, before is None, new, carried,
                          prose_only=bool(prose) and not category.criteria,
                          prose_changed=prose != prose_before)

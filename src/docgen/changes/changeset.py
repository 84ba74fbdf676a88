"""What changed between two revisions of the frameworks, framework by framework, level by level.

`compare(old, new)` pairs frameworks (by id; a file renamed keeps its
criteria, so an unpaired pair sharing most of them is one framework
renamed), then criteria (`matching.match`), and says of each criterion
whether it was added, removed, reworded, moved, or had its details,
examples or quotes changed.  Criteria inherited from the generic framework
are compared once, in the generic framework.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from docgen.changes.matching import match, similarity, word_diff, words
from docgen.model import Category, Criterion, Framework, Level

ADDED, REMOVED, REWORDED, MOVED, DETAILS = "added", "removed", "reworded", "moved", "details"
KINDS = (ADDED, REMOVED, REWORDED, MOVED, DETAILS)
RENAMED_SHARE = 0.5  # a removed and an added framework sharing this share of criteria: renamed


@dataclass(frozen=True)
class Place:
    """Where a criterion is: level number and category title."""

    level: int
    category: str


@dataclass(frozen=True)
class CriterionChange:
    """One criterion's change; `old`/`new` are empty on the side where it is absent."""

    kind: str
    old_id: str
    new_id: str
    old_text: str
    new_text: str
    old_place: Optional[Place]
    new_place: Optional[Place]
    words: tuple[tuple[str, str], ...] = ()  # word diff of the text, when it changed
    what: tuple[str, ...] = ()  # of details, examples, quotes: those that changed

    @property
    def level(self) -> int:
        """The level it is listed under: where it is now, or was when removed."""
        return (self.new_place or self.old_place).level


@dataclass(frozen=True)
class FrameworkChanges:
    """The changes of one framework."""

    id: str
    title: str
    status: str  # added, removed, renamed, changed
    old_id: str = ""
    levels_added: tuple[int, ...] = ()
    levels_removed: tuple[int, ...] = ()
    criteria: tuple[CriterionChange, ...] = ()

    def by_level(self) -> list[tuple[int, list[CriterionChange]]]:
        """The criterion changes grouped by level, levels in order."""
        levels = sorted({c.level for c in self.criteria})
        return [(n, [c for c in self.criteria if c.level == n]) for n in levels]

    def count(self, kind: str) -> int:
        """How many criterion changes of `kind`."""
        return sum(1 for c in self.criteria if c.kind == kind)


def compare(old: Sequence[Framework], new: Sequence[Framework]) -> list[FrameworkChanges]:
    """Every framework that changed between `old` and `new`, in the new order, removed last."""
    old_by_id = {fw.id: fw for fw in old}
    new_by_id = {fw.id: fw for fw in new}
    gone = [fw for fw in old if fw.id not in new_by_id]
    came = [fw for fw in new if fw.id not in old_by_id]
    renamed = _renamed(gone, came)
    results = []
    for fw in new:
        before = old_by_id.get(fw.id) or renamed.get(fw.id)
        if before is None:
            results.append(FrameworkChanges(fw.id, fw.title, "added",
                                            levels_added=tuple(lv.number for lv in fw.levels),
                                            criteria=_all(fw, ADDED)))
            continue
        changes = _framework(before, fw)
        if before.id != fw.id or changes.criteria or changes.levels_added \
                or changes.levels_removed:
            results.append(changes)
    renamed_from = {fw.id for fw in renamed.values()}
    for fw in gone:
        if fw.id not in renamed_from:
            results.append(FrameworkChanges(fw.id, fw.title, "removed",
                                            levels_removed=tuple(lv.number for lv in fw.levels),
                                            criteria=_all(fw, REMOVED)))
    return results


def _own(fw: Framework) -> list[tuple[Level, Category, Criterion]]:
    return [(lv, cat, c) for lv, cat, c in fw.criteria() if not c.inherited]


def _renamed(gone: Sequence[Framework], came: Sequence[Framework]) -> dict[str, Framework]:
    """New id → the old framework it is, for frameworks whose file was moved or renamed."""
    found: dict[str, Framework] = {}
    for new in came:
        new_texts = {" ".join(words(c.text)) for _, _, c in _own(new)}
        best, best_share = None, 0.0
        for old in gone:
            if old in found.values():
                continue
            old_texts = {" ".join(words(c.text)) for _, _, c in _own(old)}
            share = len(old_texts & new_texts) / max(len(old_texts | new_texts), 1)
            if old.title == new.title:
                share = max(share, 1.0)
            if share > best_share:
                best, best_share = old, share
        if best is not None and best_share >= RENAMED_SHARE:
            found[new.id] = best
    return found


def _framework(old: Framework, new: Framework) -> FrameworkChanges:
    old_levels = {lv.number for lv in old.levels}
    new_levels = {lv.number for lv in new.levels}
    matched = match(_own(old), _own(new), key=lambda item: item[2].id,
                    text=lambda item: item[2].text)
    changes = []
    for (lv_a, cat_a, a), (lv_b, cat_b, b) in matched.pairs:
        change = _pair(Place(lv_a.number, cat_a.title), a, Place(lv_b.number, cat_b.title), b)
        if change is not None:
            changes.append(change)
    changes += [_one(REMOVED, lv, cat, c) for lv, cat, c in matched.removed]
    changes += [_one(ADDED, lv, cat, c) for lv, cat, c in matched.added]
    order = {c.id: i for i, (_, _, c) in enumerate(_own(new))}
    old_order = {c.id: i for i, (_, _, c) in enumerate(_own(old))}
    changes.sort(key=lambda c: (c.level, c.kind == REMOVED,
                                order.get(c.new_id, old_order.get(c.old_id, 0))))
    status = "renamed" if old.id != new.id else "changed"
    return FrameworkChanges(new.id, new.title, status, old.id if old.id != new.id else "",
                            tuple(sorted(new_levels - old_levels)),
                            tuple(sorted(old_levels - new_levels)), tuple(changes))


def _pair(old_place: Place, a: Criterion, new_place: Place,
          b: Criterion) -> Optional[CriterionChange]:
    text_changed = a.text != b.text
    moved = old_place != new_place
    what = tuple(name for name in ("details", "examples", "quotes")
                 if getattr(a, name) != getattr(b, name))
    if not (text_changed or moved or what):
        return None
    kind = MOVED if moved else REWORDED if text_changed else DETAILS
    return CriterionChange(kind, a.id, b.id, a.text, b.text, old_place, new_place,
                           word_diff(a.text, b.text) if text_changed else (), what)


def _one(kind: str, level: Level, category: Category, criterion: Criterion) -> CriterionChange:
    place = Place(level.number, category.title)
    if kind == ADDED:
        return CriterionChange(kind, "", criterion.id, "", criterion.text, None, place)
    return CriterionChange(kind, criterion.id, "", criterion.text, "", place, None)


def _all(fw: Framework, kind: str) -> tuple[CriterionChange, ...]:
    return tuple(_one(kind, lv, cat, c) for lv, cat, c in _own(fw))


__all__ = ["ADDED", "CriterionChange", "DETAILS", "FrameworkChanges", "KINDS", "MOVED", "Place",
           "REMOVED", "REWORDED", "compare", "similarity"]

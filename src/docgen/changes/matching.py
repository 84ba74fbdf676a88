"""Which criterion of one revision is which of another: by id, by text, then by similarity.

A criterion keeps its id while its level, category and first words stay
(see `docgen.ids`), so an id match comes first.  Then identical texts pair
up (a criterion moved to another level or category).  The rest pair by
similarity: the share of words the two texts have in common, in order
(difflib's ratio over words, case and punctuation ignored).  Pairs at or
above `SIMILAR` (0.5) are one criterion reworded, best pairs first; below,
one is removed and the other added.  0.5 keeps a typo fix (≈0.9), a word
added (≈0.9) and the first half of a split sentence (≈0.6) together, and
keeps apart criteria that only share a few common words.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

SIMILAR = 0.5

T = TypeVar("T")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Matched(Generic[T]):
    """Criteria of two revisions paired, and those left on either side."""

    pairs: tuple[tuple[T, T], ...]
    removed: tuple[T, ...]
    added: tuple[T, ...]


def words(text: str) -> list[str]:
    """The words of `text`, folded to lower case (what similarity compares)."""
    return [w.casefold() for w in _WORD.findall(text)]


def similarity(old: str, new: str) -> float:
    """How alike two texts are, 0 to 1: difflib's ratio over their words."""
    a, b = words(old), words(new)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match(old: Sequence[T], new: Sequence[T], key, text) -> Matched[T]:
    """Pair `old` items with `new` ones: same `key(item)`, then same text, then similar text."""
    pairs: list[tuple[T, T]] = []
    left_old, left_new = list(old), list(new)

    def pair_up(same) -> None:
        for a in list(left_old):
            b = next((b for b in left_new if same(a, b)), None)
            if b is not None:
                pairs.append((a, b))
                left_old.remove(a)
                left_new.remove(b)

    pair_up(lambda a, b: key(a) == key(b))
    pair_up(lambda a, b: words(text(a)) == words(text(b)))
    scored = sorted(((similarity(text(a), text(b)), i, j)
                     for i, a in enumerate(left_old) for j, b in enumerate(left_new)),
                    key=lambda s: (-s[0], s[1], s[2]))
    used_old, used_new = set(), set()
    for score, i, j in scored:
        if score < SIMILAR:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((left_old[i], left_new[j]))
    return Matched(tuple(pairs),
                   tuple(a for i, a in enumerate(left_old) if i not in used_old),
                   tuple(b for j, b in enumerate(left_new) if j not in used_new))


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """`new` against `old`, word by word: ("same"|"deleted"|"added", text) in reading order."""
    a, b = old.split(), new.split()
    parts: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("deleted", " ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("added", " ".join(b[j1:j2])))
    return tuple(parts)

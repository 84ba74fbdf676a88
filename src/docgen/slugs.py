"""Readable ASCII slugs, and the explicit-id marker authors may put on a criterion.

Used for criterion ids, category keys and output file names.  A slug holds
only `a-z`, `0-9` and `-`, so it is safe in a path and in YAML without
quoting.  Text in any alphabet is transliterated (python-slugify with
text-unidecode: `Пишет тесты` → `pishet-testy`, `编写测试` → `bian-xie-ce-shi`);
text with nothing to transliterate (emoji only) has no words, and callers
fall back to `content_key`, a short hash of the text, never a position.
"""

from __future__ import annotations

import hashlib
import re

from slugify import slugify as transliterate

# Words that carry little meaning in a criterion; dropping them keeps ids short.
STOP_WORDS = frozenset(
    "a an the and or of to in on at for with by from as is are be been their they them "
    "that this these those it its his her our your when where which who whom into onto "
    "than then so such can may".split()
)
_EXPLICIT_ID = re.compile(r"\s*\{#([A-Za-z0-9][A-Za-z0-9._-]*)\}\s*$")
_ID_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def words(text: str) -> list[str]:
    """Lower-case ASCII words of `text`: accents folded, Markdown and symbols dropped."""
    text = re.sub(r"\]\([^)]*\)", "]", text)  # keep a link's text, not its address
    text = re.sub(r"(\w)['’](\w)", r"\1\2", text)  # don't → dont
    return [word for word in transliterate(text).split("-") if word]


def slugify(text: str, max_words: int = 0, drop_stop_words: bool = False) -> str:
    """`text` as a slug; at most `max_words` words when that is not 0."""
    found = words(text)
    if drop_stop_words:
        found = [w for w in found if w not in STOP_WORDS] or found
    if max_words:
        found = found[:max_words]
    return "-".join(found)


def content_key(text: str, prefix: str = "") -> str:
    """`prefix` and 8 hex digits of the text's SHA-256: a key for text with no words to slug."""
    return prefix + hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def split_explicit_id(text: str) -> tuple[str, str | None]:
    """Split a trailing `{#my-id}` off `text`: (text without it, the id or None)."""
    match = _EXPLICIT_ID.search(text)
    if match is None:
        return text, None
    return text[: match.start()].rstrip(), match.group(1)


def is_valid_id(value: str) -> bool:
    """True when `value` may be used as an explicit criterion id."""
    return bool(_ID_SHAPE.match(value))

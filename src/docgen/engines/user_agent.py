"""WeasyPrint's user-agent stylesheet without its note rules, for documents that have no notes.

The stylesheet WeasyPrint puts under every document styles five
pseudo-elements of every element (`::footnote-call`, `::footnote-marker`,
`::note-call`, `::note-marker`, `::note-callback`); WeasyPrint matches and
computes a style for each of them, element by element, though they only
show on an element floated into a footnote or positioned as a note.  That
was an eighth of the layout time of the corpus handbook's chapters and of a
promotion packet.  A document whose HTML never says `footnote` or `note(`
(and links or imports no stylesheet, which could) gets the stylesheet
without those rules: the same pages and the same bytes.  Any other keeps
WeasyPrint's whole stylesheet.
"""

from __future__ import annotations

import functools
import re
from typing import Optional

NOTE_WORDS = ("footnote", "note(", "<link", "@import")
"""Words of an HTML document (with its styles) that keep the note rules."""

_NOTE_RULE = re.compile(r"^::(?:footnote|note)-[a-z-]+\s*\{[^}]*\}[ \t]*\n?", re.MULTILINE)


def prepare() -> None:
    """Make the stylesheet without note rules now (a fiftieth of a second), so that worker
    processes forked after this share it."""
    _lean_class()


def document_class(html: str):
    """The `weasyprint.HTML` class to read `html` with: one that leaves out the note rules when
    nothing in `html` could use them, else WeasyPrint's own."""
    import weasyprint

    lean = _lean_class()
    if lean is None or any(word in html for word in NOTE_WORDS):
        return weasyprint.HTML
    return lean


@functools.cache
def _lean_class() -> Optional[type]:
    """A subclass of `weasyprint.HTML` whose user-agent stylesheet has no note rules; None when
    this WeasyPrint's stylesheet is not where, or not what, it is expected to be."""
    from importlib import resources

    import weasyprint
    from weasyprint.css.counters import CounterStyle

    try:
        text = (resources.files("weasyprint.css") / "html5_ua.css").read_text("utf-8")
    except (OSError, ModuleNotFoundError):
        return None
    lean_text, removed = _NOTE_RULE.subn("", text)
    if not removed:
        return None
    # The stylesheet's @counter-style rules go to a set of their own: a document's counter
    # styles come from WeasyPrint's, which already has them.
    lean = weasyprint.CSS(string=lean_text, counter_style=CounterStyle())

    class HTMLWithoutNotes(weasyprint.HTML):
        """An HTML document styled by the user-agent stylesheet without its note rules."""

        def _ua_stylesheets(self, *args, **kwargs):
            return [lean, *super()._ua_stylesheets(*args, **kwargs)[1:]]

    return HTMLWithoutNotes

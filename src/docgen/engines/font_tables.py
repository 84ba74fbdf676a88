"""fontTools' lookup of a font table's module remembered, for the emoji font WeasyPrint saves.

WeasyPrint embeds a colour emoji font with its pictures taken out: it gives
every glyph the subset keeps an empty outline, and asks fontTools for the
`glyf` table's module once for each glyph; fontTools works the module's
name out of the tag and imports it again each time.  That was a third of
writing a page with an emoji on it (11 of 35 ms).  The module found for a
tag is remembered here (a module is the same object on every import); a
tag without one is asked again, as a table class may be registered later.
"""

from __future__ import annotations

import functools


@functools.cache  # set up once per process (and in the processes forked from it)
def remember_table_modules() -> None:
    """Have fontTools remember the module it finds for each table tag (from the first call
    on, in this process)."""
    from fontTools.ttLib import ttFont

    ttFont.getTableModule = _Remembering(ttFont.getTableModule)


class _Remembering:
    """Stands for `fontTools.ttLib.ttFont.getTableModule`, which it asks once per tag."""

    def __init__(self, find):
        functools.update_wrapper(self, find)
        self.find = find
        self.found: dict = {}

    def __call__(self, tag):
        module = self.found.get(tag)
        if module is None:
            module = self.find(tag)
            if module is not None:
                self.found[tag] = module
        return module

"""A document's styles parsed once per process and given to WeasyPrint as a stylesheet.

Every document docgen lays out carries its CSS in a `<style>` element (its
template includes it), and WeasyPrint parses that again for each document:
tokenizing it, validating every declaration, compiling every selector into
Python.  On the handbook's CSS that is 40 ms a document, more than laying
out a page of it, and the units of a handbook, the decks of cards and the
packets of a batch each share their CSS.  So the `<style>` elements are
taken out of the HTML, their text parsed once per process and font
configuration (which its `@font-face` rules are added to), and the parsed
stylesheet given to WeasyPrint with the document.

The cascade is the same: a stylesheet given this way has the user origin,
which wins over the user agent's as an author's does, and loses to a
`style` attribute as the `<style>` element did (only an `!important` in a
`style` attribute would now lose to an `!important` of the sheet; no
template has one).  The pages are the same to the byte (tested).  A
document whose styles could do more (an `@import`, a `<link>`, a `<style>`
with attributes, `@counter-style` rules, which belong to one document)
keeps its `<style>` elements.
"""

from __future__ import annotations

import re
import weakref
from collections import OrderedDict
from dataclasses import dataclass

KEEP_STYLESHEETS = 4

_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_UNSHARED = ("<link", "<style ", "@import", "@counter-style", "@color-profile")


@dataclass(frozen=True)
class _Parsed:
    stylesheet: object  # weasyprint.CSS
    fetched: tuple[tuple[str, tuple[str, ...]], ...]  # what its parsing asked the fetcher
    # the font configuration it was parsed for, not kept alive by this: one that ends removes
    # its temporary folder, which must not wait for the interpreter's end
    fonts: weakref.ref


_PARSED: "OrderedDict[tuple, _Parsed]" = OrderedDict()
_FETCHER_LISTS = ("served", "refused", "missing")


def shared_styles(html: str, base_url: str, fetcher, fonts) -> tuple[str, list]:
    """`html` without its `<style>` elements, and their CSS as a parsed WeasyPrint stylesheet
    (parsed now or earlier in this process); `(html, [])` when its styles are not plain.

    What parsing the CSS asked `fetcher` (fonts, images) is told to it again on every
    document that shares the stylesheet, so each knows what it refused or missed."""
    if any(word in html for word in _UNSHARED):
        return html, []
    css = "".join(_STYLE.findall(html))
    if not css:
        return html, []
    key = (css, base_url, id(fonts))  # a font configuration is a thread's own (font_configs)
    parsed = _PARSED.pop(key, None)
    if parsed is None or parsed.fonts() is not fonts:
        parsed = _parse(css, base_url, fetcher, fonts)
    else:
        for name, items in parsed.fetched:
            getattr(fetcher, name).extend(items)
    if not fetcher.missing:  # a document missing a file stops; its sheet is not kept
        _PARSED[key] = parsed
        while len(_PARSED) > KEEP_STYLESHEETS:
            _PARSED.popitem(last=False)
    return _STYLE.sub("", html), [parsed.stylesheet]


def _parse(css: str, base_url: str, fetcher, fonts) -> _Parsed:
    import weasyprint

    before = {name: len(getattr(fetcher, name)) for name in _FETCHER_LISTS}
    stylesheet = weasyprint.CSS(string=css, base_url=base_url, url_fetcher=fetcher,
                                font_config=fonts)
    fetched = tuple((name, tuple(getattr(fetcher, name)[before[name]:]))
                    for name in _FETCHER_LISTS)
    return _Parsed(stylesheet, fetched, weakref.ref(fonts))

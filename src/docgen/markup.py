"""Framework text (Markdown) into safe HTML for templates.

Raw HTML is off, so `<script>` is shown as text; images are not loaded
(their alt text is shown instead), and only `http`, `https`, `mailto` and
in-document `#` links become links: everything else stays text.  Jinja
syntax in data is never evaluated: the result is a value, not a template.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape
from markdown_it import MarkdownIt

from docgen.sources.markdown_parser import markdown_parser

_SAFE_LINK = re.compile(r"^(https?:|mailto:|#)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = markdown_parser()
    md.disable("image")
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))
    return md


def inline_html(text: str) -> Markup:
    """One line of Markdown (emphasis, code, links) as safe HTML."""
    return Markup(_parser().renderInline(text).strip())


def block_html(text: str) -> Markup:
    """Markdown blocks (paragraphs, lists, headings) as safe HTML.

    Headings are shifted down so a framework's `#` never outranks the
    document's own headings.
    """
    html = _parser().render(text)
    html = re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 3, 6)}>", html)
    return Markup(html.strip())


# Emoji and the characters that join or modify them (ZWJ, VS16, skin tones, keycaps, tags).
_EMOJI_RUN = re.compile(
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2300-\u23FF\u2B00-\u2BFF\u2190-\u21FF"
    "\uFE0F\u200D\u20E3\U000E0020-\U000E007F]+")


def emoji_html(text: str) -> Markup:
    """`text` escaped, with each run of emoji in `<span class="emoji">`.

    A colour emoji is drawn wider than the space it takes, so the word after
    it looks glued on; the span lets the stylesheet add room.
    """
    escaped = str(escape(text))
    return Markup(_EMOJI_RUN.sub(lambda m: f'<span class="emoji">{m.group(0)}</span>', escaped))


def emoji_spaced(text: str) -> str:
    """`text` with the space after an emoji widened (U+2004), for places spans cannot reach."""
    return re.sub(f"({_EMOJI_RUN.pattern}) ", lambda m: m.group(1) + "\u2004", text)

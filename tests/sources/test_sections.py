"""A Markdown body read a section at a time reads as it would whole.

The reader parses a large body in sections cut at `## ` headings (to hold
fewer tokens at once); what it makes of any body must not change.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.sources import monzo_markdown
from docgen.sources.markdown_parser import markdown_parser

# Lines that open, close or continue every kind of block a `## ` line could fall inside.
LINES = ["## Level 1", "## Level 2", "## Level x", "### Craft", "- item", "  - nested", "```",
         "~~~~", "````", "   ~~~", "  ```", "- ```", "> ```", "``` a`b", "\t```", "| a | b |",
         "|---|---|", "> quote", ">", "    code", "", "", "text", "1. item", "## Not a level",
         "***", "Level 3", "-------", "  ## Level 4", "[x]: https://example.org", "#### h", "## "]


def read(body: str):
    problems: list = []
    return monzo_markdown.read_markdown_body(body, 5, "fw.md", problems), problems


def read_whole(body: str):
    """What the reader makes of `body` parsed in one piece."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(monzo_markdown, "_parsed_sections",
                            lambda lines: iter([markdown_parser().parse("\n".join(lines))]))
        return read(body)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=30).map("\n".join))
def test_a_body_read_in_sections_reads_as_it_would_whole(body):
    assert read(body) == read_whole(body)


def test_a_level_heading_inside_fenced_code_stays_code():
    body = ("## Level 1\n### Craft\n- Writes code\n\n```\n\n## Level 2\n- not a criterion\n```\n\n"
            "## Level 3\n### Craft\n- Leads\n")
    parsed, _ = read(body)
    assert [level.number for level in parsed.levels] == [1, 3]
    assert parsed.levels[1].location.line == 5 + 10  # numbered in the whole file
    assert "## Level 2" in parsed.levels[0].categories[0].content[0].text


def test_a_section_is_parsed_apart_from_the_others(monkeypatch):
    seen = []
    parse = monzo_markdown.markdown_parser

    def counting():
        parser = parse()
        original = parser.parse
        parser.parse = lambda text: seen.append(text) or original(text)
        return parser

    monkeypatch.setattr(monzo_markdown, "markdown_parser", counting)
    body = "".join(f"## Level {n}\n### Craft\n- Does {n}\n\n" for n in range(1, 5))
    parsed, _ = read(body)
    assert len(parsed.levels) == 4
    assert len(seen) == 4 and all(text.count("## Level") == 1 for text in seen)

"""The Markdown-body framework format (`yaml: false`).

`## Level N` starts a level, `### Category` a category, list items are
criteria (nested items their details, blockquotes their examples or
quotes), and other blocks under a category are kept as prose.  Text before
the first level is the introduction.  Raw HTML is off: `<script>` is text.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field, replace
from typing import Iterator

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from docgen.errors import Location, Problem, Severity, SourceError, quoted
from docgen.sources.markdown_parser import MAX_NESTING, markdown_parser, too_deep
from docgen.model import Category, Criterion, Detail, Level, Prose
from docgen.slugs import content_key, slugify, split_explicit_id

_LEVEL_HEADING = re.compile(r"^level\s+(.*?)\s*$", re.IGNORECASE)
_EXAMPLES_LABEL = re.compile(r"^(\*\*|__)\s*examples?\s*:?\s*(\*\*|__)\s*:?$", re.IGNORECASE)
_EMPHASIS = re.compile(r"^(\*{1,2}|_{1,2})(.+)\1$", re.DOTALL)
_QUOTE_MARKS = "\"'“”‘’«»„"
_LIST_TYPES = ("bullet_list", "ordered_list")


@dataclass
class _CategoryBuilder:
    title: str
    location: Location
    criteria: list[Criterion] = field(default_factory=list)
    content: list[Prose] = field(default_factory=list)

    def build(self) -> Category:
        return Category(key=slugify(self.title, max_words=4) or content_key(self.title, "category-"), title=self.title,
                        location=self.location, criteria=tuple(self.criteria),
                        content=tuple(self.content))


@dataclass
class _LevelBuilder:
    number: int
    location: Location
    categories: list[_CategoryBuilder] = field(default_factory=list)

    def build(self) -> Level:
        return Level(self.number, self.location, tuple(c.build() for c in self.categories))


@dataclass
class MarkdownBody:
    """What the body of a `yaml: false` framework holds."""

    introduction: str
    levels: tuple[Level, ...]


class _BodyReader:
    def __init__(self, body: str, first_line: int, display: str, problems: list[Problem]):
        self.lines = body.split("\n")
        self.first_line = first_line
        self.display = display
        self.problems = problems
        self.levels: list[_LevelBuilder] = []
        self.skipping = False  # inside a level whose heading could not be read
        self.intro_end: int | None = None

    # -- positions -------------------------------------------------------
    def location(self, node: SyntaxTreeNode) -> Location:
        line0 = node.map[0] if node.map else 0
        text = self.lines[line0] if line0 < len(self.lines) else ""
        column = len(text) - len(text.lstrip()) + 1
        return Location(self.display, self.first_line + line0, column)

    def source(self, node: SyntaxTreeNode) -> str:
        start, end = node.map or (0, 0)
        return _dedent("\n".join(self.lines[start:end])).strip()

    def warn(self, node: SyntaxTreeNode, message: str, hint: str = "", code: str = "",
             severity: Severity = Severity.WARNING) -> None:
        self.problems.append(Problem(self.location(node), severity, message, hint, code))

    # -- structure -------------------------------------------------------
    def read(self, root: SyntaxTreeNode) -> None:
        """Read the blocks of one section of the body (parsed with its lines' true numbers)."""
        for node in root.children:
            if node.type == "heading":
                self.heading(node)
            elif node.type == "hr":
                continue
            elif self.intro_end is None or self.skipping:
                continue
            else:
                self.block(node)

    def finish(self) -> MarkdownBody:
        """What the sections read hold."""
        end = self.intro_end if self.intro_end is not None else len(self.lines)
        introduction = _strip_rules("\n".join(self.lines[:end]))
        return MarkdownBody(introduction, tuple(level.build() for level in self.levels))

    def heading(self, node: SyntaxTreeNode) -> None:
        text = _inline(node)
        level_match = _LEVEL_HEADING.match(text) if node.tag == "h2" else None
        if level_match:
            self.start_level(node, level_match.group(1))
        elif self.intro_end is None:
            if node.tag == "h3":
                self.warn(node, f"category heading {quoted(text)} before any '## Level N'; "
                          "kept as part of the introduction",
                          hint="add a '## Level N' heading above it", code="category-before-level")
        elif self.skipping:
            return
        elif node.tag == "h3":
            level = self.levels[-1]
            level.categories.append(_CategoryBuilder(_strip_explicit(text), self.location(node)))
        elif node.tag in ("h1", "h2"):
            self.warn(node, f"heading {quoted(text)} is not a '## Level N' heading; "
                      "its text is kept as prose of the current category",
                      hint="levels are '## Level N' and categories '### Name'",
                      code="unexpected-heading")
            self.block(node)
        else:
            self.block(node)

    def start_level(self, node: SyntaxTreeNode, number_text: str) -> None:
        if self.intro_end is None:
            self.intro_end = node.map[0] if node.map else 0
        try:
            number = int(number_text)
        except ValueError:
            self.warn(node, f"level '{number_text}' is not a whole number; "
                      "this level and its content are left out",
                      hint="write it as '## Level 3'", code="level-not-integer",
                      severity=Severity.ERROR)
            self.skipping = True
            return
        self.skipping = False
        self.levels.append(_LevelBuilder(number, self.location(node)))

    def current_category(self, node: SyntaxTreeNode) -> _CategoryBuilder:
        level = self.levels[-1]
        if not level.categories:
            self.warn(node, f"content under Level {level.number} before any '### Category' "
                      "heading; kept in a category named 'General'",
                      hint="add a '### Category' heading above it", code="content-outside-category")
            level.categories.append(_CategoryBuilder("General", self.location(node)))
        return level.categories[-1]

    def block(self, node: SyntaxTreeNode) -> None:
        category = self.current_category(node)
        if node.type in _LIST_TYPES:
            category.criteria.extend(self.criterion(item) for item in node.children)
        elif node.type == "blockquote" and category.criteria:
            last = category.criteria[-1]
            examples, quotes = self.callouts(node)
            category.criteria[-1] = _with_callouts(last, examples, quotes)
        elif node.type == "heading":
            category.content.append(Prose(_inline(node), self.location(node)))
        else:
            category.content.append(Prose(self.source(node), self.location(node)))

    # -- criteria --------------------------------------------------------
    def criterion(self, item: SyntaxTreeNode) -> Criterion:
        text, details, examples, quotes = "", [], [], []
        for child in item.children:
            if child.type == "paragraph" and not text:
                text = _inline(child)
            elif child.type == "paragraph":
                details.append(Detail(_inline(child)))
            elif child.type in _LIST_TYPES:
                for sub in child.children:
                    detail, sub_examples, sub_quotes = self.detail(sub)
                    details.append(detail)
                    examples += sub_examples
                    quotes += sub_quotes
            elif child.type == "blockquote":
                more_examples, more_quotes = self.callouts(child)
                examples += more_examples
                quotes += more_quotes
            else:
                details.append(Detail(self.source(child)))
        text, explicit_id = split_explicit_id(text)
        if not text:
            self.warn(item, "empty list item", hint="remove it or write the criterion",
                      code="empty-criterion")
        return Criterion(text=text, location=self.location(item), explicit_id=explicit_id,
                         details=tuple(details), examples=tuple(examples), quotes=tuple(quotes))

    def detail(self, item: SyntaxTreeNode) -> tuple[Detail, list[str], list[str]]:
        nested = self.criterion(item)
        return Detail(nested.text, nested.details), list(nested.examples), list(nested.quotes)

    def callouts(self, quote: SyntaxTreeNode) -> tuple[list[str], list[str]]:
        """Split a blockquote into examples (`> **Examples**` …) or quotes (`> *"…"*`)."""
        parts: list[str] = []
        for child in quote.children:
            if child.type in _LIST_TYPES:
                parts += [_inline_of_item(item) for item in child.children]
            elif child.type == "paragraph":
                parts.append(_inline(child))
            elif child.type == "blockquote":
                nested_examples, nested_quotes = self.callouts(child)
                parts += nested_examples + nested_quotes
            else:
                parts.append(self.source(child))
        parts = [p for p in parts if p]
        if parts and _EXAMPLES_LABEL.match(parts[0]):
            return parts[1:], []
        if parts and all(_is_quote(p) for p in parts):
            return [], [_unquote(p) for p in parts]
        return parts, []


def read_markdown_body(body: str, first_line: int, display: str,
                       problems: list[Problem]) -> MarkdownBody:
    """Read the levels, categories and criteria of a Markdown body.

    `first_line` is the file line of the body's first line; every problem
    found is appended to `problems`.  The body is parsed a section at a time
    (`_parsed_sections`), so that the parser's tokens for a large file are never
    all held at once: they are many times the text, and the memory they took
    is not all handed back.
    """
    reader = _BodyReader(body, first_line, display, problems)
    for tokens in _parsed_sections(reader.lines):
        deep = too_deep(tokens)
        if deep is not None:
            raise SourceError(Location(display, first_line + deep, 1),
                              f"lists or quotes are nested more than {MAX_NESTING // 2 - 1} "
                              "deep here; the Markdown reader stops at that depth and the rest "
                              "of the file would be lost", hint="nest them less deeply",
                              code="too-deep")
        reader.read(SyntaxTreeNode(tokens))
    return reader.finish()


def _parsed_sections(lines: list[str]) -> Iterator[list[Token]]:
    """The body's tokens a section at a time, their lines numbered in the whole body.

    A section starts at a `## ` line after a blank line: such a line is a
    heading of the document itself (the blank line has closed any paragraph,
    table or indented code, and no quote or list goes on at its
    indentation) unless it is inside fenced code that is not in a list or
    quote.  A section that ends in such a fence left open is parsed again
    with the rest of the body, as one: real frameworks never need it, and a
    body is parsed at most twice.
    """
    parser = markdown_parser()
    cuts = [i for i in range(1, len(lines))
            if lines[i].startswith("## ") and not lines[i - 1].strip()]
    start = 0
    for end in [*cuts, len(lines)]:
        tokens = parser.parse("\n".join(lines[start:end]))
        if end < len(lines) and _ends_in_open_fence(tokens, lines[start:end]):
            end = len(lines)
            tokens = parser.parse("\n".join(lines[start:]))
        for token in tokens:
            if token.map:
                token.map = [token.map[0] + start, token.map[1] + start]
        yield tokens
        if end == len(lines):
            return
        start = end


def _ends_in_open_fence(tokens: list[Token], lines: list[str]) -> bool:
    """True when the last block of `tokens` (of `lines`) is a fence not in a list or quote that
    has no closing line (it then runs to the end)."""
    last = tokens[-1] if tokens else None
    if last is None or last.type != "fence" or last.level != 0 or not last.map:
        return False
    first, end = last.map
    closing = re.fullmatch(r" {0,3}(" + re.escape(last.markup[0]) + r"{%d,})\s*" % len(last.markup),
                           lines[end - 1])
    return end - 1 == first or closing is None


def _inline(node: SyntaxTreeNode) -> str:
    inline = next((c for c in node.children if c.type == "inline"), None)
    content = inline.content if inline is not None else ""
    return " ".join(line.strip() for line in content.split("\n")).strip()


def _inline_of_item(item: SyntaxTreeNode) -> str:
    return " ".join(_inline(c) for c in item.children if c.type == "paragraph").strip()


def _strip_explicit(text: str) -> str:
    return split_explicit_id(text)[0]


def _is_quote(text: str) -> bool:
    inner = _EMPHASIS.match(text)
    core = inner.group(2).strip() if inner else text
    return bool(inner) or (len(core) > 1 and core[0] in _QUOTE_MARKS and core[-1] in _QUOTE_MARKS)


def _unquote(text: str) -> str:
    inner = _EMPHASIS.match(text)
    core = inner.group(2).strip() if inner else text
    if len(core) > 1 and core[0] in _QUOTE_MARKS and core[-1] in _QUOTE_MARKS:
        core = core[1:-1].strip()
    return core


def _with_callouts(criterion: Criterion, examples: list[str], quotes: list[str]) -> Criterion:
    return replace(criterion, examples=criterion.examples + tuple(examples),
                   quotes=criterion.quotes + tuple(quotes))


def _dedent(text: str) -> str:
    return textwrap.dedent(text.expandtabs(4))


def _strip_rules(text: str) -> str:
    lines = text.strip().split("\n")
    while lines and re.fullmatch(r"\s*([-*_]\s*){3,}", lines[-1]):
        lines.pop()
    return "\n".join(lines).strip()

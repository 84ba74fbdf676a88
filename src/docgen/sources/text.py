"""Reading an input file into clean text, and splitting off its front matter.

Owns the byte-level quirks of real files: a UTF-8 byte-order mark, CRLF or
CR line endings, bytes that are not UTF-8.  Front matter is found with
python-frontmatter's YAML delimiter rules; the line where each part starts
is kept so that later errors point at the real line of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from frontmatter.default_handlers import YAMLHandler

from typing import Optional

from docgen.errors import Location, Problem, Severity, SourceError

_BOM = b"\xef\xbb\xbf"
_HANDLER = YAMLHandler()
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
# C0 and C1 control characters but tab and line ends, DEL, and the two non-characters: none is
# printable, YAML refuses them and a PDF shows them as missing-glyph boxes.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def strip_controls(text: str) -> str:
    """`text` without control characters (tab and line ends stay)."""
    return CONTROL_CHARACTERS.sub("", text)


def read_text(path: Path, display: str, problems: Optional[list[Problem]] = None) -> str:
    """Read `path` as UTF-8 text: `\\n` line endings, no byte-order mark, no control characters.

    Control characters are removed, with one warning (in `problems`, when
    given) at the first of them.  Raises SourceError naming the line and
    column of the first byte that is not UTF-8, or why the file cannot be read.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(Location(display), f"cannot read the file: {exc.strerror}") from exc
    text = decode_text(data, display)
    first = CONTROL_CHARACTERS.search(text)
    if first is None:
        return text
    if problems is not None:
        line = text.count("\n", 0, first.start()) + 1
        column = first.start() - text.rfind("\n", 0, first.start())
        count = len(CONTROL_CHARACTERS.findall(text))
        problems.append(Problem(
            Location(display, line, column), Severity.WARNING,
            f"control character U+{ord(first.group()):04X} removed"
            + (f" (and {count - 1} more in this file)" if count > 1 else ""),
            hint="it cannot be printed; delete it from the file", code="control-character"))
    return strip_controls(text)


def too_large(path: Path, display: str, max_bytes: int) -> Optional[Problem]:
    """An error when `path` holds more than `max_bytes`: checked before a byte is read."""
    try:
        size = path.stat().st_size
    except OSError:
        return None  # the reader says why it cannot be read
    if size <= max_bytes:
        return None
    return Problem(Location(display), Severity.ERROR,
                   f"the file is {size:,} bytes; docgen reads at most {max_bytes:,} a file",
                   hint="raise file_bytes under [limits] in docgen.toml to read it",
                   code="file-too-large")


def decode_text(data: bytes, display: str) -> str:
    """Decode bytes as UTF-8 (BOM dropped, line endings made `\\n`), or raise SourceError."""
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise SourceError(
            Location(display, line, column),
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
            hint="save it as UTF-8",
            code="not-utf8",
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Document:
    """A text file split into front matter and body.

    `*_line` is the 1-based line of the file on which that part's first
    character stands, so a 0-based line inside the part maps to
    `part_line + index` in the file.
    """

    front_matter: str
    front_matter_line: int
    body: str
    body_line: int


def split_front_matter(text: str, display: str) -> Document | None:
    """Split `text` at its `---` delimiters; None when it has no front matter.

    Raises SourceError when the front matter is opened but never closed.
    """
    opening = _HANDLER.FM_BOUNDARY.match(text)
    if opening is None:
        return None
    try:
        front_matter, body = _HANDLER.split(text)
    except ValueError:
        raise never_closed_error(display) from None
    fm_start = opening.end()
    body_start = len(text) - len(body)
    return Document(
        front_matter=front_matter,
        front_matter_line=text.count("\n", 0, fm_start) + 1,
        body=body,
        body_line=text.count("\n", 0, body_start) + 1,
    )


def looks_unclosed(front_matter: str) -> bool:
    """True when Markdown headings stand inside the front matter: its `---` was left out."""
    return _MARKDOWN_HEADING.search(front_matter) is not None


def never_closed_error(display: str) -> SourceError:
    """The error for front matter whose closing `---` is missing."""
    return SourceError(
        Location(display, 1, 1),
        "the front matter opened here is never closed",
        hint="add a line '---' after the last front-matter key",
        code="front-matter-unclosed",
    )

"""YAML with positions: ruamel.yaml, the repairs real files need, and locations.

The text is scanned and parsed by libyaml where it can be, for speed, and
composed by ruamel.yaml either way (`libyaml_events`).

Every mapping and sequence that ruamel.yaml's round-trip loader returns
knows the line and column of its keys and items; `YamlSource` turns those
into `Location`s in the original file.  Two mistakes that the original
framework site accepted are repaired before parsing, each with a warning:
a TAB after a list dash, and an unquoted list item that contains `: `.

Two YAML features no framework or assessment needs are refused at their
place, because a small file could use them to cost minutes and gigabytes:
aliases (`*name`, which repeat an anchored node: a few kilobytes that
expand to millions of entries) and integers longer than `MAX_DIGITS`
(Python refuses past 4,300 digits, with a ValueError and no place).
"""

from __future__ import annotations

import difflib
import re
import warnings
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from docgen.errors import Location, Problem, Severity, SourceError
from docgen.sources import libyaml_events
from docgen.sources.keys import EVERY_KEY

# Keys that really do start a mapping inside a list in docgen's formats (and
# words a letter or two from one: a misspelt key, reported as such, not a
# sentence); any other `- word: text` item is a sentence with a colon in it.
STRUCTURAL_KEYS = frozenset(EVERY_KEY)
_TAB_AFTER_DASH = re.compile(r"^( *-)\t+", re.MULTILINE)
_PLAIN_ITEM_WITH_COLON = re.compile(r"^( *- +)([^\s\"'{\[|>&*!#-][^\n]*?: [^\n]*)$", re.MULTILINE)


MAX_DIGITS = 30  # a level is 1–99; nothing docgen reads is a number of more digits than this


class _Refused(Exception):
    """A node docgen does not read, with where it is."""

    def __init__(self, mark, message: str, hint: str, code: str):
        super().__init__(message)
        self.mark, self.message, self.hint, self.code = mark, message, hint, code


class _NoAliasComposer(Composer):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            raise _Refused(event.start_mark, f"YAML alias '*{event.anchor}' is not accepted",
                           "write the text out where it is used (aliases repeat a node, and a "
                           "few of them can make a small file enormous)", "yaml-alias")
        return super().compose_node(parent, index)


class _BoundedConstructor(RoundTripConstructor):
    def construct_yaml_int(self, node: Any) -> Any:
        digits = sum(ch.isdigit() for ch in str(node.value))
        if digits > MAX_DIGITS:
            raise _Refused(node.start_mark, f"a number of {digits} digits is too long",
                           f"numbers here have at most {MAX_DIGITS} digits; put text in quotes",
                           "number-too-long")
        return super().construct_yaml_int(node)


_BoundedConstructor.add_constructor("tag:yaml.org,2002:int", _BoundedConstructor.construct_yaml_int)


def _new_loader() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.Composer = _NoAliasComposer
    yaml.Constructor = _BoundedConstructor
    return yaml


@dataclass(frozen=True)
class YamlSource:
    """Maps positions inside a YAML text to locations in the file it came from."""

    display: str
    first_line: int  # 1-based file line of the YAML text's line 0

    def at(self, line0: int, column0: int) -> Location:
        """The file location of a 0-based (line, column) inside the YAML text."""
        return Location(self.display, self.first_line + line0, column0 + 1)

    def key(self, mapping: Any, key: str) -> Location:
        """Where `key` stands in `mapping`, or where the mapping starts."""
        if isinstance(mapping, CommentedMap) and key in mapping:
            return self._at(mapping.lc.key(key), mapping)
        return self.node(mapping)

    def value(self, mapping: Any, key: str) -> Location:
        """Where the value of `key` stands in `mapping`."""
        if isinstance(mapping, CommentedMap) and key in mapping:
            return self._at(mapping.lc.value(key), mapping)
        return self.node(mapping)

    def item(self, sequence: Any, index: int) -> Location:
        """Where item `index` of `sequence` stands."""
        if isinstance(sequence, CommentedSeq) and index < len(sequence):
            return self._at(sequence.lc.item(index), sequence)
        return self.node(sequence)

    def _at(self, position: Any, container: Any) -> Location:
        # a key merged in with `<<` has no position of its own: use its mapping's
        return self.at(*position) if position else self.node(container)

    def node(self, node: Any) -> Location:
        """Where a mapping or sequence starts (the file's first YAML line for scalars)."""
        if isinstance(node, (CommentedMap, CommentedSeq)) and node.lc.line is not None:
            return self.at(node.lc.line, node.lc.col)
        return self.at(0, 0)


def repair(text: str, source: YamlSource, problems: list[Problem]) -> str:
    """Fix the two known slips of hand-written YAML in place, warning for each.

    Line numbers do not change, so positions after the repair are still
    those of the file.
    """

    def tab(match: re.Match[str]) -> str:
        line0 = text.count("\n", 0, match.start())
        problems.append(Problem(
            source.at(line0, len(match.group(1))), Severity.WARNING,
            "TAB after a list dash; read as a space",
            hint="YAML needs a space there", code="yaml-tab-after-dash"))
        return match.group(1) + " "

    def colon(match: re.Match[str]) -> str:
        item = match.group(2)
        key = item.split(":", 1)[0].strip()
        if key in STRUCTURAL_KEYS or (key.isalpha() and difflib.get_close_matches(
                key, STRUCTURAL_KEYS, n=1, cutoff=0.8)):
            return match.group(0)
        line0 = text.count("\n", 0, match.start())
        problems.append(Problem(
            source.at(line0, len(match.group(1))), Severity.WARNING,
            "unquoted list item contains ': '; read as one piece of text",
            hint="put the text in double quotes", code="yaml-unquoted-colon"))
        escaped = item.rstrip().replace("\\", "\\\\").replace('"', '\\"')
        return f'{match.group(1)}"{escaped}"'

    text = _TAB_AFTER_DASH.sub(tab, text)
    return _PLAIN_ITEM_WITH_COLON.sub(colon, text)


def parse_yaml(text: str, source: YamlSource, problems: list[Problem]) -> Any:
    """Parse YAML text (after `repair`) into ruamel round-trip nodes.

    Raises SourceError at the line and column the parser reports.
    """
    repaired = repair(text, source, problems)
    try:
        with warnings.catch_warnings():
            # ruamel warns (on stderr, as Python warnings) of an anchor named twice: the anchor
            # does nothing without an alias, and an alias is refused at its place anyway
            warnings.simplefilter("ignore")
            found = libyaml_events.load(repaired, _NoAliasComposer, _BoundedConstructor)
            return _new_loader().load(repaired) if found is libyaml_events.NOT_READ else found
    except _Refused as exc:
        raise SourceError(source.at(exc.mark.line, exc.mark.column), exc.message, hint=exc.hint,
                          code=exc.code) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        location = source.at(mark.line, mark.column) if mark else source.at(0, 0)
        raise SourceError(location, _yaml_message(exc), hint=_yaml_hint(exc), code="yaml-syntax") from exc
    except YAMLError as exc:
        raise SourceError(source.at(0, 0), f"YAML cannot be read: {exc}", code="yaml-syntax") from exc
    except RecursionError:
        raise SourceError(source.at(0, 0), "the YAML is nested too deeply to read (hundreds of "
                          "lists or mappings inside each other)", hint="nest it less deeply",
                          code="yaml-too-deep") from None


# The parser's words for the slips people make most, in the user's words.
_PLAIN_MESSAGES = (
    ("expected <block end>", "this line is not indented like the lines above it"),
    ("found character '\\t'", "a TAB is used for indentation"),
    ("mapping values are not allowed here", "a ': ' here starts a mapping where none can be"),
    ("could not find expected ':'", "expected 'key: value' on this line"),
    ("found unexpected end of stream", "a quoted text is never closed"),
)


def _yaml_message(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    if problem.startswith("found duplicate key"):
        return problem.replace("found duplicate key", "duplicate key", 1)
    for needle, plain in _PLAIN_MESSAGES:
        if needle in problem:
            return plain
    context = (exc.context or "").strip()
    text = f"YAML: {problem}" if problem else "YAML cannot be read"
    return f"{text} ({context})" if context else text


def _yaml_hint(exc: MarkedYAMLError) -> str:
    problem = exc.problem or ""
    if "duplicate key" in problem:
        return "each key may appear once in a mapping; remove or rename one"
    if "'\\t'" in problem:
        return "indent YAML with spaces, not TABs"
    if "block end" in problem or "indent" in problem:
        return "items of one list or mapping start in the same column"
    if "mapping values are not allowed" in problem:
        return "put text that contains ': ' in double quotes"
    return ""

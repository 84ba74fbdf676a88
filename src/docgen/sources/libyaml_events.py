"""YAML scanned and parsed by libyaml (PyYAML's C parser), composed and constructed by
ruamel.yaml: the same mappings and lists with their positions, eight times sooner.

ruamel.yaml's round-trip loader is pure Python, and its scanner and parser
were nine tenths of its time (7 KB of assessment: 36 ms; 200 assessments:
7 s of CPU).  Here libyaml makes the events, which are handed to ruamel's
own composer and constructor (docgen's, which refuse aliases and long
numbers), so what comes out is what ruamel makes: `CommentedMap`s and
`CommentedSeq`s that know the line and column of their keys and items,
YAML 1.2 scalars, duplicate keys refused at their place.  Without comments,
which docgen never reads.

Anything libyaml cannot read, or that libyaml and ruamel read differently,
is left to ruamel alone (`NOT_READ`), so that its messages are what a user
sees: a syntax error, a `%YAML` or `%TAG` directive, a tag, an anchor or an
alias, more than one document, a character ruamel refuses, and characters
the two read apart: a TAB (libyaml takes it for a space where ruamel refuses
it), NEL, LS and PS (line breaks in YAML 1.1, libyaml's, not in YAML 1.2),
a byte order mark after the first character (where a line starts, one of the
two skips it and the other reads it as text or refuses it), and a block scalar's `|` or `>` with a `#` right after it (a comment to
libyaml, an error to ruamel).  `tests/sources/test_libyaml_events.py` sets
the two against each other on random texts.  One difference remains: an
empty value (`key:` and nothing after it) stands, for libyaml, right after
its colon; ruamel puts it where the next key starts.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from ruamel.yaml import events
from ruamel.yaml.error import StreamMark
from ruamel.yaml.reader import Reader
from ruamel.yaml.resolver import VersionedResolver

try:
    import yaml
    from yaml import CSafeLoader
except ImportError:  # PyYAML without libyaml: ruamel alone
    yaml = CSafeLoader = None

_READ_APART = re.compile("[\t\x85\u2028\u2029]|[|>][-+0-9]*#|(?<!^)\ufeff")

NOT_READ = object()
"""What `load` returns when the text is left to ruamel.yaml."""

_PLAIN = {"StreamStartEvent": events.StreamStartEvent, "StreamEndEvent": events.StreamEndEvent,
          "SequenceEndEvent": events.SequenceEndEvent,
          "MappingEndEvent": events.MappingEndEvent}
_STARTS = {"SequenceStartEvent": events.SequenceStartEvent,
           "MappingStartEvent": events.MappingStartEvent}


def load(text: str, composer: type, constructor: type) -> Any:
    """The one document of `text` as ruamel's round-trip loader makes it, with these
    ruamel.yaml `composer` and `constructor` classes; `NOT_READ` if it is left to ruamel.

    Raises what the composer and constructor raise (a duplicate key, a refused alias)."""
    if CSafeLoader is None or _READ_APART.search(text) or Reader.NON_PRINTABLE.search(text):
        return NOT_READ
    try:
        return _Loader(_Events(text), composer, constructor).constructor.get_single_data()
    except (yaml.YAMLError, _ReadApart):
        return NOT_READ


class _ReadApart(Exception):
    """An event that ruamel.yaml should read itself: the text is given to it whole."""


class _Events:
    """ruamel.yaml's parser, as its composer asks it for events: libyaml's, one at a time (a
    large file's are not all kept), each as ruamel's.

    Raises yaml.YAMLError where libyaml cannot read on, _ReadApart at an event ruamel
    should read itself: the composer stops there, as ruamel's own parser would."""

    def __init__(self, text: str):
        self._parsed = yaml.parse(text, Loader=CSafeLoader)
        self._next: Any = None
        self._documents = 0

    def check_event(self, *choices: type) -> bool:
        event = self.peek_event()
        return event is not None and (not choices or isinstance(event, choices))

    def peek_event(self) -> Any:
        if self._next is None:
            found = next(self._parsed, None)
            self._next = None if found is None else self._ruamel_event(found)
        return self._next

    def get_event(self) -> Any:
        event = self.peek_event()
        self._next = None
        return event

    def dispose(self) -> None:
        pass

    def _ruamel_event(self, event) -> Any:
        kind = type(event).__name__
        start, end = _mark(event.start_mark), _mark(event.end_mark)
        if kind in _PLAIN:
            return _PLAIN[kind](start, end)
        if kind == "DocumentStartEvent":
            self._documents += 1
            if self._documents > 1 or event.version or event.tags:
                raise _ReadApart()
            return events.DocumentStartEvent(start, end, explicit=event.explicit)
        if kind == "DocumentEndEvent":
            return events.DocumentEndEvent(start, end, explicit=event.explicit)
        if kind == "AliasEvent" or event.anchor is not None or event.tag is not None:
            # ruamel ends an anchor's name elsewhere (`&a:b`), refuses an alias at its place
            # and has classes of its own for tags, even `!`
            raise _ReadApart()
        if kind == "ScalarEvent":  # libyaml's plain style is '', ruamel's None
            return events.ScalarEvent(event.anchor, event.tag, event.implicit, event.value,
                                      start, end, style=event.style or None)
        if kind in _STARTS:
            return _STARTS[kind](event.anchor, event.tag, event.implicit, start, end,
                                 flow_style=event.flow_style)
        raise _ReadApart()


def _mark(mark) -> StreamMark:
    return StreamMark(None, mark.index, mark.line, mark.column)


_NO_DIRECTIVE = SimpleNamespace(yaml_version=None)


class _Loader:
    """What ruamel's composer, resolver and constructor look up on the loader they serve."""

    max_depth = None  # the composer's limit: none (Python's recursion limit is docgen's)
    comment_handling = None  # the constructor's: comments as the round-trip loader keeps them

    def __init__(self, parser: _Events, composer: type, constructor: type):
        self._parser = parser
        self._scanner = _NO_DIRECTIVE  # where the resolver looks for a %YAML version
        self._resolver = VersionedResolver(loader=self)  # YAML 1.2: no version directive
        self._composer = composer(loader=self)
        self.constructor = self._constructor = constructor(loader=self)
        self.constructor.allow_duplicate_keys = False

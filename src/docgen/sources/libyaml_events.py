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
sees: a syntax error, a `%YAML` or `%TAG` directive, an explicit tag, more
than one document, a character ruamel refuses, and the characters the two
read apart: a TAB (libyaml takes it for a space where ruamel refuses it), and
NEL, LS and PS (line breaks in YAML 1.1, libyaml's, not in YAML 1.2).  One difference remains: an
empty value (`key:` and nothing after it) stands, for libyaml, right after
its colon; ruamel puts it where the next key starts.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any, Optional

from ruamel.yaml import events
from ruamel.yaml.error import StreamMark
from ruamel.yaml.reader import Reader
from ruamel.yaml.resolver import VersionedResolver

try:
    import yaml
    from yaml import CSafeLoader
except ImportError:  # PyYAML without libyaml: ruamel alone
    yaml = CSafeLoader = None

_READ_APART = re.compile("[\t\x85\u2028\u2029]")

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
        found = _ruamel_events(yaml.parse(text, Loader=CSafeLoader))
    except yaml.YAMLError:
        return NOT_READ
    if found is None:
        return NOT_READ
    return _Loader(found, composer, constructor).constructor.get_single_data()


def _ruamel_events(parsed) -> Optional[list]:
    """libyaml's events as ruamel.yaml's, or None at the first that ruamel should read itself."""
    found: list = []
    documents = 0
    for event in parsed:
        kind = type(event).__name__
        start, end = _mark(event.start_mark), _mark(event.end_mark)
        if kind in _PLAIN:
            found.append(_PLAIN[kind](start, end))
        elif kind == "DocumentStartEvent":
            documents += 1
            if documents > 1 or event.version or event.tags:
                return None
            found.append(events.DocumentStartEvent(start, end, explicit=event.explicit))
        elif kind == "DocumentEndEvent":
            found.append(events.DocumentEndEvent(start, end, explicit=event.explicit))
        elif kind == "AliasEvent":  # the composer refuses it, at its place
            found.append(events.AliasEvent(event.anchor, start, end))
        elif event.tag is not None:  # a tag, even `!`: ruamel has classes of its own for them
            return None
        elif kind == "ScalarEvent":  # libyaml's plain style is '', ruamel's None
            found.append(events.ScalarEvent(event.anchor, event.tag, event.implicit, event.value,
                                            start, end, style=event.style or None))
        elif kind in _STARTS:
            found.append(_STARTS[kind](event.anchor, event.tag, event.implicit, start, end,
                                       flow_style=event.flow_style))
        else:
            return None
    return found


def _mark(mark) -> StreamMark:
    return StreamMark(None, mark.index, mark.line, mark.column)


class _Events:
    """ruamel.yaml's parser, as its composer asks it for events: from a list."""

    def __init__(self, found: list):
        self._events = found
        self._next = 0

    def check_event(self, *choices: type) -> bool:
        if self._next >= len(self._events):
            return False
        return not choices or isinstance(self._events[self._next], choices)

    def peek_event(self) -> Any:
        return self._events[self._next]

    def get_event(self) -> Any:
        self._next += 1
        return self._events[self._next - 1]

    def dispose(self) -> None:
        pass


_NO_DIRECTIVE = SimpleNamespace(yaml_version=None)


class _Loader:
    """What ruamel's composer, resolver and constructor look up on the loader they serve."""

    max_depth = None  # the composer's limit: none (Python's recursion limit is docgen's)
    comment_handling = None  # the constructor's: comments as the round-trip loader keeps them

    def __init__(self, found: list, composer: type, constructor: type):
        self._parser = _Events(found)
        self._scanner = _NO_DIRECTIVE  # where the resolver looks for a %YAML version
        self._resolver = VersionedResolver(loader=self)  # YAML 1.2: no version directive
        self._composer = composer(loader=self)
        self.constructor = self._constructor = constructor(loader=self)
        self.constructor.allow_duplicate_keys = False

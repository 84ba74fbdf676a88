"""The YAML-topics framework format (`yaml: true`).

The front matter's `topics` list holds, per topic, a `name`, a `title` and
`content`: one entry per level with `criteria` (strings) and
`exampleCriteria` (a criterion with its `examples`).  Topics are kept as
they are written; `docgen.inherit` merges them with the generic framework
and lays them out by level.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Optional

from docgen.errors import Location, Problem, Severity, quoted
from docgen.sources.keys import (CONTENT_ENTRY, CRITERION, EXAMPLE_CRITERION, TOPIC,
                                  check_keys)
from docgen.sources.yaml_parser import YamlSource
from docgen.model import Criterion
from docgen.slugs import content_key, is_valid_id, slugify, split_explicit_id


@dataclass(frozen=True)
class TopicLevel:
    """The criteria one topic gives for one level."""

    number: int
    location: Location
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Topic:
    """One entry of `topics`, as written (title and name may be missing)."""

    key: str
    location: Location
    name: Optional[str]
    title: Optional[str]
    description: str
    content: tuple[TopicLevel, ...]


class _TopicsReader:
    def __init__(self, source: YamlSource, problems: list[Problem]):
        self.source = source
        self.problems = problems

    def problem(self, location: Location, message: str, hint: str = "", code: str = "",
                severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(location, severity, message, hint, code))

    def topics(self, front_matter: Any) -> tuple[Topic, ...]:
        if "topics" not in front_matter or front_matter["topics"] is None:
            self.problem(self.source.key(front_matter, "yaml"),
                         "'yaml: true' but the front matter has no 'topics' list",
                         hint="add 'topics:' or set 'yaml: false' and write levels in the body",
                         code="topics-missing", severity=Severity.WARNING)
            return ()
        topics = front_matter["topics"]
        if not isinstance(topics, list):
            self.problem(self.source.value(front_matter, "topics"),
                         f"'topics' must be a list of topics, not {_kind(topics)}",
                         hint="start each topic with '- name: …'", code="topics-not-list")
            return ()
        read = [t for t in (self.topic(topics, i) for i in range(len(topics))) if t is not None]
        return tuple(self.unique_keys(read))

    def unique_keys(self, topics: list[Topic]) -> list[Topic]:
        seen: dict[str, Topic] = {}
        unique = []
        for topic in topics:
            key = topic.key
            if key in seen:
                key = _next_free(key, seen)
                self.problem(topic.location, f"two topics have the key '{topic.key}'; "
                             f"this one is '{key}' in criterion ids",
                             hint=f"rename one (the other is at {seen[topic.key].location})",
                             code="duplicate-topic", severity=Severity.WARNING)
                topic = replace(topic, key=key)
            seen[key] = topic
            unique.append(topic)
        return unique

    def mapping(self, items: list, index: int, what: str, keys: tuple[str, ...],
                code: str) -> Optional[tuple[dict, Location]]:
        """Item `index` of `items` and its place, when it is a mapping of known keys."""
        node, location = items[index], self.source.item(items, index)
        if not isinstance(node, dict):
            self.problem(location, f"{what} must be a mapping with {_keys_phrase(keys)}, not "
                         f"{_kind(node)}", code=code)
            return None
        check_keys(node, keys, what, self.source, self.problems)
        return node, location

    def topic(self, topics: list, index: int) -> Optional[Topic]:
        found = self.mapping(topics, index, "a topic", TOPIC, "topic-not-mapping")
        if found is None:
            return None
        node, location = found
        name = _text_or_none(node.get("name"))
        title = _text_or_none(node.get("title"))
        label = (name or title or "").split(":")[0]
        key = slugify(label, max_words=4) or (content_key(label, "topic-") if label.strip() else "")
        if not key:
            key = f"topic-{index + 1}"
            self.problem(location, "topic has neither a name nor a title",
                         hint="give it 'name:' and 'title:'", code="topic-unnamed",
                         severity=Severity.WARNING)
        content = node.get("content")
        levels: list[TopicLevel] = []
        if content is None:
            pass
        elif not isinstance(content, list):
            self.problem(self.source.value(node, "content"),
                         f"'content' must be a list of levels, not {_kind(content)}",
                         code="content-not-list")
        else:
            for i, entry in enumerate(content):
                level = self.topic_level(content, i, key)
                if level is not None:
                    levels.append(level)
        description = (_text_or_none(node.get("description"))
                       or _text_or_none(node.get("subtitle")) or "")
        return Topic(key, location, name, title, description, tuple(levels))

    def topic_level(self, content: list, index: int, topic_key: str) -> Optional[TopicLevel]:
        found = self.mapping(content, index, "a content entry", CONTENT_ENTRY,
                             "content-not-mapping")
        if found is None:
            return None
        entry, location = found
        number = self.level_number(entry, location)
        if number is None:
            return None
        criteria = self.criteria(entry, "criteria") + self.example_criteria(entry)
        return TopicLevel(number, location, criteria)

    def level_number(self, entry: dict, location: Location) -> Optional[int]:
        if "level" not in entry:
            self.problem(location, "content entry has no 'level'", code="level-missing")
            return None
        value = entry["level"]
        where = self.source.value(entry, "level")
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            self.problem(where, f"level must be a whole number, not {_kind(value)}",
                         hint="write it as 'level: 3'", code="level-not-integer")
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            self.problem(where, f"level must be a whole number, not {quoted(value)}",
                         hint="write it as 'level: 3'", code="level-not-integer")
            return None
        if number < 0:
            self.problem(where, f"level must not be negative ({number})", code="level-negative")
            return None
        return number

    def criteria(self, entry: dict, key: str) -> tuple[Criterion, ...]:
        items = entry.get(key)
        if items is None:
            return ()
        if not isinstance(items, list):
            if isinstance(items, str):
                return (self.criterion_from_text(items, self.source.value(entry, key)),)
            self.problem(self.source.value(entry, key),
                         f"'{key}' must be a list, not {_kind(items)}", code="criteria-not-list")
            return ()
        found = []
        for i, item in enumerate(items):
            criterion = self.criterion(items, i)
            if criterion is not None:
                found.append(criterion)
        return tuple(found)

    def criterion(self, items: list, index: int) -> Optional[Criterion]:
        item = items[index]
        location = self.source.item(items, index)
        if item is None or (isinstance(item, str) and not item.strip()):
            self.problem(location, "empty criterion", hint="remove the empty list item",
                         code="empty-criterion", severity=Severity.WARNING)
            return None
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            return self.criterion_from_text(str(item), location)
        if isinstance(item, dict) and "text" in item:
            check_keys(item, CRITERION, "a criterion", self.source, self.problems)
            text = _text_or_none(item.get("text")) or ""
            explicit = _text_or_none(item.get("id"))
            return self.with_id(Criterion(text=text.strip(), location=location,
                                          examples=self.examples(item)), explicit, location)
        self.problem(location, f"a criterion must be text, not {_kind(item)}",
                     hint="put the criterion in double quotes", code="criterion-not-text")
        return None

    def criterion_from_text(self, text: str, location: Location) -> Criterion:
        text, explicit = split_explicit_id(_one_line(text))
        return self.with_id(Criterion(text=text, location=location), explicit, location)

    def with_id(self, criterion: Criterion, explicit: Optional[str],
                location: Location) -> Criterion:
        if explicit is None:
            return criterion
        if not is_valid_id(explicit):
            self.problem(location, f"criterion id '{explicit}' may hold only letters, digits, "
                         "'.', '_' and '-'", code="bad-criterion-id")
            return criterion
        return replace(criterion, explicit_id=explicit)

    def example_criteria(self, entry: dict) -> tuple[Criterion, ...]:
        items = entry.get("exampleCriteria")
        if items is None:
            return ()
        if not isinstance(items, list):
            self.problem(self.source.value(entry, "exampleCriteria"),
                         f"'exampleCriteria' must be a list, not {_kind(items)}",
                         code="criteria-not-list")
            return ()
        found = []
        for i, item in enumerate(items):
            location = self.source.item(items, i)
            if isinstance(item, dict):
                check_keys(item, EXAMPLE_CRITERION, "an exampleCriteria entry", self.source,
                           self.problems)
            if not isinstance(item, dict) or not _text_or_none(item.get("criteria")):
                self.problem(location, "an exampleCriteria entry needs 'criteria' (its text) "
                             "and 'examples'", code="example-criteria-shape")
                continue
            text, explicit = split_explicit_id(_one_line(str(item["criteria"])))
            explicit = _text_or_none(item.get("id")) or explicit
            criterion = Criterion(text=text, location=location, examples=self.examples(item))
            found.append(self.with_id(criterion, explicit, location))
        return tuple(found)

    def examples(self, item: dict) -> tuple[str, ...]:
        examples = item.get("examples")
        if examples is None:
            return ()
        if isinstance(examples, str):
            examples = [examples]
        if not isinstance(examples, list):
            self.problem(self.source.value(item, "examples"),
                         f"'examples' must be a list, not {_kind(examples)}",
                         code="examples-not-list")
            return ()
        return tuple(_one_line(str(e)) for e in examples if e is not None and str(e).strip())


def read_topics(front_matter: Any, source: YamlSource, problems: list[Problem]) -> tuple[Topic, ...]:
    """Read the `topics` of a `yaml: true` front matter; problems are appended."""
    return _TopicsReader(source, problems).topics(front_matter)


def _keys_phrase(keys: tuple[str, ...]) -> str:
    """"'level', 'criteria' and 'exampleCriteria'"."""
    quoted_keys = [f"'{k}'" for k in keys if k not in ("description", "subtitle")]
    return ", ".join(quoted_keys[:-1]) + f" and {quoted_keys[-1]}"


def _next_free(key: str, taken: dict) -> str:
    number = 2
    while f"{key}-{number}" in taken:
        number += 1
    return f"{key}-{number}"


def _text_or_none(value: Any) -> Optional[str]:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    return quoted(value)

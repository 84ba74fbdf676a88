"""Completing loaded frameworks: generic inheritance and level layout.

A topic of a YAML framework whose `name` is the name of a topic of the
generic framework (`path: "/generic"`) takes that topic's title and, for
each level, the generic criteria after its own, as the original framework
site showed them; unlike the site, the generic examples come along too.
Inherited criteria are marked `inherited`.

Generic criteria go only into the levels the framework itself has (those
with content, and 1 to its declared `levels`), and a generic criterion
that the framework already states word for word is not repeated.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping, Optional

from docgen.errors import Location, Problem, Severity
from docgen.sources.front_matter import LoadedFile
from docgen.sources.monzo_yaml import Topic
from docgen.model import YAML_FORMAT, Category, Criterion, Framework, Level


def find_generic(files: Iterable[LoadedFile]) -> Optional[LoadedFile]:
    """The generic YAML framework among `files`, if there is one."""
    return next((f for f in files if f.framework.is_generic and
                 f.framework.format == YAML_FORMAT), None)


def complete(files: Iterable[LoadedFile], level_names: Mapping[int, str]
             ) -> tuple[list[Framework], list[Problem]]:
    """Every framework with its levels laid out, generic topics merged in and levels named."""
    files = list(files)
    generic = find_generic(files)
    generic_topics = {t.name: t for t in generic.topics if t.name} if generic else {}
    frameworks, problems = [], []
    for loaded in files:
        framework = loaded.framework
        if framework.format == YAML_FORMAT:
            inherited_from = {} if loaded is generic else generic_topics
            levels, repeated = lay_out(loaded.topics, inherited_from, framework.declared_levels)
            framework = replace(framework, levels=levels)
            if repeated:
                problems.append(Problem(
                    framework.location, Severity.INFO,
                    f"{repeated} generic criteri{'on is' if repeated == 1 else 'a are'} "
                    "repeated word for word in this framework's own topics; each is shown once",
                    code="repeats-generic"))
        levels = tuple(replace(level, name=level_names.get(level.number)) for level in
                       framework.levels)
        frameworks.append(replace(framework, levels=levels))
    return frameworks, problems


def lay_out(topics: Iterable[Topic], generic_topics: Mapping[str, Topic],
            declared_levels: Optional[int] = None) -> tuple[tuple[Level, ...], int]:
    """Turn topics (content per level) into levels (categories per topic).

    Returns the levels and how many generic criteria were left out because
    the framework repeats them.
    """
    topics = list(topics)
    numbers: dict[int, Location] = {}
    for topic in topics:
        for entry in topic.content:
            numbers.setdefault(entry.number, entry.location)
    for topic in topics:
        for entry in generic_topics[topic.name].content if topic.name in generic_topics else ():
            if entry.number in numbers or 1 <= entry.number <= (declared_levels or 0):
                numbers.setdefault(entry.number, entry.location)
    levels, repeated = [], 0
    for number in sorted(numbers):
        categories = []
        for topic in topics:
            category, skipped = _category(topic, number, generic_topics.get(topic.name or ""))
            repeated += skipped
            if category is not None:
                categories.append(category)
        levels.append(Level(number, numbers[number], tuple(categories)))
    return tuple(levels), repeated


def _category(topic: Topic, number: int, generic: Optional[Topic]
              ) -> tuple[Optional[Category], int]:
    own_entries = [e for e in topic.content if e.number == number]
    own = [c for e in own_entries for c in e.criteria]
    inherited: list[Criterion] = []
    stated = {_comparable(c.text) for c in own}
    skipped = 0
    if generic is not None:
        for entry in (e for e in generic.content if e.number == number):
            for criterion in entry.criteria:
                if _comparable(criterion.text) in stated:
                    skipped += 1
                else:
                    inherited.append(replace(criterion, inherited=True))
    if not own_entries and not inherited:
        return None, skipped
    title = (generic.title if generic is not None and generic.title else None) or topic.title \
        or _title_from_name(topic.name) or "Untitled topic"
    description = (generic.description if generic is not None else "") or topic.description
    location = own_entries[0].location if own_entries else topic.location
    return Category(key=topic.key, title=title, location=location,
                    criteria=tuple(own + inherited), description=description,
                    inherited=generic is not None), skipped


def _comparable(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".")


def _title_from_name(name: Optional[str]) -> str:
    if not name:
        return ""
    return name[0].upper() + name[1:]

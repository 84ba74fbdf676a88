"""Lint rules over the whole loaded model; each rule yields problems.

Rules see complete frameworks (inheritance done, ids set), never files.
Problems about the text of one file (YAML syntax, headings out of place,
unknown keys) are found while loading; these are the ones that need the
model: levels against the declared count, duplicates across files,
near-miss generic topic names, empty levels and categories.
"""

from __future__ import annotations

import difflib
from itertools import islice
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from docgen.errors import Problem, Severity
from docgen.model import Framework

Rule = Callable[[Sequence[Framework]], Iterator[Problem]]


def declared_levels(frameworks: Sequence[Framework]) -> Iterator[Problem]:
    """`levels: N` in the front matter disagrees with the levels that have content."""
    for fw in frameworks:
        if fw.declared_levels is None:
            continue
        present = {level.number for level in fw.levels}
        for level in fw.levels:
            if not 1 <= level.number <= fw.declared_levels:
                yield Problem(level.location, Severity.WARNING,
                              f"Level {level.number} is outside the declared "
                              f"'levels: {fw.declared_levels}'; its content is kept",
                              hint=f"set 'levels: {max(present)}' if it belongs",
                              code="levels-mismatch")
        # counted, then listed up to MAX_LISTED: `levels: 1e20` must not become a list of 1e20
        count = max(0, fw.declared_levels
                    - len([n for n in present if 1 <= n <= fw.declared_levels]))
        missing = list(islice((n for n in range(1, fw.declared_levels + 1) if n not in present),
                              MAX_LISTED))
        if missing:
            yield Problem(fw.declared_levels_location or fw.location, Severity.WARNING,
                          f"'levels: {fw.declared_levels}' is declared but "
                          f"{_levels_phrase(missing, count - len(missing))} no content",
                          hint="add the content or lower 'levels'", code="levels-mismatch")


MAX_LISTED = 100  # missing levels named in one warning


def duplicate_levels(frameworks: Sequence[Framework]) -> Iterator[Problem]:
    """The same `## Level N` heading twice in one framework."""
    for fw in frameworks:
        seen = {}
        for level in fw.levels:
            if level.number in seen:
                yield Problem(level.location, Severity.ERROR,
                              f"Level {level.number} appears twice",
                              hint=f"the first is at {seen[level.number]}",
                              code="duplicate-level")
            else:
                seen[level.number] = level.location


def duplicate_frameworks(frameworks: Sequence[Framework]) -> Iterator[Problem]:
    """Two files with the same framework id, or the same front-matter `path`."""
    by_id: dict[str, Framework] = {}
    by_path: dict[str, Framework] = {}
    for fw in frameworks:
        if fw.id in by_id:
            yield Problem(fw.location, Severity.ERROR, f"duplicate framework id '{fw.id}'",
                          hint=f"{by_id[fw.id].source} has the same id; "
                          "check one folder at a time or rename a file",
                          code="duplicate-framework")
        by_id.setdefault(fw.id, fw)
        if fw.path:
            key = fw.path.rstrip("/") or "/"
            if key in by_path:
                yield Problem(fw.location, Severity.ERROR,
                              f"duplicate framework path '{fw.path}'",
                              hint=f"{by_path[key].source} has the same 'path'",
                              code="duplicate-path")
            by_path.setdefault(key, fw)


def near_generic_topics(frameworks: Sequence[Framework]) -> Iterator[Problem]:
    """A YAML topic name that nearly, but not exactly, matches a generic topic."""
    generic = next((fw for fw in frameworks if fw.is_generic), None)
    if generic is None:
        return
    generic_keys = sorted({c.key for level in generic.levels for c in level.categories})
    for fw in frameworks:
        if fw is generic or not fw.inherits_generic:
            continue
        reported = set()
        for level in fw.levels:
            for category in level.categories:
                if category.inherited or category.key in reported or category.key in generic_keys:
                    continue
                reported.add(category.key)
                close = difflib.get_close_matches(category.key, generic_keys, n=1, cutoff=0.8)
                if close:
                    yield Problem(category.location, Severity.WARNING,
                                  f"topic '{category.key}' is not a generic topic, so it "
                                  f"inherits nothing; did you mean '{close[0]}'?",
                                  hint=f"generic topics: {', '.join(generic_keys)}",
                                  code="near-generic-topic")


def empty_parts(frameworks: Sequence[Framework]) -> Iterator[Problem]:
    """A level or a category with nothing in it."""
    for fw in frameworks:
        for level in fw.levels:
            if not any(c.criteria or c.content for c in level.categories):
                yield Problem(level.location, Severity.WARNING,
                              f"Level {level.number} is empty",
                              hint="add criteria or remove the level", code="empty-level")
                continue
            for category in level.categories:
                if not category.criteria and not category.content:
                    yield Problem(category.location, Severity.WARNING,
                                  f"category '{category.title}' of Level {level.number} is empty",
                                  hint="add criteria or remove it", code="empty-category")


RULES: tuple[Rule, ...] = (declared_levels, duplicate_levels, duplicate_frameworks,
                           near_generic_topics, empty_parts)


def within_limits(frameworks: Sequence[Framework], limits: Mapping[str, int]) -> list[Problem]:
    """A level with more criteria, or a text with more characters, than `limits` allow."""
    most, longest = limits["criteria_per_level"], limits["text_characters"]
    problems = []
    for framework in frameworks:
        for level in framework.levels:
            count = sum(len(c.criteria) for c in level.categories)
            if count > most:
                problems.append(Problem(level.location, Severity.ERROR,
                                        f"Level {level.number} has {count:,} criteria; docgen "
                                        f"takes at most {most:,} a level",
                                        hint="raise criteria_per_level under [limits] in "
                                             "docgen.toml", code="too-many-criteria"))
            texts = [(c.location, "a criterion", t) for c in level.criteria()
                     for t in (c.text, *c.examples)]
            problems += [Problem(where, Severity.ERROR,
                                 f"{what} of {len(text):,} characters; docgen takes at most "
                                 f"{longest:,}", hint="shorten it, or raise text_characters under "
                                                     "[limits] in docgen.toml",
                                 code="text-too-long")
                         for where, what, text in texts if len(text) > longest]
        if len(framework.title) > longest:
            problems.append(Problem(framework.location, Severity.ERROR,
                                    f"a title of {len(framework.title):,} characters; docgen "
                                    f"takes at most {longest:,}", code="text-too-long"))
    return problems


def validate(frameworks: Iterable[Framework]) -> list[Problem]:
    """Every problem every rule finds in `frameworks`."""
    frameworks = list(frameworks)
    return [problem for rule in RULES for problem in rule(frameworks)]


def _levels_phrase(numbers: list[int], more: int = 0) -> str:
    if len(numbers) == 1 and not more:
        return f"Level {numbers[0]} has"
    return ("Levels " + ", ".join(str(n) for n in numbers)
            + (f" (and {more} more)" if more else "") + " have")


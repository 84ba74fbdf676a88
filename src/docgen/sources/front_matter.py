"""One framework file → its header fields plus either levels or topics.

Reads the front matter (with positions), decides the format from `yaml:`,
and hands the body or the topics to the matching reader.  Errors that make
the file unreadable raise SourceError; everything else is a problem in the
list passed in, so one run reports every problem of every file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from docgen.errors import Location, Problem, Severity, SourceError, quoted
from docgen.sources.keys import FRONT_MATTER, check_keys
from docgen.sources.monzo_markdown import read_markdown_body
from docgen.sources.text import looks_unclosed, never_closed_error, read_text, split_front_matter
from docgen.sources.monzo_yaml import Topic, read_topics
from docgen.sources.yaml_parser import YamlSource, parse_yaml
from docgen.model import MARKDOWN_FORMAT, YAML_FORMAT, Framework

BODY_LEVEL = re.compile(r"^##\s+Level\s+\d+\b", re.IGNORECASE)


@dataclass(frozen=True)
class LoadedFile:
    """A framework file as read: the framework (levels still empty for YAML) and its topics."""

    framework: Framework
    topics: tuple[Topic, ...] = ()


def load_framework_file(path: Path, framework_id: str, display: str,
                        problems: list[Problem]) -> Optional[LoadedFile]:
    """Load one framework file; None when it is not a framework (no front matter).

    Raises SourceError when the file cannot be understood at all.
    """
    text = read_text(path, display, problems)
    if not text.strip():
        raise SourceError(Location(display), "the file is empty",
                          hint="a framework starts with front matter between '---' lines",
                          code="empty-file")
    document = split_front_matter(text, display)
    if document is None:
        problems.append(Problem(Location(display), Severity.WARNING,
                                "no front matter; the file is not read as a framework",
                                hint="start it with '---', the keys 'title' and 'yaml', and '---'",
                                code="no-front-matter"))
        return None
    source = YamlSource(display, document.front_matter_line)
    try:
        header = parse_yaml(document.front_matter, source, problems)
    except SourceError:
        if looks_unclosed(document.front_matter):
            raise never_closed_error(display) from None
        raise
    if not isinstance(header, dict):
        raise SourceError(Location(display, document.front_matter_line, 1),
                          "the front matter must be a mapping of keys such as 'title: …'",
                          code="front-matter-not-mapping")
    return _HeaderReader(header, source, display, problems).load(framework_id, document)


class _HeaderReader:
    def __init__(self, header: dict, source: YamlSource, display: str, problems: list[Problem]):
        self.header = header
        self.source = source
        self.display = display
        self.problems = problems

    def problem(self, key: str, severity: Severity, message: str, hint: str = "",
                code: str = "") -> None:
        self.problems.append(Problem(self.source.value(self.header, key), severity, message,
                                     hint, code))

    def text(self, key: str) -> Optional[str]:
        value = self.header.get(key)
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            self.problem(key, Severity.ERROR, f"'{key}' must be text", code="not-text")
            return None
        return str(value).strip() or None

    def flag(self, key: str, default: bool) -> bool:
        value = self.header.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if str(value).strip().lower() in ("true", "yes", "on"):
            return True
        if str(value).strip().lower() in ("false", "no", "off"):
            return False
        self.problem(key, Severity.ERROR, f"'{key}' must be true or false, not {quoted(value)}",
                     code="not-boolean")
        return default

    def declared_levels(self) -> Optional[int]:
        value = self.header.get("levels")
        if value is None or value == "":
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            self.problem("levels", Severity.ERROR,
                         f"'levels' must be a whole number, not {quoted(value)}",
                         hint="write it as 'levels: 6'", code="level-not-integer")
            return None

    def load(self, framework_id: str, document: Any) -> LoadedFile:
        is_yaml = self.flag("yaml", default=False)
        title = self.text("title")
        short_title = self.text("sidebarTitle")
        if title is None:
            title = short_title or framework_id
            self.problems.append(Problem(self.source.key(self.header, "title")
                                         if "title" in self.header else Location(self.display),
                                         Severity.WARNING, f"the framework has no title; "
                                         f"'{title}' is used", hint="add 'title: …'",
                                         code="no-title"))
        check_keys(self.header, FRONT_MATTER, "the front matter", self.source, self.problems)
        topics: tuple[Topic, ...] = ()
        introduction, levels = "", ()
        if is_yaml:
            topics = read_topics(self.header, self.source, self.problems)
            introduction = document.body.strip()
            self.report_body_levels(document)
        else:
            body = read_markdown_body(document.body, document.body_line, self.display,
                                      self.problems)
            introduction, levels = body.introduction, body.levels
            if self.header.get("topics"):
                self.problem("topics", Severity.WARNING,
                             "'topics' is ignored because 'yaml' is not true",
                             hint="set 'yaml: true' to use the topics", code="topics-ignored")
        framework = Framework(
            id=framework_id,
            title=title,
            source=self.display,
            location=Location(self.display),
            format=YAML_FORMAT if is_yaml else MARKDOWN_FORMAT,
            path=self.text("path"),
            short_title=short_title or title,
            group=self.text("sidebarGroup"),
            introduction=introduction,
            declared_levels=self.declared_levels(),
            declared_levels_location=self.source.value(self.header, "levels")
            if "levels" in self.header else None,
            levels=levels,
            subtitle=self.text("subtitle") or self.text("description") or "",
            level_prefix=self.text("levelPrefix") or "",
        )
        return LoadedFile(framework, topics)

    def report_body_levels(self, document: Any) -> None:
        """`## Level N` in the body of a `yaml: true` file is not read as a level: say so."""
        for offset, line in enumerate(document.body.splitlines()):
            if BODY_LEVEL.match(line):
                self.problems.append(Problem(
                    Location(self.display, document.body_line + offset), Severity.WARNING,
                    f"'{line.strip()}' is not read as a level because 'yaml: true': levels "
                    "come from 'topics', and this section is printed as introduction",
                    hint="set 'yaml: false' to read the body's levels, or move its criteria "
                         "into 'topics'", code="body-levels-ignored"))
                return

"""The framework model: frozen dataclasses, no I/O.

Loaders build these from files, `docgen.inherit` completes them (generic
inheritance, criterion ids), and every later stage only reads them.
Text fields hold Markdown inline source exactly as the author wrote it;
renderers turn it into safe output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from docgen.errors import Location

MARKDOWN_FORMAT = "markdown"
YAML_FORMAT = "yaml"


@dataclass(frozen=True)
class Detail:
    """A nested list item under a criterion, with its own nested items."""

    text: str
    details: tuple["Detail", ...] = ()


@dataclass(frozen=True)
class Criterion:
    """One behaviour expected at a level.

    `id` is stable and readable (see `docgen.ids`); `explicit_id` is what the
    author wrote, if anything.  `inherited` is true for criteria that come
    from the generic framework.
    """

    text: str
    location: Location
    id: str = ""
    explicit_id: Optional[str] = None
    details: tuple[Detail, ...] = ()
    examples: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    inherited: bool = False


@dataclass(frozen=True)
class Prose:
    """A paragraph (or other block) of Markdown under a category that is not a criterion."""

    text: str
    location: Location


@dataclass(frozen=True)
class Category:
    """A group of criteria within one level ("Mastery", "💬 Communication").

    `key` identifies the category across levels (the YAML topic `name`, or
    the slug of the Markdown heading).  `inherited` is true when the
    category is a topic of the generic framework: its title then comes from
    there, and some of its criteria may be inherited.
    """

    key: str
    title: str
    location: Location
    criteria: tuple[Criterion, ...] = ()
    content: tuple[Prose, ...] = ()
    description: str = ""
    inherited: bool = False


@dataclass(frozen=True)
class Level:
    """One level of a framework with its categories in order."""

    number: int
    location: Location
    categories: tuple[Category, ...] = ()
    name: Optional[str] = None

    def criteria(self) -> Iterator[Criterion]:
        """Every criterion of the level, category by category."""
        for category in self.categories:
            yield from category.criteria


@dataclass(frozen=True)
class Framework:
    """One progression framework, as loaded from one file.

    `id` is the file's path below the framework folder without `.md`
    (`engineering/backend`); `path` is the site path from the front matter
    (`/engineering/backend`); `source` is the file as shown to the user.
    """

    id: str
    title: str
    source: str
    location: Location
    format: str = MARKDOWN_FORMAT
    path: Optional[str] = None
    short_title: str = ""
    group: Optional[str] = None
    introduction: str = ""
    declared_levels: Optional[int] = None
    declared_levels_location: Optional[Location] = field(default=None, compare=False)
    levels: tuple[Level, ...] = ()
    subtitle: str = ""
    level_prefix: str = ""

    @property
    def is_generic(self) -> bool:
        """True for the framework whose topics others inherit (`path: "/generic"`)."""
        return (self.path or "").rstrip("/") == "/generic"

    @property
    def inherits_generic(self) -> bool:
        """True when the framework's topics take the generic framework's (the YAML format)."""
        return self.format == YAML_FORMAT and not self.is_generic

    def criteria(self) -> Iterator[tuple[Level, Category, Criterion]]:
        """Every criterion with its level and category, in document order."""
        for level in self.levels:
            for category in level.categories:
                for criterion in category.criteria:
                    yield level, category, criterion

    def level(self, number: int) -> Optional[Level]:
        """The level with this number, or None."""
        return next((lv for lv in self.levels if lv.number == number), None)


@dataclass(frozen=True)
class Person:
    """Someone named in an assessment: the candidate or an assessor."""

    name: str
    role: str = ""
    team: str = ""


@dataclass(frozen=True)
class Evidence:
    """A piece of evidence: text, and a link when there is one."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class Rating:
    """The ratings and evidence for one criterion."""

    criterion_id: str
    location: Location
    self_rating: Optional[str] = None
    manager_rating: Optional[str] = None
    evidence: tuple[Evidence, ...] = ()
    comments: str = ""
    self_location: Optional[Location] = None  # where the self rating stands (None: unknown)
    manager_location: Optional[Location] = None

    def location_of(self, which: str) -> Location:
        """Where the `which` ("self" or "manager") rating stands, else the criterion's key."""
        return getattr(self, f"{which}_location") or self.location


@dataclass(frozen=True)
class Assessment:
    """One person's promotion case against one framework."""

    source: str
    location: Location
    framework_id: str
    candidate: Person
    current_level: int
    target_level: int
    framework_location: Location
    target_location: Location
    period: str = ""
    assessors: tuple[Person, ...] = ()
    summary: str = ""
    ratings: tuple[Rating, ...] = ()
    framework_revision: str = ""  # the git commit of the framework it was written against

    def rating(self, criterion_id: str) -> Optional[Rating]:
        """The rating of a criterion, or None when it is not rated."""
        return next((r for r in self.ratings if r.criterion_id == criterion_id), None)

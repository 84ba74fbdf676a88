"""Model → what a handbook template sees.

Each dataclass below is the documented contract between docgen and the
handbook templates (`templates/handbook/`): a template may use exactly these
fields.  Text fields that hold HTML are `Markup` made by `docgen.markup`,
already safe; everything else is plain data that Jinja escapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Iterator, Mapping, Optional, Sequence

from markupsafe import Markup

from docgen import __version__
from docgen.changes.marks import ChangeMarks
from docgen.compare import LevelChange, level_changes
from docgen.config import PAPERS
from docgen.markup import block_html, inline_html
from docgen.model import Category, Criterion, Detail, Framework, Level
from docgen.slugs import slugify
from docgen.sourcedate import long_date


@dataclass(frozen=True)
class DetailView:
    """A nested item under a criterion."""

    html: Markup
    details: tuple["DetailView", ...]


@dataclass(frozen=True)
class CriterionView:
    """A criterion as printed: its text, details, examples and quotes (all safe HTML)."""

    id: str
    anchor: str
    html: Markup
    details: tuple[DetailView, ...]
    examples: tuple[Markup, ...]
    quotes: tuple[Markup, ...]
    inherited: bool
    carried_over: bool  # also stated, word for word, at the level before
    changed: str = ""  # with change marks: "added", "reworded" or "moved" since the revision


@dataclass(frozen=True)
class CategoryView:
    """A category of one level."""

    key: str
    anchor: str
    title: str
    description: str
    inherited: bool
    criteria: tuple[CriterionView, ...]
    prose: tuple[Markup, ...]
    continued: bool = False  # the rest of a category begun in the unit before (see UnitView)


@dataclass(frozen=True)
class ChangeView:
    """One line of "new at this level": a category and what it adds."""

    title: str
    anchor: str
    is_new: bool
    new_count: int
    carried_count: int
    prose_only: bool  # described in paragraphs: say whether the description changed
    prose_changed: bool


@dataclass(frozen=True)
class LevelView:
    """One level of a framework; starts a new page in print."""

    number: int
    label: str  # "Level 3"
    name: Optional[str]
    anchor: str
    categories: tuple[CategoryView, ...]
    criteria_count: int
    previous_label: Optional[str]
    changes: tuple[ChangeView, ...]
    dropped: tuple[str, ...]
    new_count: int
    continued: bool = False  # the rest of a level begun in the unit before (see UnitView)
    removed: tuple[str, ...] = ()  # with change marks: criteria removed since the revision


@dataclass(frozen=True)
class OverviewView:
    """The levels × categories table of a framework: criteria per cell (None: no category)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[LevelView, tuple[Optional[str], ...]], ...]
    has_prose: bool  # some cell is a category described in prose ("text")


@dataclass(frozen=True)
class ChapterView:
    """One framework."""

    id: str
    anchor: str
    title: str
    short_title: str
    subtitle: str  # the front matter's `subtitle` (or `description`): a line under the title
    group: Optional[str]
    source: str
    introduction: Markup
    levels: tuple[LevelView, ...]
    overview: OverviewView
    criteria_count: int
    prose_only: bool  # no criteria at all, only paragraphs (as some design frameworks)
    has_inherited: bool


@dataclass(frozen=True)
class PartView:
    """Chapters that share a `sidebarGroup` (title None when there is only one part)."""

    title: Optional[str]
    anchor: str
    chapters: tuple[ChapterView, ...]


@dataclass(frozen=True)
class HandbookContext:
    """Everything the handbook template sees."""

    title: str
    subtitle: str
    organisation: str
    logo: Optional[str]  # a data: URI, or None
    date: str  # "23 November 2026"
    date_iso: str  # "2026-11-23T10:00:00Z"
    edition: str  # a short version string for the cover
    paper: str  # "A4" or "Letter"
    page_mm: tuple[float, float]  # the paper's width and height, from config.PAPERS
    lang: str
    parts: tuple[PartView, ...]
    criteria_count: int
    framework_count: int
    generator: str
    medium: str  # "print" (laid out by WeasyPrint) or "screen" (the HTML file)
    stylesheet: str  # template name of the CSS to inline
    unit: Optional["UnitView"] = None  # the part of the book laid out now; None: all of it
    changes_since: str = ""  # with change marks: the revision they are counted from


@dataclass(frozen=True)
class UnitView:
    """One unit of the print handbook, laid out on its own and joined with the others.

    The front matter (cover, contents, colophon) is one unit; each chapter is
    another, or, for a very large framework, its title and overview are one
    and each level (or part of a level) another.  `parts` of the context then
    hold just the unit's chapter.
    """

    front: bool = False
    head: bool = True  # the chapter's title and overview are in this unit
    levels: tuple[LevelView, ...] = ()  # the levels (or parts of levels) in this unit
    targets: tuple[str, ...] = ()  # anchors its links point to in other units: empty, no room
    pages: Mapping[str, str] = field(default_factory=dict)  # front: target → its page number


def build_handbook_context(frameworks: Sequence[Framework], *, title: str, organisation: str,
                           date: datetime, paper: str, medium: str, edition: str = "",
                           logo: Optional[str] = None, lang: str = "en",
                           marks: Optional[ChangeMarks] = None) -> HandbookContext:
    """The handbook context for `frameworks`, grouped into parts by `sidebarGroup`; with
    `marks`, changed criteria are marked and removed ones listed."""
    chapters = [chapter_view(fw, marks) for fw in frameworks]
    parts = _parts(chapters)
    subtitle = (f"{len(chapters)} frameworks" if len(chapters) != 1 else chapters[0].title)
    return HandbookContext(
        title=title,
        subtitle=subtitle,
        organisation=organisation,
        logo=logo,
        date=long_date(date),
        date_iso=date.strftime("%Y-%m-%dT%H:%M:%SZ"),
        edition=edition or date.strftime("%Y-%m-%d"),
        paper=paper,
        page_mm=PAPERS[paper],
        lang=lang,
        parts=parts,
        criteria_count=sum(c.criteria_count for c in chapters),
        framework_count=len(chapters),
        generator=f"docgen {__version__}",
        medium=medium,
        stylesheet=f"handbook/{medium}.css",
        changes_since=marks.label if marks else "",
    )


def chapter_view(fw: Framework, marks: Optional[ChangeMarks] = None) -> ChapterView:
    """One framework as a chapter (with `marks`: what changed since a revision marked)."""
    slug = slugify(fw.id) or "framework"
    changes = {c.level.number: c for c in level_changes(fw)}
    marks = marks or ChangeMarks("")
    levels = tuple(_level_view(slug, level, changes[level.number], fw.id, marks)
                   for level in fw.levels)
    return ChapterView(
        id=fw.id,
        anchor=f"fw-{slug}",
        title=fw.title,
        short_title=fw.short_title or fw.title,
        subtitle=fw.subtitle,
        group=fw.group,
        source=fw.source,
        introduction=block_html(fw.introduction),
        levels=levels,
        overview=_overview(fw, levels),
        criteria_count=sum(lv.criteria_count for lv in levels),
        prose_only=not any(True for _ in fw.criteria()),
        has_inherited=any(c.inherited for _, _, c in fw.criteria()),
    )


def level_label(level: Level) -> str:
    """How a level is named in headings: "Level 3"."""
    return f"Level {level.number}"


def _level_view(slug: str, level: Level, change: LevelChange, framework_id: str,
                marks: ChangeMarks) -> LevelView:
    anchor = f"{slug}-l{level.number}"
    carried = change.carried_ids
    changed = marks.changed_in(framework_id)
    categories = tuple(_category_view(slug, anchor, c, carried, changed)
                       for c in level.categories)
    by_key = {c.key: c for c in categories}
    changes = tuple(ChangeView(c.title, by_key[c.key].anchor, c.is_new, len(c.new), len(c.carried),
                               c.prose_only, c.prose_changed)
                    for c in change.categories)
    return LevelView(
        number=level.number,
        label=level_label(level),
        name=level.name,
        anchor=anchor,
        categories=categories,
        criteria_count=sum(len(c.criteria) for c in categories),
        previous_label=level_label(change.previous) if change.previous else None,
        changes=changes,
        dropped=change.dropped,
        new_count=change.new_count,
        removed=tuple(inline_html(text) for text in marks.removed_at(framework_id, level.number)),
    )


def _category_view(slug: str, level_anchor: str, category: Category,
                   carried: frozenset[str], changed: Mapping[str, str]) -> CategoryView:
    anchor = f"{level_anchor}-{category.key}"
    return CategoryView(
        key=category.key,
        anchor=anchor,
        title=category.title,
        description=category.description,
        inherited=category.inherited,
        criteria=tuple(_criterion_view(slug, c, c.id in carried, changed.get(c.id, ""))
                       for c in category.criteria),
        prose=tuple(block_html(p.text) for p in category.content),
    )


def _criterion_view(slug: str, criterion: Criterion, carried: bool,
                    changed: str = "") -> CriterionView:
    return CriterionView(
        id=criterion.id,
        anchor=f"{slug}-{slugify(criterion.id)}",
        html=inline_html(criterion.text),
        details=detail_views(criterion.details),
        examples=tuple(inline_html(e) for e in criterion.examples),
        quotes=tuple(inline_html(q) for q in criterion.quotes),
        inherited=criterion.inherited,
        carried_over=carried,
        changed=changed,
    )


MAX_DETAIL_DEPTH = 3  # levels of nesting a printed page shows; deeper items join the third


def detail_views(details: Iterable[Detail], depth: int = 1) -> tuple[DetailView, ...]:
    """Nested items as views, at most `MAX_DETAIL_DEPTH` deep.

    Every item is kept: items nested deeper follow their parent, in order, at
    the deepest level shown, so a list nested forty deep does not squeeze its
    text into a sliver at the right of a card.
    """
    if depth >= MAX_DETAIL_DEPTH:
        return tuple(DetailView(inline_html(d.text), ()) for d in _flattened(details))
    return tuple(DetailView(inline_html(d.text), detail_views(d.details, depth + 1))
                 for d in details)


def _flattened(details: Iterable[Detail]) -> Iterator[Detail]:
    for detail in details:
        yield detail
        yield from _flattened(detail.details)


def _overview(fw: Framework, levels: tuple[LevelView, ...]) -> OverviewView:
    columns: list[str] = []
    keys: list[str] = []
    for level in fw.levels:
        for category in level.categories:
            if category.key not in keys:
                keys.append(category.key)
                columns.append(category.title)
    rows = []
    for view in levels:
        by_key = {c.key: c for c in view.categories}
        cells = tuple(_cell(by_key.get(key)) for key in keys)
        rows.append((view, cells))
    has_prose = any(cell == "text" for _, cells in rows for cell in cells)
    return OverviewView(tuple(columns), tuple(rows), has_prose)


def _cell(category: Optional[CategoryView]) -> Optional[str]:
    if category is None:
        return None
    if category.criteria:
        return str(len(category.criteria))
    return "text" if category.prose else "0"


def _parts(chapters: list[ChapterView]) -> tuple[PartView, ...]:
    groups: dict[Optional[str], list[ChapterView]] = {}
    for chapter in chapters:
        groups.setdefault(chapter.group, []).append(chapter)
    ordered = sorted(groups, key=lambda g: (g is None, (g or "").casefold()))
    single = len(ordered) == 1
    return tuple(
        PartView(title=None if single else _group_title(group),
                 anchor=f"part-{slugify(group or 'other') or 'other'}",
                 chapters=tuple(groups[group]))
        for group in ordered)


def _group_title(group: Optional[str]) -> str:
    if not group:
        return "Other frameworks"
    return " ".join(word[:1].upper() + word[1:] for word in group.replace("-", " ").split())

"""Assessment + framework → what a promotion packet shows (Word and PDF alike).

`PacketContext` is the documented contract of the packet templates
(`templates/packet/`, and a user's own .docx template): every field below.
Text is plain (Markdown in criteria reduced to its words); links are kept
only for http, https and mailto addresses.  A blank case template is the
same context with no ratings (`blank` true).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Optional, Sequence

from docgen.changes.revisions import Revision
from docgen.compare import compare_levels
from docgen.errors import UnknownLevelError
from docgen.markup import inline_html
from docgen.model import Assessment, Framework, Person
from docgen.sourcedate import long_date

SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
# Characters XML 1.0 (and so Word) cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class EvidenceView:
    """One piece of evidence; `url` is empty unless it is a web or mail link."""

    text: str
    url: str


@dataclass(frozen=True)
class Row:
    """A criterion of the target level with its ratings."""

    criterion_id: str
    text: str
    self_rating: str
    manager_rating: str
    met_self: bool
    met_manager: bool
    evidence: tuple[EvidenceView, ...]
    comments: str


@dataclass(frozen=True)
class Section:
    """A category of the target level: its rows and how many are met."""

    title: str
    rows: tuple[Row, ...]
    met_self: int
    met_manager: int

    @property
    def total(self) -> int:
        """How many criteria the category has."""
        return len(self.rows)


@dataclass(frozen=True)
class Addition:
    """A line of "what the target level adds": a category and its new criteria."""

    title: str
    is_new: bool
    criteria: tuple[str, ...]


@dataclass(frozen=True)
class PacketContext:
    """Everything a packet or case template shows."""

    blank: bool  # a case template to fill in, with no ratings
    title: str
    organisation: str
    date: str  # "23 November 2026"
    date_iso: str
    when: datetime  # the same date, for documents that store it as a date (.docx properties)
    paper: str
    lang: str
    candidate: Person
    framework_id: str
    framework_title: str
    current_label: str  # "Level 2 · Engineer"
    target_label: str
    target_level: int
    period: str
    assessors: tuple[Person, ...]
    sections: tuple[Section, ...]
    gaps: tuple[tuple[str, str], ...]  # (category, criterion) not met by the manager's rating
    additions: tuple[Addition, ...]
    summary: tuple[str, ...]  # the candidate's summary, paragraph by paragraph
    scale: tuple[str, ...]
    met: tuple[str, ...]
    framework_commit: str = ""  # the git commit of the framework it was assessed against
    framework_revision: str = ""  # that commit as people read it: "a1b2c3d of 1 March 2026"

    @property
    def total(self) -> int:
        """Criteria of the target level."""
        return sum(s.total for s in self.sections)

    @property
    def met_self(self) -> int:
        """Criteria met by self rating."""
        return sum(s.met_self for s in self.sections)

    @property
    def met_manager(self) -> int:
        """Criteria met by manager rating."""
        return sum(s.met_manager for s in self.sections)


def build_packet_context(framework: Framework, assessment: Optional[Assessment], *,
                         target_level: int, current_level: Optional[int] = None,
                         organisation: str, date: datetime, paper: str, lang: str,
                         scale: Sequence[str], met: Sequence[str],
                         revision: tuple = ()) -> PacketContext:
    """The packet for `assessment`, or (assessment None) the blank case template for a level."""
    target = framework.level(target_level)
    if target is None:
        raise UnknownLevelError(f"{framework.id} has no Level {target_level}")
    if current_level is None:
        current_level = assessment.current_level if assessment else target_level - 1
    current = framework.level(current_level)
    sections, gaps = [], []
    for category in target.categories:
        rows = tuple(_row(c.id, c.text, assessment, met) for c in category.criteria)
        sections.append(Section(clean(category.title), rows, sum(r.met_self for r in rows),
                                sum(r.met_manager for r in rows)))
        if assessment is not None:
            gaps += [(clean(category.title), r.text) for r in rows if not r.met_manager]
    change = compare_levels(target, current)
    additions = tuple(Addition(clean(c.title), c.is_new, tuple(plain_text(x.text) for x in c.new))
                      for c in change.categories if c.new or c.is_new)
    candidate = assessment.candidate if assessment else Person("")
    return PacketContext(
        blank=assessment is None,
        title="Promotion case",
        organisation=clean(organisation),
        date=long_date(date),
        date_iso=date.strftime("%Y-%m-%dT%H:%M:%SZ"),
        when=date,
        paper=paper,
        lang=lang,
        candidate=Person(clean(candidate.name), clean(candidate.role), clean(candidate.team)),
        framework_id=framework.id,
        framework_title=clean(framework.title),
        current_label=_label(current_level, current.name if current else None),
        target_label=_label(target_level, target.name),
        target_level=target_level,
        period=clean(assessment.period) if assessment else "",
        assessors=tuple(Person(clean(a.name), clean(a.role)) for a in
                        (assessment.assessors if assessment else ())),
        sections=tuple(sections),
        gaps=tuple(gaps),
        additions=additions,
        summary=tuple(clean(p) for p in re.split(r"\n\s*\n", assessment.summary.strip())
                      if p.strip()) if assessment and assessment.summary else (),
        scale=tuple(scale),
        met=tuple(met),
        framework_commit=revision[0] if revision else "",
        framework_revision=_revision_label(revision),
    )


def _revision_label(revision: tuple) -> str:
    """(commit, ISO date) → "a1b2c3d of 1 March 2026"; "" when unknown."""
    if not revision:
        return ""
    commit, date = revision
    return Revision(commit, commit, date).label


def clean(text: str) -> str:
    """`text` without the characters Word cannot hold."""
    return _NOT_XML.sub("", text or "")


def plain_text(markdown_inline: str) -> str:
    """A criterion's Markdown reduced to its words (links become their text)."""
    return clean(html.unescape(re.sub(r"<[^>]+>", "", str(inline_html(markdown_inline)))))


def _row(criterion_id: str, text: str, assessment: Optional[Assessment],
         met: Sequence[str]) -> Row:
    rating = assessment.rating(criterion_id) if assessment else None
    if rating is None:
        return Row(criterion_id, plain_text(text), "", "", False, False, (), "")
    evidence = tuple(_evidence(e.text, e.url) for e in rating.evidence)
    return Row(criterion_id, plain_text(text), clean(rating.self_rating or ""),
               clean(rating.manager_rating or ""), rating.self_rating in met,
               rating.manager_rating in met, evidence, clean(rating.comments))


def _evidence(text: str, url: str) -> EvidenceView:
    if not url or SAFE_LINK.match(url):
        return EvidenceView(clean(text), url)
    shown = text if text == url else f"{text} ({url})"  # an unsafe link is shown, never linked
    return EvidenceView(clean(shown), "")


def _label(number: int, name: Optional[str]) -> str:
    return f"Level {number}" + (f" · {name}" if name else "")

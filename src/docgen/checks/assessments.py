"""Checking an assessment against its framework and the rating scale: one function per rule.

Errors: a framework or level that does not exist, a criterion id that does
not exist (the closest id is suggested), a rating outside the scale.
Warnings: a target level not above the current one, a criterion rated as
met with no evidence, a rated criterion that is not part of the target
level.  (A criterion rated twice is found while the file is read.)

A rule takes the assessment, its framework (None when the assessment names
none that exists: `unknown_framework` reports that) and the rating scale,
and yields problems.  Adding a rule is one function and its line in `RULES`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Callable, Iterator, Optional, Sequence

from docgen.errors import Problem, Severity, quoted
from docgen.model import Assessment, Framework


@dataclass(frozen=True)
class Scale:
    """The ratings an assessor may give, lowest first, and those that count as met."""

    ratings: Sequence[str]
    met: Sequence[str]


MAX_SUGGESTIONS = 20  # did-you-means per assessment; a file of thousands of wrong ids gets plain errors
Rule = Callable[[Assessment, Optional[Framework], Scale], Iterator[Problem]]


def target_above_current(assessment: Assessment, framework: Optional[Framework],
                         scale: Scale) -> Iterator[Problem]:
    """A target level that is not above the current one (warning)."""
    if assessment.target_level <= assessment.current_level:
        yield Problem(assessment.target_location, Severity.WARNING,
                      f"target level {assessment.target_level} is not above the current "
                      f"level {assessment.current_level}", code="target-not-above")


def ratings_on_scale(assessment: Assessment, framework: Optional[Framework],
                     scale: Scale) -> Iterator[Problem]:
    """A self or manager rating that is not on the scale (error; the closest is suggested)."""
    for rating in assessment.ratings:
        for label, value in (("self", rating.self_rating), ("manager", rating.manager_rating)):
            if value is not None and value not in scale.ratings:
                yield Problem(rating.location_of(label), Severity.ERROR,
                              f"{label} rating {quoted(value)} of {rating.criterion_id} is not on the "
                              "rating scale", hint=_closest(value, scale.ratings, 0.6) or
                              f"the scale: {', '.join(scale.ratings)}", code="rating-off-scale")


def evidence_for_met(assessment: Assessment, framework: Optional[Framework],
                     scale: Scale) -> Iterator[Problem]:
    """A criterion rated as met with no evidence (warning)."""
    for rating in assessment.ratings:
        if (rating.manager_rating in scale.met or rating.self_rating in scale.met) \
                and not rating.evidence:
            yield Problem(rating.location, Severity.WARNING,
                          f"{rating.criterion_id} is rated as met but has no evidence",
                          hint="add 'evidence:'", code="met-without-evidence")


def target_level_exists(assessment: Assessment, framework: Optional[Framework],
                        scale: Scale) -> Iterator[Problem]:
    """A target level the framework does not have (error)."""
    if framework is not None and framework.level(assessment.target_level) is None:
        numbers = ", ".join(str(level.number) for level in framework.levels)
        yield Problem(assessment.target_location, Severity.ERROR,
                      f"{framework.id} has no Level {assessment.target_level}",
                      hint=f"levels: {numbers}", code="no-such-level")


def criteria_of_the_target(assessment: Assessment, framework: Optional[Framework],
                           scale: Scale) -> Iterator[Problem]:
    """A criterion id the framework does not have (error), or of another level (warning)."""
    if framework is None:
        return
    ids = {c.id: level.number for level, _, c in framework.criteria()}
    unknown = 0
    for rating in assessment.ratings:
        if rating.criterion_id not in ids:
            unknown += 1
            # a suggestion costs a comparison with every id: the first few are worth it
            suggestion = _closest(rating.criterion_id, _neighbours(rating.criterion_id, ids),
                                  0.6) if unknown <= MAX_SUGGESTIONS else ""
            yield Problem(rating.location, Severity.ERROR,
                          f"{framework.id} has no criterion {quoted(rating.criterion_id, 80)}",
                          hint=_migrate_hint(assessment, suggestion or
                                             f"see 'docgen list --framework {framework.id}'"),
                          code="unknown-criterion")
        elif ids[rating.criterion_id] != assessment.target_level:
            yield Problem(rating.location, Severity.WARNING,
                          f"{rating.criterion_id} is a criterion of Level "
                          f"{ids[rating.criterion_id]}, not of the target level "
                          f"{assessment.target_level}", code="other-level")


RULES: tuple[Rule, ...] = (target_above_current, ratings_on_scale, evidence_for_met,
                           target_level_exists, criteria_of_the_target)


def validate_assessment(assessment: Assessment, frameworks: Sequence[Framework],
                        scale: Sequence[str], met: Sequence[str]) -> list[Problem]:
    """Every problem of `assessment`: its framework's existence, then every rule's."""
    framework = next((f for f in frameworks if f.id == assessment.framework_id), None)
    problems = [] if framework else [_unknown_framework(assessment, frameworks)]
    problems += [p for rule in RULES for p in rule(assessment, framework, Scale(scale, met))]
    return sorted(problems, key=lambda p: p.location)


def _unknown_framework(assessment: Assessment, frameworks: Sequence[Framework]) -> Problem:
    ids = [f.id for f in frameworks]
    return Problem(assessment.framework_location, Severity.ERROR,
                   f"there is no framework {quoted(assessment.framework_id)}",
                   hint=_closest(assessment.framework_id, ids, 0.5) or
                   f"known: {', '.join(ids) or 'none'}", code="unknown-framework")


def _migrate_hint(assessment: Assessment, hint: str) -> str:
    """`hint`, and how `assessment migrate` brings ids written for an older framework up to date."""
    against = (f"matching ids against the framework at {assessment.framework_revision[:7]}, "
               "which it was written for" if assessment.framework_revision else
               "give --since and the framework revision it was written for")
    return f"{hint}; if the framework changed, 'docgen assessment migrate " \
           f"{assessment.source}' can fix it ({against})"


def _neighbours(criterion_id: str, ids) -> list[str]:
    """The ids of the same level and category as `criterion_id` (all, when it has no such prefix):
    a suggestion from another category is a guess, not a typo fixed."""
    prefix = criterion_id.rsplit(".", 1)[0] + "." if criterion_id.count(".") >= 2 else ""
    return [i for i in ids if i.startswith(prefix)]


def _closest(word: str, candidates, cutoff: float) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return f"did you mean '{close[0]}'?" if close else ""

"""Checking an assessment against its framework and the rating scale.

Errors: a framework or level that does not exist, a criterion id that does
not exist (the closest id is suggested), a rating outside the scale, a
criterion rated twice.  Warnings: a target level not above the current
one, a criterion rated as met with no evidence, a rated criterion that is
not part of the target level.
"""

from __future__ import annotations

import difflib
from typing import Iterable, Optional, Sequence

from docgen.errors import Problem, Severity
from docgen.model import Assessment, Framework


def validate_assessment(assessment: Assessment, frameworks: Sequence[Framework],
                        scale: Sequence[str], met: Sequence[str]) -> list[Problem]:
    """Every problem of `assessment` (see the module docstring)."""
    problems: list[Problem] = []
    framework = _framework(assessment, frameworks, problems)
    if assessment.target_level <= assessment.current_level:
        problems.append(Problem(assessment.target_location, Severity.WARNING,
                                f"target level {assessment.target_level} is not above the current "
                                f"level {assessment.current_level}", code="target-not-above"))
    for rating in assessment.ratings:
        for label, value in (("self", rating.self_rating), ("manager", rating.manager_rating)):
            if value is not None and value not in scale:
                close = difflib.get_close_matches(value, list(scale), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else f"the scale: {', '.join(scale)}"
                problems.append(Problem(rating.location, Severity.ERROR,
                                        f"{label} rating '{value}' of {rating.criterion_id} is not "
                                        "on the rating scale", hint=hint, code="rating-off-scale"))
        if (rating.manager_rating in met or rating.self_rating in met) and not rating.evidence:
            problems.append(Problem(rating.location, Severity.WARNING,
                                    f"{rating.criterion_id} is rated as met but has no evidence",
                                    hint="add 'evidence:'", code="met-without-evidence"))
    if framework is None:
        return problems
    if framework.level(assessment.target_level) is None:
        problems.append(Problem(assessment.target_location, Severity.ERROR,
                                f"{framework.id} has no Level {assessment.target_level}",
                                hint=f"levels: {_numbers(framework)}", code="no-such-level"))
    ids = {c.id: level.number for level, _, c in framework.criteria()}
    for rating in assessment.ratings:
        if rating.criterion_id not in ids:
            close = difflib.get_close_matches(rating.criterion_id, list(ids), n=1, cutoff=0.5)
            problems.append(Problem(rating.location, Severity.ERROR,
                                    f"{framework.id} has no criterion '{rating.criterion_id}'",
                                    hint=f"did you mean '{close[0]}'?" if close else
                                    "see 'docgen list --framework " + framework.id + "'",
                                    code="unknown-criterion"))
        elif ids[rating.criterion_id] != assessment.target_level:
            problems.append(Problem(rating.location, Severity.WARNING,
                                    f"{rating.criterion_id} is a criterion of Level "
                                    f"{ids[rating.criterion_id]}, not of the target level "
                                    f"{assessment.target_level}", code="other-level"))
    return problems


def _framework(assessment: Assessment, frameworks: Iterable[Framework],
               problems: list[Problem]) -> Optional[Framework]:
    frameworks = list(frameworks)
    for framework in frameworks:
        if framework.id == assessment.framework_id:
            return framework
    ids = [f.id for f in frameworks]
    close = difflib.get_close_matches(assessment.framework_id, ids, n=1, cutoff=0.5)
    problems.append(Problem(assessment.framework_location, Severity.ERROR,
                            f"there is no framework '{assessment.framework_id}'",
                            hint=f"did you mean '{close[0]}'?" if close else
                            f"known: {', '.join(ids) or 'none'}", code="unknown-framework"))
    return None


def _numbers(framework: Framework) -> str:
    return ", ".join(str(level.number) for level in framework.levels)

"""Assessment files written out: a blank one for a level, or one imported from CSV.

Strings are written as JSON strings, which YAML reads the same way, so no
text from a framework or a spreadsheet can change the file's structure.
"""

from __future__ import annotations

import json
import re
from typing import Mapping, Optional, Sequence

from docgen.errors import UnknownLevelError
from docgen.model import Assessment, Framework, Rating
from docgen.sources.text import strip_controls

_LINE_SEPARATORS = re.compile("[\u2028\u2029]")  # json.dumps leaves them raw; YAML 1.1 breaks lines


def assessment_yaml(framework: Framework, target_level: int, scale: Sequence[str],
                    met: Sequence[str], assessment: Optional[Assessment] = None,
                    candidate: str = "", schema: str = "", revision: str = "") -> str:
    """The YAML text of an assessment: every criterion of `target_level`, filled where known.

    `schema`: where editors find the assessment JSON Schema (a line for the
    YAML language server at the top); `revision`: the git commit of the
    framework it is written against.
    """
    level = framework.level(target_level)
    if level is None:
        raise UnknownLevelError(f"{framework.id} has no Level {target_level}")
    ratings: Mapping[str, Rating] = {r.criterion_id: r for r in assessment.ratings} \
        if assessment else {}
    person = assessment.candidate if assessment else None
    lines = [f"# yaml-language-server: $schema={_one_line(schema)}"] if schema else []
    lines += [
        f"# Promotion case for Level {target_level} of {_one_line(framework.title)} ({framework.id}).",
        f"# Ratings, lowest first: {_one_line(', '.join(scale))}. Met: {_one_line(', '.join(met))}.",
        "# For each criterion give self and manager ratings, evidence (text, and a url",
        "# where there is one) and comments. Check it with: docgen check FILE",
        f"framework: {_q(framework.id)}",
        *([f"framework_revision: {_q(revision)}"] if revision else []),
        "candidate:",
        f"  name: {_q(person.name if person else candidate)}",
        f"  role: {_q(person.role if person else '')}",
        f"  team: {_q(person.team if person else '')}",
        f"current_level: {assessment.current_level if assessment else max(target_level - 1, 0)}",
        f"target_level: {target_level}",
        f"period: {_q(assessment.period if assessment else '')}",
        "assessors:",
    ]
    assessors = assessment.assessors if assessment and assessment.assessors else ()
    for assessor in assessors or (None,):
        lines += [f"  - name: {_q(assessor.name if assessor else '')}",
                  f"    role: {_q(assessor.role if assessor else '')}"]
    lines += [f"summary: {_q(assessment.summary if assessment else '')}", "ratings:"]
    for category in level.categories:
        lines.append(f"  # ── {_one_line(category.title)}")
        for criterion in category.criteria:
            lines += _rating_lines(criterion.id, criterion.text, ratings.get(criterion.id))
    return "\n".join(lines) + "\n"


def _rating_lines(criterion_id: str, text: str, rating: Optional[Rating]) -> list[str]:
    lines = [f"  # {_one_line(text)}", f"  {criterion_id}:",
             f"    self: {_q(rating.self_rating) if rating and rating.self_rating else ''}".rstrip(),
             f"    manager: {_q(rating.manager_rating) if rating and rating.manager_rating else ''}"
             .rstrip()]
    if rating and rating.evidence:
        lines.append("    evidence:")
        for item in rating.evidence:
            lines.append(f"      - text: {_q(item.text)}")
            if item.url:
                lines.append(f"        url: {_q(item.url)}")
    else:
        lines.append("    evidence: []")
    lines.append(f"    comments: {_q(rating.comments if rating else '')}")
    return lines


def _q(text: str) -> str:
    """A double-quoted YAML string: JSON, without control characters, line separators escaped."""
    quoted = json.dumps(strip_controls(text), ensure_ascii=False)
    return _LINE_SEPARATORS.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _one_line(text: str) -> str:
    """Text for a comment: one line, no control characters."""
    return " ".join(strip_controls(text).split())

"""Showing problems to a user: plain text, JSON, or GitHub workflow annotations."""

from __future__ import annotations

import json
import posixpath
from typing import Iterable, Sequence

from docgen.errors import Problem, Severity

FORMATS = ("text", "json", "github")
_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_problems(problems: Iterable[Problem], style: str = "text") -> str:
    """All `problems` in the given style (one of FORMATS), file by file, each file's by place.

    Files come in the order docgen read them (frameworks before the
    assessments checked against them), so "see above" is above.
    """
    problems = list(problems)
    first = {}
    for problem in problems:
        first.setdefault(problem.location.path, len(first))
    ordered = sorted(problems, key=lambda p: (first[p.location.path], p.location.line,
                                              p.location.column, p.message))
    if style == "json":
        return json.dumps([problem_data(p) for p in ordered], indent=2, ensure_ascii=False)
    if style == "github":
        return "\n".join(_github(p) for p in ordered)
    return "\n".join(str(p) for p in ordered)


def problem_data(problem: Problem) -> dict:
    """One problem as JSON-ready data."""
    return {
        "file": problem.location.path,
        "line": problem.location.line,
        "column": problem.location.column,
        "severity": problem.severity.value,
        "message": problem.message,
        "hint": problem.hint,
        "code": problem.code,
    }


def counted(number: int, noun: str) -> str:
    """'1 error', '2 errors'."""
    return f"{number} {noun}{'s' if number != 1 else ''}"


def summary(problems: Iterable[Problem]) -> str:
    """'2 errors, 1 warning' (or 'no problems')."""
    problems = list(problems)
    parts = []
    for severity, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"),
                           (Severity.INFO, "note")):
        count = sum(1 for p in problems if p.severity is severity)
        if count:
            parts.append(counted(count, word))
    return ", ".join(parts) or "no problems"


def _github(problem: Problem) -> str:
    message = str(problem.message) + (f" ({problem.hint})" if problem.hint else "")
    escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = problem.location.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return (f"::{_GITHUB_COMMAND[problem.severity]} file={path},line={problem.location.line},"
            f"col={problem.location.column},title=docgen {problem.code or 'check'}::{escaped}")


def where_written(paths: Sequence[str], listed: int = 4) -> str:
    """Where files went, shortly: each path when there are few, else each folder below the
    folder they share with its count ('out/cards/ (17 files)')."""
    if len(paths) <= listed:
        return ", ".join(paths)
    common = posixpath.commonpath(paths) if len(paths) > 1 else posixpath.dirname(paths[0])
    groups: dict[str, int] = {}
    for path in paths:
        first = posixpath.relpath(path, common).split("/", 1)
        key = first[0] + ("/" if len(first) > 1 else "")
        groups[key] = groups.get(key, 0) + 1
    shown = [posixpath.join(common, name) + (f" ({counted(count, 'file')})"
                                             if name.endswith("/") else "")
             for name, count in groups.items()]
    return ", ".join(shown)

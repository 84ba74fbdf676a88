"""Assessment files: YAML (or JSON) for one person's promotion case.

The shape (see `src/docgen/schemas/assessment.schema.json` and the README):
framework, candidate {name, role, team}, current_level, target_level,
period, assessors [{name, role}], summary, and `ratings`: a mapping from
criterion id to {self, manager, evidence: [text or {text, url}], comments}.
Only the shape is checked here; whether the framework, criteria and
ratings exist is `docgen.checks.assessments`'s job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from docgen.errors import Location, Problem, Severity, SourceError, quoted
from docgen.sources.keys import ASSESSMENT, EVIDENCE, PERSON, RATING, check_keys
from docgen.sources.text import read_text
from docgen.sources.yaml_parser import YamlSource, parse_yaml
from docgen.model import Assessment, Evidence, Person, Rating



def load_assessment(path: Path, display: str, problems: list[Problem]) -> Assessment:
    """Read one assessment file; SourceError when it cannot be understood."""
    text = read_text(path, display, problems)
    if not text.strip():
        raise SourceError(Location(display), "the assessment file is empty",
                          hint="create one with 'docgen assessment init'", code="empty-file")
    source = YamlSource(display, 1)
    try:
        data = parse_yaml(text, source, problems)
    except SourceError as exc:
        message = exc.problem.message
        if message.startswith('duplicate key "') and "." in message:
            key = message.split('"')[1]
            raise SourceError(exc.problem.location, f"criterion {key} is rated twice",
                              hint="keep one rating per criterion", code="rated-twice") from exc
        raise
    if not isinstance(data, dict):
        raise SourceError(Location(display), "an assessment must be a mapping with 'framework', "
                          "'candidate', 'target_level' and 'ratings'", code="assessment-shape")
    return _Reader(data, source, problems).assessment()


class _Reader:
    def __init__(self, data: dict, source: YamlSource, problems: list[Problem]):
        self.data = data
        self.source = source
        self.problems = problems

    def fail(self, location: Location, message: str, hint: str = "") -> SourceError:
        return SourceError(location, message, hint=hint, code="assessment-shape")

    def text(self, mapping: dict, key: str, required: bool = False) -> str:
        value = mapping.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.fail(self.source.key(mapping, key) if key in mapping
                                else self.source.node(mapping), f"'{key}' is missing",
                                hint=f"add '{key}: …'")
            return ""
        if isinstance(value, (dict, list)):
            raise self.fail(self.source.value(mapping, key), f"'{key}' must be text")
        return str(value).strip()

    def level(self, key: str) -> int:
        if key not in self.data:
            raise self.fail(self.source.node(self.data), f"'{key}' is missing",
                            hint=f"add '{key}: 3'")
        value = self.data[key]
        text = str(value).strip().lstrip("Ll")
        if isinstance(value, bool) or not (text.isascii() and text.isdigit()):
            raise self.fail(self.source.value(self.data, key),
                            f"'{key}' must be a level number, not {quoted(value)}")
        return int(text)

    def person(self, value: Any, location: Location) -> Person:
        if isinstance(value, str) or value is None:
            return Person((value or "").strip())
        if isinstance(value, dict):
            check_keys(value, PERSON, "a person", self.source, self.problems)
            return Person(self.text(value, "name"), self.text(value, "role"),
                          self.text(value, "team"))
        raise self.fail(location, "a person is a name, or a mapping with 'name', 'role', 'team'")

    def assessment(self) -> Assessment:
        data, source = self.data, self.source
        check_keys(data, ASSESSMENT, "the assessment", source, self.problems)
        if "candidate" not in data:
            raise self.fail(source.node(data), "'candidate' is missing",
                            hint="add 'candidate: {name: …, role: …, team: …}'")
        assessors = data.get("assessors") or []
        if not isinstance(assessors, list):
            raise self.fail(source.value(data, "assessors"), "'assessors' must be a list")
        ratings = data.get("ratings") or {}
        if not isinstance(ratings, dict):
            raise self.fail(source.value(data, "ratings"),
                            "'ratings' must map criterion ids to ratings",
                            hint="e.g. 'l3.mastery.writes-idiomatic-go-code: {self: …, manager: …}'")
        if not isinstance(data.get("archived") or {}, dict):
            raise self.fail(source.value(data, "archived"),
                            "'archived' maps old criterion ids to their ratings",
                            hint="docgen assessment migrate writes it; leave it as it wrote it")
        candidate = self.person(data["candidate"], source.value(data, "candidate"))
        if not candidate.name:
            self.problems.append(Problem(source.value(data, "candidate"), Severity.WARNING,
                                         "the candidate has no name yet", hint="fill in 'name'",
                                         code="no-candidate-name"))
        return Assessment(
            source=source.display,
            location=Location(source.display),
            framework_id=self.text(data, "framework", required=True).strip("/"),
            candidate=candidate,
            current_level=self.level("current_level"),
            target_level=self.level("target_level"),
            framework_location=source.value(data, "framework"),
            target_location=source.value(data, "target_level"),
            period=self.text(data, "period"),
            assessors=tuple(p for p in (self.person(a, source.item(assessors, i))
                                        for i, a in enumerate(assessors)) if p.name),
            summary=self.text(data, "summary"),
            ratings=tuple(self.rating(ratings, str(key)) for key in ratings),
            framework_revision=self.text(data, "framework_revision"),
        )

    def rating(self, ratings: dict, key: str) -> Rating:
        value = ratings[key]
        location = self.source.key(ratings, key)
        if value is None:
            return Rating(key, location)
        if not isinstance(value, dict):
            raise self.fail(self.source.value(ratings, key),
                            "a rating must be a mapping with 'self', 'manager', 'evidence' "
                            "and 'comments'")
        check_keys(value, RATING, f"the rating of {key}", self.source, self.problems)
        evidence = value.get("evidence") or []
        if isinstance(evidence, (str, dict)):
            evidence = [evidence]
        if not isinstance(evidence, list):
            raise self.fail(self.source.value(value, "evidence"), "'evidence' must be a list")
        return Rating(
            criterion_id=key, location=location,
            self_rating=self.optional_rating(value, "self"),
            manager_rating=self.optional_rating(value, "manager"),
            evidence=tuple(self.evidence(evidence, i) for i in range(len(evidence))),
            comments=self.text(value, "comments"),
            self_location=self.source.value(value, "self") if "self" in value else None,
            manager_location=self.source.value(value, "manager") if "manager" in value else None)

    def optional_rating(self, value: dict, key: str) -> Optional[str]:
        text = self.text(value, key)
        return text or None

    def evidence(self, items: list, index: int) -> Evidence:
        item = items[index]
        if isinstance(item, dict):
            check_keys(item, EVIDENCE, "evidence", self.source, self.problems)
            url = self.text(item, "url") or self.text(item, "link")
            return Evidence(self.text(item, "text") or url, url)
        if isinstance(item, str):
            return Evidence(item.strip())
        raise self.fail(self.source.item(items, index), "evidence must be text or {text, url}")

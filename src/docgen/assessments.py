"""Assessment files docgen writes: a blank one for a level, or one imported from a CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from docgen.changes.revisions import last_commit
from docgen.checks.assessments import validate_assessment
from docgen.errors import ProblemsError, Severity, UnknownLevelError
from docgen.model import Person
from docgen.project import Catalog, Project
from docgen.schemas import schema_reference
from docgen.sources import display_path
from docgen.sources.assessment_csv import assessment_from_csv
from docgen.sources.assessment_writer import assessment_yaml


def blank_assessment(project: Project, catalog: Catalog, framework_id: str, level: int,
                     candidate: str = "", written_to: Optional[Path] = None) -> str:
    """The YAML text of a blank assessment listing every criterion of `level`.

    Its first line points editors at the assessment schema, as seen from
    `written_to` (default: the project's assessment folder).
    """
    framework = catalog.framework(framework_id)
    if framework.level(level) is None:
        raise UnknownLevelError(f"{framework_id} has no Level {level} (levels: "
                                f"{', '.join(str(lv.number) for lv in framework.levels)})")
    config = project.config
    return assessment_yaml(framework, level, config.rating_scale, config.rating_met,
                           candidate=candidate, schema=_schema(project, written_to),
                           revision=_revision(framework))


def import_assessment(project: Project, catalog: Catalog, csv_file: Path, *, framework_id: str,
                      candidate: Person, current_level: int, target_level: int,
                      written_to: Optional[Path] = None) -> str:
    """An assessment file (YAML text) from ratings kept in a CSV file; errors if they are wrong.

    `written_to` as for `blank_assessment`.
    """
    framework = catalog.framework(framework_id)
    assessment = assessment_from_csv(csv_file, display_path(csv_file), framework_id=framework_id,
                                     candidate=candidate, current_level=current_level,
                                     target_level=target_level,
                                     max_bytes=project.config.limits["file_bytes"])
    config = project.config
    problems = validate_assessment(assessment, [framework], config.rating_scale,
                                   config.rating_met)
    if any(p.severity is Severity.ERROR for p in problems):
        raise ProblemsError(problems)
    return assessment_yaml(framework, target_level, config.rating_scale, config.rating_met,
                           assessment, schema=_schema(project, written_to),
                           revision=_revision(framework))


def _revision(framework) -> str:
    """The commit of the framework's file, when git has one."""
    found = last_commit(Path(framework.source))
    return found.commit if found else ""


def _schema(project: Project, written_to: Optional[Path]) -> str:
    return schema_reference("assessment", written_to or project.assessments_dir / "new.yaml",
                            project.root)

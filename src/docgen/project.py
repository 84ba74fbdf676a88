"""A project and what is loaded from it: `Project` (root + configuration), `Catalog`.

`load_catalog` is the front half of the pipeline: sources → model →
inheritance and ids → checks.  Everything after it (documents, the build)
reads a Catalog and never `framework/` itself.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from docgen.checks import check_assessments, check_frameworks
from docgen.config import CONFIG_FILE, Config, load_config
from docgen.errors import Problem, ProblemsError, Severity, UnknownFrameworkError
from docgen.ids import assign_ids
from docgen.inherit import complete
from docgen.model import Assessment, Framework
from docgen.engines.templating import template_syntax_errors
from docgen.errors import Location
from docgen.sources import (discover, display_path, load_assessments, load_frameworks,
                            split_paths)


@dataclass(frozen=True)
class Project:
    """A docgen project: its root folder and configuration."""

    root: Path
    config: Config

    @property
    def framework_dir(self) -> Path:
        """The folder holding the framework files."""
        return self.root / self.config.frameworks

    @property
    def assessments_dir(self) -> Path:
        """The folder holding assessment files."""
        return self.root / self.config.assessments

    @property
    def out_dir(self) -> Path:
        """The folder documents are written to."""
        return self.root / self.config.out

    @property
    def templates_dir(self) -> Optional[Path]:
        """The project's own template folder, when it has one."""
        return self.root / self.config.templates if self.config.templates else None

    def read_paths(self) -> tuple[list[Path], list[Path]]:
        """(configuration files, folders) docgen reads for this project, resolved, whether they
        exist or not: docgen.toml (or the file the configuration came from), the framework,
        assessment and template folders."""
        configs = [(self.root / CONFIG_FILE).resolve()]
        configs += [Path(self.config.source).resolve()] if self.config.source else []
        folders = [self.framework_dir, self.assessments_dir, self.templates_dir]
        return configs, [folder.resolve() for folder in folders if folder is not None]

    def reads(self, path: Path) -> bool:
        """True when docgen reads `path` for this project: an input, the configuration or a
        template (what a pre-commit hook asks of a changed file)."""
        target = Path(path).resolve()
        configs, folders = self.read_paths()
        return target in configs or any(target == folder or folder in target.parents
                                         for folder in folders)


@dataclass(frozen=True)
class Catalog:
    """Loaded, completed and validated frameworks and assessments, with every problem found."""

    frameworks: tuple[Framework, ...]
    problems: tuple[Problem, ...]
    assessments: tuple[Assessment, ...] = ()
    # frameworks (by id) whose file, or the generic file they inherit, has errors: they and
    # their assessments are left out of `usable()`, and a document of every framework is not made
    broken: dict[str, str] = field(default_factory=dict)  # id → the file with the errors

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that are errors."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def failed(self, strict: bool = False) -> bool:
        """True when there are errors (or, when `strict`, warnings too)."""
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return any(p.severity in failing for p in self.problems)

    def framework(self, framework_id: str) -> Framework:
        """The framework with this id; UnknownFrameworkError names the closest ids.

        ProblemsError (its file's errors) when it is one of the broken ones.
        """
        if framework_id in self.broken:
            raise ProblemsError(self.problems_in(self.broken[framework_id]))
        for fw in self.frameworks:
            if fw.id == framework_id:
                return fw
        ids = [fw.id for fw in self.frameworks] + list(self.broken)
        close = difflib.get_close_matches(framework_id, ids, n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(close)}?" if close else \
            f"known: {', '.join(ids) or 'none'}"
        raise UnknownFrameworkError(f"no framework '{framework_id}' ({hint})")

    def select(self, framework_ids: Optional[Iterable[str]]) -> tuple[Framework, ...]:
        """The frameworks with these ids, in that order; all of them when None or empty."""
        ids = list(dict.fromkeys(framework_ids or []))
        return tuple(self.framework(i) for i in ids) if ids else self.frameworks

    def only(self, framework_ids: Optional[Iterable[str]]) -> "Catalog":
        """This catalog with only the selected frameworks (all when None or empty)."""
        if not framework_ids:
            return self
        return replace(self, frameworks=self.select(framework_ids), broken={})

    def problems_in(self, path: str) -> tuple[Problem, ...]:
        """The problems found in the file shown as `path`."""
        return tuple(p for p in self.problems if p.location.path == path)

    def usable(self) -> "Catalog":
        """This catalog without the broken frameworks and the assessments that have errors."""
        failed = {p.location.path for p in self.errors}
        return replace(
            self, frameworks=tuple(f for f in self.frameworks if f.id not in self.broken),
            assessments=tuple(a for a in self.assessments if a.source not in failed))

    def sources_of(self, framework: Framework) -> tuple[str, ...]:
        """The framework ids `framework` is made from: itself, and the generic one it inherits."""
        generic = next((f.id for f in self.frameworks if f.is_generic), None)
        inherits = framework.inherits_generic and generic and generic != framework.id
        return (framework.id, generic) if inherits else (framework.id,)


def open_project(root: Optional[Path] = None, config_file: Optional[Path] = None,
                 **overrides: Any) -> Project:
    """The project at `root` (default: the current folder) with its configuration.

    `overrides` are settings (as in docgen.toml) that win over the file; None means "not given".
    """
    root = Path(root) if root is not None else Path.cwd()
    return Project(root, load_config(root, config_file, overrides))


def load_catalog(project: Project, paths: Optional[Sequence[Path]] = None,
                 workers: int = 1) -> Catalog:
    """Load, complete and validate frameworks and assessments.

    `paths` are framework and assessment files or folders; by default the
    project's framework folder and, when it exists, its assessment folder.
    Assessments are always checked against the project's frameworks.  Many
    files are read in `workers` processes (0: one per core).
    """
    problems: list[Problem] = []
    if paths:
        framework_paths, assessment_paths = split_paths(paths)
        framework_paths = framework_paths or [project.framework_dir]
    else:
        framework_paths = [project.framework_dir]
        assessment_paths = [project.assessments_dir] if project.assessments_dir.is_dir() else []
    sources = discover(framework_paths, problems, project.framework_dir)
    limits = project.config.limits
    loaded = load_frameworks(sources, limits["file_bytes"], workers)
    problems += loaded.problems
    completed, inherit_problems = complete(loaded.files, project.config.levels)
    problems += inherit_problems
    frameworks = []
    for framework in completed:
        framework, id_problems = assign_ids(framework)
        problems += id_problems
        frameworks.append(framework)
    problems += check_frameworks(frameworks, limits)
    broken = _broken(sources, frameworks, problems)
    assessments = load_assessments(assessment_paths, problems, limits["file_bytes"], workers)
    problems += check_assessments(assessments, frameworks, project.config, broken)
    return Catalog(tuple(frameworks), tuple(problems), tuple(assessments), broken)


def template_problems(project: Project) -> list[Problem]:
    """An error at file:line for each template in the project's template folder Jinja cannot
    parse (a build would fail on it)."""
    folder = project.templates_dir
    if folder is None:
        return []
    if not folder.is_dir():
        return [Problem(Location(project.config.templates), Severity.ERROR,
                        "the template folder does not exist",
                        "create it, or remove 'templates' from the configuration",
                        code="template-folder")]
    return [Problem(Location(name, line), Severity.ERROR, f"template error: {message}",
                    code="template-syntax")
            for name, line, message in template_syntax_errors(folder,
                                                              Path(display_path(folder)))]


def _broken(sources, frameworks: Sequence[Framework], problems: Sequence[Problem]) -> dict[str, str]:
    """Framework id → its file, for each framework whose file (or generic file) has errors."""
    failed = {p.location.path for p in problems if p.severity is Severity.ERROR}
    broken = {s.framework_id: s.display for s in sources if s.display in failed}
    # frameworks docgen could not even find: a document of every framework would lack them
    broken.update({f"{p.location.path}/*": p.location.path for p in problems
                   if p.code == "unreadable-folder"})
    generic = next((f for f in frameworks if f.is_generic), None)
    if generic is not None and generic.id in broken:
        broken.update({f.id: broken[generic.id] for f in frameworks if f.inherits_generic})
    return broken


def load_clean_catalog(project: Project, paths: Optional[Sequence[Path]] = None,
                       frameworks: Iterable[str] = (), workers: int = 1) -> Catalog:
    """Like `load_catalog`, but raise ProblemsError when the input has errors.

    With `frameworks` (ids), only errors in their files (and the generic
    file they inherit) count: other files may be broken, these can still be used.
    """
    catalog = load_catalog(project, paths, workers)
    wanted = list(frameworks)
    if not wanted:
        if catalog.errors:
            raise ProblemsError(catalog.problems)
        return catalog
    chosen = [catalog.framework(i) for i in wanted]  # raises for an unknown or a broken one
    files = {fw.source for fw in catalog.frameworks
             if any(fw.id in catalog.sources_of(c) for c in chosen)}
    if any(p.location.path in files for p in catalog.errors):
        raise ProblemsError([p for p in catalog.problems if p.location.path in files])
    return catalog.usable()

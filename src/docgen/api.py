"""The library behind every command: open a project, load it, make documents, build.

Everything the command line does can be done from Python with these
functions; the CLI only parses options and prints.  Functions raise
`DocgenError` subclasses for anything the user can fix.

    project = open_project(".", paper="Letter")
    catalog = load_clean_catalog(project)
    make(project, "handbook", catalog, formats=("pdf",))
    build(project, jobs=2)

A document kind is named as in `documents.names()` ("handbook", "cards",
"case-templates", "packets"); its options are those of its `settings`
function (see each package under `docgen.documents`).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterable, Optional, Sequence

from docgen import documents
from docgen.assessments import blank_assessment, import_assessment
from docgen.build import BuildResult, Shard, build, input_digests
from docgen.build.plan import Artifact, dated
from docgen.build.run import Made, Workshop, make_all
from docgen.changes import ChangeSet, changes_between, migrate
from docgen.changes.migrate import Migration
from docgen.documents import Job, Rendered
from docgen.errors import NotFoundError, UsageError
from docgen.export import export_document
from docgen.output import check_out_dir, place, write_atomic
from docgen.sourcedate import out_of_range
from docgen.sources import discover
from docgen.project import (Catalog, Project, load_catalog, load_clean_catalog, open_project,
                            template_problems)
from docgen.scaffold import TEMPLATE_KINDS, export_templates, init_project

__all__ = ["BuildResult", "CHANGE_FORMATS", "Catalog", "ChangeSet", "Made", "Project", "Rendered", "Shard", "blank_assessment",
           "TEMPLATE_KINDS", "build", "changes", "changes_document", "export_json", "export_templates", "framework_ids", "import_assessment", "init_project", "load_catalog",
           "load_clean_catalog", "make", "open_project", "plan", "plan_migrations", "render", "write_bytes", "write_migration", "template_problems",
           "workers_started", "write_text"]


CHANGE_FORMATS = ("pdf", "html", "markdown", "json")


def changes(project: Project, since: Optional[str] = None, until: Optional[str] = None,
            frameworks: Sequence[str] = ()) -> ChangeSet:
    """What changed in the frameworks from git revision `since` to `until` (see docgen.changes)."""
    return changes_between(project, since, until, frameworks)


def changes_document(project: Project, change_set: ChangeSet, fmt: str) -> bytes:
    """`change_set` written in `fmt`, one of CHANGE_FORMATS."""
    from docgen.changes import report

    if fmt == "json":
        return report.as_json(change_set).encode("utf-8")
    if fmt == "markdown":
        return report.as_markdown(change_set).encode("utf-8")
    settings = documents.DocumentSettings.common(project)
    search_path, lang, paper = settings["search_path"], project.config.lang, project.config.paper
    if fmt == "html":
        return report.as_html(change_set, search_path, lang, paper).encode("utf-8")
    return report.as_pdf(change_set, search_path, lang, paper)


def plan_migrations(project: Project, paths: Sequence[Path],
                    since: Optional[str] = None) -> list[Migration]:
    """What `assessment migrate` does to each file (see docgen.changes.migrate)."""
    return migrate.plan_migrations(project, list(paths), since)


def write_migration(migration: Migration) -> None:
    """Write one migrated assessment file, atomically."""
    migrate.write(migration)


def framework_ids(project: Project) -> list[str]:
    """The ids of the project's framework files, found without reading them (for completion)."""
    return sorted(source.framework_id for source in discover([project.framework_dir], []))


def plan(project: Project, kind: str, catalog: Catalog, *, frameworks: Iterable[str] = (),
         on_note: Optional[Callable[[str], None]] = None,
         **options: Any) -> tuple[list[Job], Any]:
    """The jobs of document `kind` for the selected frameworks (all by default), and its settings.

    Each job is dated with the newest of its inputs' dates.  `on_note` hears
    of each framework the kind makes nothing from.  NotFoundError when there
    is nothing to make.
    """
    document = documents.kind(kind)
    settings = document.settings(project, **options)
    selected = catalog.only(frameworks)
    jobs = document.plan(selected, settings)
    skipped = document.skipped(selected, settings)
    if not jobs:
        why = "; ".join(skipped) or (f"no frameworks{' or assessments' if kind == 'packets' else ''}"
                                     f" in {project.framework_dir}")
        raise NotFoundError(f"there is nothing to make {kind} from: {why}")
    dates = input_digests(selected, project.root).dates
    for note in (skipped + out_of_range(dates.values())) if on_note else ():
        on_note(note)
    return dated(jobs, dates), settings


def workers_started(project: Project, kind: str, jobs: int = 0, *,
                    frameworks: Iterable[str] = (), **options: Any) -> ContextManager[None]:
    """A block in which `make` of document `kind` finds its worker processes started: begun
    before the frameworks are read, so that they import their engine (WeasyPrint) meanwhile;
    ended with the block.  Takes the options `make` will be given; for a kind that has no
    use for it, nothing is started."""
    early = documents.kind(kind).early
    if early is None:
        return contextlib.nullcontext()
    count = len(tuple(frameworks)) or len(framework_ids(project))
    return early(jobs, count, **options)


def make(project: Project, kind: str, catalog: Catalog, *, frameworks: Iterable[str] = (),
         output: Optional[Path] = None, jobs: int = 0,
         on_made: Optional[Callable[[int, int, Made], None]] = None,
         on_note: Optional[Callable[[str], None]] = None, **options: Any) -> list[Made]:
    """Make document `kind` and write its files, in `jobs` processes (0: one per core).

    Files go below `out/` as the kind names them; `output` (the `-o` of a
    command) is the file when the kind makes one file, else a folder (see
    `docgen.output.place`).  `on_made(index, total, made)` is called as each
    job's files are written, `on_note(text)` of each framework it makes nothing from.
    """
    planned, settings = plan(project, kind, catalog, frameworks=frameworks, on_note=on_note,
                             **options)
    for note in check_out_dir(project.out_dir) if output is None and on_note else ():
        on_note(note)
    places = place([p for job in planned for p in job.outputs], project.out_dir, output) \
        if output is not None else None
    workshop = Workshop({kind: settings}, project.out_dir, places)
    made = []
    artifacts = [Artifact(j) for j in planned]
    time_limit = project.config.limits["seconds_per_document"]
    for index, result in enumerate(make_all(workshop, artifacts, jobs, time_limit), start=1):
        made.append(result)
        if on_made:
            on_made(index, len(planned), result)
    order = {job.name: n for n, job in enumerate(planned)}
    return sorted(made, key=lambda result: order[result.name])


def render(project: Project, kind: str, catalog: Catalog, *, frameworks: Iterable[str] = (),
           **options: Any) -> list[Rendered]:
    """Document `kind` as bytes, in this process, writing nothing (for `-o -` and for Python)."""
    planned, settings = plan(project, kind, catalog, frameworks=frameworks, **options)
    document = documents.kind(kind)
    return [file for job in planned for file in document.render(job, settings.dated(job.epoch))]


def export_json(catalog: Catalog, framework_ids: Optional[Iterable[str]] = None) -> str:
    """The model of the selected frameworks as JSON text (see schemas/export.schema.json)."""
    document = export_document(catalog.select(framework_ids))
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_bytes(target: Path, data: bytes) -> Path:
    """Write `data` to `target` atomically."""
    return write_atomic(Path(target), data)


def write_text(target: Path, text: str, suffixes: Sequence[str] = ()) -> Path:
    """Write `text` to `target` atomically; UsageError when it names another kind of file.

    `suffixes` are those the text may have; a name without a suffix is taken as it is.
    """
    target = Path(target)
    if suffixes and target.suffix and target.suffix.lower() not in suffixes:
        raise UsageError(f"-o {target}: this writes {' or '.join(suffixes)} text; give a name "
                         f"ending in {suffixes[0]}, or - for standard output")
    return write_atomic(target, text.encode("utf-8"))

"""`docgen build`: every configured document, re-making only what changed, then the manifest.

The steps: read the project (or, when no input changed, only the last plan
in `out/.docgen/plan.json`); ask each document kind for its jobs (`plan.py`
keys and dates them); make the stale ones in worker processes (`run.py`),
each writing its files and record (`records.py`); write the manifest.
`--shard I/N` makes a share of the jobs balanced by their inputs' size (the
handbook PDF's chapters are shared one by one: each shard lays out its
chapters into the unit cache, and the joining build assembles the book); shards do not write the manifest, and a
build over the union of their outputs makes nothing and writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Optional

from docgen import __version__, documents
from docgen.build.plan import Artifact, Inputs, Piece, Shard, in_pieces, keyed
from docgen.digests import digest, folder_digest
from docgen.build.lock import build_lock
from docgen.build.records import (MANIFEST, Record, cached_plan, clean, drop_untrue_manifest,
                                  save_plan, stale, write_manifest)
from docgen.build.run import Made, Workshop, make_all
from docgen.errors import DocgenError, Problem, ProblemsError, Severity, failures_named
from docgen.output import check_out_dir
from docgen.project import Project, load_catalog
from docgen.sources import input_files
from docgen.sourcedate import input_dates, out_of_range

__all__ = ["BuildResult", "Shard", "build", "input_digests"]


@dataclass(frozen=True)
class BuildResult:
    """What a build did."""

    planned: int
    made: tuple[Record, ...]
    unchanged: int
    removed: tuple[str, ...]
    manifest: Optional[Path]
    warnings: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what was not made and why, where out/ really is
    errors: tuple[Problem, ...] = ()  # errors of inputs: what depends on them was not made
    pieces: int = 0  # a shard's pieces of artifacts the joining build assembles (chapters)

    @property
    def written(self) -> list[str]:
        """Every file made, relative to `out/`, sorted."""
        return sorted(f.path for record in self.made for f in record.files)


def build(project: Project, *, strict: bool = False, jobs: int = 0,
          shard: Optional[Shard] = None, clean_up: bool = False,
          on_made: Optional[Callable[[int, int, Made], None]] = None,
          on_wait: Optional[Callable[[str], None]] = None) -> BuildResult:
    """Make every configured document that changed into `out/`, then the manifest.

    When some input files have errors, everything that does not depend on
    them is made, the errors are in the result's `errors`, and no manifest
    is written (an earlier one is removed: it no longer describes `out/`).
    Raises ProblemsError, and writes nothing, with `strict` when the inputs
    have any error or warning.  `on_made(index, total, made)` is called as each
    artifact is written; `on_wait(message)` when another build holds `out/`
    (this one waits for it).  When no input changed since the last build (and
    this is not a shard), nothing is parsed: the last plan is checked against
    the files in `out/`.
    Files earlier builds made whose inputs are gone are removed (not by a
    shard, nor when inputs have errors); `clean_up` also removes temporary
    files of killed builds and the folders the removals leave empty.
    """
    out_dir = project.out_dir
    where = check_out_dir(out_dir)
    kinds = [documents.kind(name) for name in project.config.outputs or documents.names()]
    settings = {k.name: k.settings(project) for k in kinds}
    common = _common_key(project, settings)
    stamp = _inputs_stamp(project, common)
    cached = cached_plan(out_dir, stamp)
    if cached is not None and not clean_up and not shard:
        artifacts, warnings, skipped, inputs_digest = cached
        if strict and warnings:
            raise ProblemsError(load_catalog(project).problems)
        mine = shard.select(artifacts) if shard else artifacts
        with build_lock(out_dir, on_wait):
            if not stale(mine, out_dir):
                manifest = None if shard else write_manifest(out_dir, artifacts, inputs_digest)
                return BuildResult(len(mine), (), len(mine), (), manifest, tuple(warnings),
                                   tuple(where + skipped))
    catalog = load_catalog(project, workers=jobs)
    if strict and catalog.failed(strict):
        raise ProblemsError(catalog.problems)
    errors, usable = catalog.errors, catalog.usable()
    if errors and not usable.frameworks:
        raise ProblemsError(catalog.problems)  # nothing at all can be made
    catalog = usable
    inputs = input_digests(catalog, project.root)
    artifacts = keyed([job for k in kinds for job in k.plan(catalog, settings[k.name])],
                      inputs, common)
    skipped = [note for k in kinds for note in k.skipped(catalog, settings[k.name])]
    share = shard.select(_shareable(artifacts, settings)) if shard else artifacts
    mine = [a for a in share if isinstance(a, Artifact)]
    pieces = [p for p in share if isinstance(p, Piece)]
    warnings = [str(p) for p in catalog.problems if p.severity is Severity.WARNING]
    warnings += out_of_range(inputs.dates.values())
    with build_lock(out_dir, on_wait):
        todo = stale(mine, out_dir)
        made, notes = _make(Workshop(settings, out_dir), todo, jobs, on_made,
                            project.config.limits["seconds_per_document"])
        _prepare(pieces, settings, jobs)
        refused: list[str] = []
        # a shard does not know the whole out/, and with errors some inputs' jobs are not planned
        orphans_known = not shard and not errors
        removed = tuple(clean(out_dir, artifacts, refused, clean_up)) if orphans_known else ()
        inputs_digest = digest(common, *sorted(inputs.digests.values()))
        if errors:
            (out_dir / MANIFEST).unlink(missing_ok=True)
            manifest = None
        else:
            manifest = None if shard else write_manifest(out_dir, artifacts, inputs_digest)
            save_plan(out_dir, stamp, artifacts, warnings, skipped, inputs_digest)
    return BuildResult(len(mine), tuple(made), len(mine) - len(todo), removed, manifest,
                       tuple(warnings + notes + refused), tuple(where + skipped), errors,
                       len(pieces))


def _shareable(artifacts: list[Artifact], settings: dict) -> list:
    """The plan as shards share it: each artifact whole, or, when its kind can make it in
    pieces (the handbook PDF's chapters), its pieces; the build that joins the shards then
    assembles it from them."""
    shared: list = []
    for artifact in artifacts:
        kind = documents.kind(artifact.job.kind)
        parts = kind.pieces(artifact.job, settings[kind.name]) if kind.pieces else []
        shared += in_pieces(artifact, parts) if len(parts) > 1 else [artifact]
    return shared


def _prepare(pieces: list[Piece], settings: dict, jobs: int) -> None:
    """Make this shard's pieces of each artifact into its kind's cache."""
    by_artifact: dict[str, list[Piece]] = {}
    for piece in pieces:
        by_artifact.setdefault(piece.artifact.name, []).append(piece)
    for share in by_artifact.values():
        job = share[0].artifact.job
        kind = documents.kind(job.kind)
        with failures_named(job.description, DocgenError):
            kind.prepare(job, settings[kind.name], [p.piece for p in share], jobs)


def _common_key(project: Project, settings: dict) -> str:
    """What every artifact's key shares: docgen's version, the configuration, the templates,
    and the change marks (`changes_since` names a revision; what changed since it is read
    from git, so a branch that moves changes the documents)."""
    # where the output goes, and where the settings were read from, change no artifact
    config = replace(project.config, out="", source=None)
    folders = next(iter(settings.values())).search_path.folders if settings else ()
    marks = sorted({repr(s.marks) for s in settings.values() if getattr(s, "marks", None)})
    return digest(__version__, repr(config), folder_digest(folders), *marks)


def _inputs_stamp(project: Project, common: str) -> str:
    """A digest of every input file's path, date and bytes: equal means nothing changed."""
    files = input_files(project.framework_dir, project.assessments_dir)
    dates = input_dates(files, project.root)
    return digest(common, *(f"{f}\0{dates[f.resolve()]}\0" + digest(f.read_bytes())
                            for f in files))


def _make(workshop: Workshop, todo, jobs: int, on_made,
          time_limit: float) -> tuple[list[Record], list[str]]:
    """Make the stale artifacts; their records and their warnings."""
    made, notes = [], []
    try:
        for index, result in enumerate(make_all(workshop, todo, jobs, time_limit), start=1):
            made.append(result.record)
            notes += [f"{result.name}: {w}" for w in result.warnings]
            if on_made:
                on_made(index, len(todo), result)
    except DocgenError:
        drop_untrue_manifest(workshop.out_dir)  # what was made before the failure is on disk
        raise
    return made, notes


def input_digests(catalog, root: Path) -> Inputs:
    """The digest and date of every framework and assessment of `catalog`, by id or source."""
    # `source` is the path as shown to the user: relative to the current folder, or absolute
    sources = {fw.id: Path(fw.source) for fw in catalog.frameworks}
    sources.update({a.source: Path(a.source) for a in catalog.assessments})
    dates = input_dates(list(sources.values()), root)
    data = {name: path.read_bytes() for name, path in sources.items()}
    return Inputs({name: digest(data[name]) for name in sources},
                  {name: dates[path.resolve()] for name, path in sources.items()},
                  {name: len(data[name]) for name in sources})


def artifacts_of(jobs) -> list[Artifact]:
    """Jobs as artifacts without a key: made and written, but not recorded (outside a build)."""
    return [Artifact(job) for job in jobs]

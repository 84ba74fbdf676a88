"""`docgen build` and `docgen init` for a project: the steps around `docgen.build`.

`build` reads the project (or, when nothing changed, only the last plan),
asks `docgen.build` what is stale, makes it in worker processes and writes
the manifest.  `init_project` starts a project.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Optional

from docgen import __version__, api
from docgen.build import (BuildError, Inputs, Record, Shard, cached_plan, clean, digest,
                          folder_digest, plan, save_plan, stale, write_manifest)
from docgen.buildrun import BuildContext, kinds_of, make_artifact
from docgen.errors import ProblemsError, Severity
from docgen.handbook import HandbookSettings
from docgen.load import files_in
from docgen.load.assessment_file import ASSESSMENT_SUFFIXES
from docgen.output import write_atomic
from docgen.parallel import WorkerDied
from docgen.parallel import run as run_jobs
from docgen.sourcedate import input_dates


@dataclass(frozen=True)
class BuildResult:
    """What a build did."""

    planned: int
    made: tuple[Record, ...]
    unchanged: int
    removed: tuple[str, ...]
    manifest: Optional[Path]
    warnings: tuple[str, ...]


def build(project: api.Project, *, strict: bool = False, jobs: int = 0,
          shard: Optional[Shard] = None, clean_up: bool = False,
          on_made=None) -> BuildResult:
    """Make every configured artifact that changed into `out/`, then the manifest.

    Raises ProblemsError (and writes nothing) when the inputs have errors, or
    warnings with `strict`.  `on_made(index, total, made)` is called as each
    artifact is written.  When no input changed since the last build, nothing
    is parsed: the last plan is checked against the files in `out/`.
    """
    out_dir = project.out_dir
    handbook_config = api.handbook_settings(project)
    # where the output goes, and where the settings were read from, change no artifact
    settings = replace(project.config, out="", source=None)
    common = digest(__version__, repr(settings),
                    folder_digest(handbook_config.search_path.folders))
    files = _input_files(project)
    dates = input_dates(files, project.root)
    stamp = digest(common, *(f"{f}\0{dates[f.resolve()]}\0" + digest(f.read_bytes())
                             for f in files))
    cached = cached_plan(out_dir, stamp)
    if cached is not None and not clean_up:
        artifacts, problems, inputs_digest = cached
        if strict and problems:
            raise ProblemsError(api.load_catalog(project).problems)
        mine = shard.select(artifacts) if shard else artifacts
        if not stale(mine, out_dir):
            manifest = None if shard else write_manifest(out_dir, artifacts, inputs_digest)
            return BuildResult(len(mine), (), len(mine), (), manifest,
                               tuple(text for _, text in problems))
    return _full_build(project, handbook_config, common, stamp, strict, jobs, shard, clean_up,
                       on_made)


def _input_files(project: api.Project) -> list[Path]:
    """Every file a build reads, in a stable order."""
    found = []
    for folder, suffixes in ((project.framework_dir, (".md",)),
                             (project.assessments_dir, ASSESSMENT_SUFFIXES)):
        if folder.is_dir():
            found += files_in(folder, suffixes)
    return found


def _full_build(project: api.Project, handbook_config: HandbookSettings, common: str, stamp: str,
                strict: bool, jobs: int, shard: Optional[Shard], clean_up: bool,
                on_made) -> BuildResult:
    catalog = api.load_catalog(project)
    if catalog.failed(strict):
        raise ProblemsError(catalog.problems)
    out_dir = project.out_dir
    # `source` is the path as shown to the user: relative to the current folder, or absolute
    sources = {fw.id: Path(fw.source) for fw in catalog.frameworks}
    sources.update({a.source: Path(a.source) for a in catalog.assessments})
    dates = input_dates(list(sources.values()), project.root)
    inputs = Inputs({name: digest(path.read_bytes()) for name, path in sources.items()},
                    {name: dates[path.resolve()] for name, path in sources.items()})
    artifacts = plan(catalog.frameworks, catalog.assessments, inputs=inputs, common=common,
                     out_dir=out_dir, **kinds_of(project.config.outputs))
    mine = shard.select(artifacts) if shard else artifacts
    todo = stale(mine, out_dir)
    context = BuildContext(catalog.frameworks, handbook_config,
                           api.card_settings(project, handbook_config),
                           api.packet_settings(project), out_dir)
    warnings = [p for p in catalog.problems if p.severity is Severity.WARNING]
    made, notes = [], [str(p) for p in warnings]
    try:
        for index, (artifact, result) in enumerate(
                run_jobs(todo, partial(make_artifact, context), jobs,
                         name=lambda a: a.path), start=1):
            made.append(result.record)
            notes += [f"{artifact.path}: {w}" for w in result.warnings]
            if on_made:
                on_made(index, len(todo), result)
    except WorkerDied as exc:
        raise BuildError(str(exc)) from None  # every failure of a build is a BuildError
    removed = tuple(clean(out_dir, artifacts)) if clean_up and not shard else ()
    inputs_digest = digest(common, *sorted(inputs.digests.values()))
    manifest = None if shard else write_manifest(out_dir, artifacts, inputs_digest)
    save_plan(out_dir, stamp, artifacts, [(p.severity.value, str(p)) for p in warnings],
              inputs_digest)
    return BuildResult(len(mine), tuple(made), len(mine) - len(todo), removed, manifest,
                       tuple(notes))


def init_project(root: Path) -> list[Path]:
    """Write a commented docgen.toml and an example assessment (and framework) into `root`."""
    from docgen.config import commented_config

    written = []
    config = root / "docgen.toml"
    if not config.exists():
        written.append(write_atomic(config, commented_config().encode("utf-8")))
    project = api.open_project(root)
    if not any(project.framework_dir.rglob("*.md")) if project.framework_dir.is_dir() else True:
        written.append(write_atomic(project.framework_dir / "example.md",
                                    EXAMPLE_FRAMEWORK.encode("utf-8")))
    catalog = api.load_clean_catalog(project)
    example = project.assessments_dir / "example.yaml"
    framework = catalog.frameworks[0] if catalog.frameworks else None
    level = next((lv.number for lv in (framework.levels[1:] if framework else ())
                  if any(True for _ in lv.criteria())), None)
    if framework and level and not example.exists():
        text = api.blank_assessment(project, catalog, framework.id, level, "Example Person")
        written.append(write_atomic(example, text.encode("utf-8")))
    return written


EXAMPLE_FRAMEWORK = """---
title: "🧭 Example Framework"
sidebarTitle: "🧭 Example"
sidebarGroup: "examples"
yaml: false
---
An example framework made by `docgen init`: replace it with your own.

## Level 1
### Craft
- Delivers well-defined tasks with guidance
### Collaboration
- Asks for help early and shares progress

## Level 2
### Craft
- Delivers small projects independently
- Reviews others' work with care
### Collaboration
- Gives useful feedback to peers
"""

"""Making artifacts, in worker processes or in this one: the one runner for every command.

`make` renders one artifact through its document kind and writes its files
atomically (and its record, in a build); `make_all` makes many through
`docgen.parallel.run`, one process per core, stopping at the first failure.  `Workshop` is what every
artifact of one run is made with, and pickles, so `make` runs the same in
the parent or in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Iterator, Mapping, Optional, Sequence

from docgen import documents
from docgen.build.plan import Artifact
from docgen.build.records import Record, write_record
from docgen.documents import DocumentSettings
from docgen.errors import BuildError, failures_named
from docgen.output import write_atomic
from docgen.parallel import WorkerLost, run


@dataclass(frozen=True)
class Workshop:
    """What every artifact of one run is made with: settings by kind, and where files go."""

    settings: Mapping[str, DocumentSettings]
    out_dir: Path
    places: Optional[Mapping[str, Path]] = None  # output path → file, when -o moves them

    def target(self, path: str) -> Path:
        """Where the output file `path` (relative to out/) is written."""
        return self.places[path] if self.places is not None else self.out_dir / path


@dataclass(frozen=True)
class Made:
    """What making one artifact produced."""

    name: str
    paths: tuple[Path, ...]
    record: Optional[Record]
    warnings: tuple[str, ...]
    pages: tuple[Optional[int], ...]
    sizes: tuple[int, ...]


def make(workshop: Workshop, artifact: Artifact) -> Made:
    """Render `artifact`, write its files (and, with a key, its record); BuildError names it."""
    job = artifact.job
    with failures_named(job.description, BuildError):
        settings = workshop.settings[job.kind].dated(job.epoch)
        files = documents.kind(job.kind).render(job, settings)
    paths = tuple(write_atomic(workshop.target(f.path), f.data) for f in files)
    record = write_record(workshop.out_dir, artifact, files) if artifact.key else None
    return Made(job.name, paths, record, tuple(w for f in files for w in f.warnings),
                tuple(f.pages for f in files), tuple(len(f.data) for f in files))


def make_all(workshop: Workshop, artifacts: Sequence[Artifact], workers: int = 0,
             time_limit: Optional[float] = None) -> Iterator[Made]:
    """`make` every artifact in `workers` processes (0: one per core), yielding each as it is made.

    A worker that takes longer than `time_limit` seconds on one artifact is stopped (see `run`).
    """
    for _, made in run(artifacts, partial(make, workshop), workers,
                       name=lambda a: a.job.description, time_limit=time_limit):
        yield made


__all__ = ["Made", "Workshop", "WorkerLost", "make", "make_all", "run"]

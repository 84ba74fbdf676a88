"""Output kinds: one package each, all found through one registry.

A document kind is a `DocumentKind`: a `name` (the one `outputs` in
docgen.toml and `docgen build` use), the folder of `out/` its files go to,
and three functions:

- `settings(project, **options)` → its Settings (a `DocumentSettings`):
  everything it needs that is not in the catalog, from the configuration,
  with the command's options on top;
- `plan(catalog, settings)` → the `Job`s it would make: each job names its
  output files (paths from `docgen.output`) and the inputs it is made from;
- `render(job, settings)` → the job's files as `Rendered` bytes.  Renderers
  read no input file and write nothing: `docgen.build` writes;
- optionally `skipped(catalog, settings)` → a note for each framework the
  kind makes nothing from (cards of a framework with no levels), so that
  nothing is left out without a word and no empty document is written.

Adding an output kind is one package below this one and one entry in
`BUILTIN` (or, from outside docgen, a call to `register`).
"""

from __future__ import annotations

import contextlib
import importlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ContextManager, Iterator, Optional, Sequence

from docgen.engines.templating import SearchPath
from docgen.errors import DocgenError
from docgen.model import Assessment, Framework

if TYPE_CHECKING:
    from docgen.project import Catalog, Project


@dataclass(frozen=True)
class Rendered:
    """One rendered file: where it goes (relative to `out/`), its bytes, what to tell the user."""

    path: str
    data: bytes
    media_type: str
    pages: Optional[int] = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Job:
    """One unit of work of a document kind: the files it makes and what they are made from.

    `inputs` are framework ids and assessment sources: a build keys and
    dates the job by exactly these.  `frameworks` and `assessment` are the
    loaded inputs themselves, carried to the worker process that renders
    the job.  `options` hold what distinguishes jobs of one kind (a level).
    """

    kind: str
    outputs: tuple[str, ...]
    inputs: tuple[str, ...]
    frameworks: tuple[Framework, ...] = field(default=(), compare=False, repr=False)
    assessment: Optional[Assessment] = field(default=None, compare=False, repr=False)
    options: tuple[tuple[str, Any], ...] = ()
    epoch: int = 0  # the date the files are stamped with: the newest of the inputs' dates

    @property
    def name(self) -> str:
        """How the job is named to a user: its first output file."""
        return self.outputs[0]

    @property
    def description(self) -> str:
        """The job's name, and the assessment it is made from when there is one (for errors)."""
        return f"{self.name} (from {self.assessment.source})" if self.assessment else self.name

    def option(self, key: str, default: Any = None) -> Any:
        """One of the job's `options`."""
        return dict(self.options).get(key, default)


@dataclass(frozen=True)
class DocumentSettings:
    """What every document kind's settings have: templates, organisation, paper, language, date."""

    search_path: SearchPath
    organisation: str
    paper: str
    lang: str
    date: datetime = datetime.fromtimestamp(0, tz=timezone.utc)

    @classmethod
    def common(cls, project: "Project", templates: Sequence[Path] = ()) -> dict[str, Any]:
        """The shared fields, from the project's configuration (`templates` first when given)."""
        config = project.config
        user = list(templates) or ([project.root / config.templates] if config.templates else [])
        return {"search_path": SearchPath.with_user_folders(user),
                "organisation": config.organisation, "paper": config.paper, "lang": config.lang}

    def dated(self, epoch: int) -> "DocumentSettings":
        """These settings for a document stamped with `epoch` (seconds since 1970, UTC)."""
        return replace(self, date=datetime.fromtimestamp(epoch, tz=timezone.utc))


def nothing_skipped(catalog: "Catalog", settings: Any) -> list[str]:
    """The `skipped` of a kind that makes something from every framework."""
    return []


@dataclass(frozen=True)
class DocumentKind:
    """An output kind: its name, its folder under `out/`, and its functions."""

    name: str
    folder: str
    settings: Callable[..., DocumentSettings]
    plan: Callable[["Catalog", Any], list[Job]]
    render: Callable[[Job, Any], tuple[Rendered, ...]]
    skipped: Callable[["Catalog", Any], list[str]] = nothing_skipped
    # A job made of pieces that shards can make apart (the handbook PDF's chapters):
    # `pieces(job, settings)` → [(name, weight)], and `prepare(job, settings, names, workers)`
    # makes those pieces into the kind's cache; the job itself is then assembled by the build
    # that joins the shards.  None: the job is made whole, by one shard.
    pieces: Optional[Callable[[Job, Any], list[tuple[str, int]]]] = None
    prepare: Optional[Callable[[Job, Any, Sequence[str], int], None]] = None
    # `early(jobs, frameworks, **options)`: a context manager with the kind's worker processes
    # started (importing its engine) while the `frameworks` (how many) are read.  None: no use.
    early: Optional[Callable[..., ContextManager[None]]] = None


# The built-in kinds and their modules, in the order `docgen build` lists them.  A module is
# imported when its kind is first asked for: the packets' python-docx and the cards' pypdf
# took a tenth of a second of every `docgen handbook`.
BUILTIN = {
    "handbook": "docgen.documents.handbook",
    "cards": "docgen.documents.cards",
    "case-templates": "docgen.documents.case_template",
    "packets": "docgen.documents.packet",
}

_REGISTRY: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    """Make `kind` known to `docgen build` and `docgen.api` (replacing a kind of its name)."""
    _load_builtin()
    _REGISTRY[kind.name] = kind
    return kind


@contextlib.contextmanager
def replaced(kind: DocumentKind) -> Iterator[DocumentKind]:
    """Use `kind` in place of the registered kind of its name for the block, then restore it.

    The seam for trying a kind out (and for tests: a kind that fails on purpose).
    Worker processes are forked, so they see the replacement too.
    """
    _load_builtin()
    before = _REGISTRY.get(kind.name)
    _REGISTRY[kind.name] = kind
    try:
        yield kind
    finally:
        if before is None:
            del _REGISTRY[kind.name]
        else:
            _REGISTRY[kind.name] = before


def kind(name: str) -> DocumentKind:
    """The document kind called `name`."""
    if name in BUILTIN:
        _load_builtin(name)
    else:
        _load_builtin()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise DocgenError(f"no document kind '{name}' (known: {', '.join(names())})") from None


def names() -> tuple[str, ...]:
    """Every registered kind, built-in ones first."""
    _load_builtin()
    return tuple([n for n in BUILTIN if n in _REGISTRY] + [n for n in _REGISTRY if n not in BUILTIN])


_loaded: set[str] = set()  # the built-in kinds whose module has been imported


def _load_builtin(*only: str) -> None:
    """Import the modules of the built-in kinds `only` (default: all) not imported yet; a kind
    registered in place of one before it was imported stays."""
    for name in only or BUILTIN:
        if name in _loaded:
            continue
        module = importlib.import_module(BUILTIN[name])
        _loaded.add(name)
        _REGISTRY.setdefault(module.KIND.name, module.KIND)

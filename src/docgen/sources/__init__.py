"""Input formats: how a file is recognised, and the reader for it.

`FRAMEWORK_READERS` and `ASSESSMENT_READERS` are the registry: a file
suffix → the function that reads such a file.  Framework files (`.md`)
hold front matter that decides between the two monzo formats
(`front_matter.py` hands the body to `monzo_markdown.py` or the topics to
`monzo_yaml.py`); assessments are YAML or JSON (`assessment_file.py`), and
CSV is imported by a command (`assessment_csv.py`).  Adding an input format
is one module here and one line in a registry.

`load_frameworks` and `load_assessments` read everything they are given and
report every problem found, a file that cannot be read being an error while
the others are still read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from docgen.config import LIMITS
from docgen.errors import Location, Problem, Severity, SourceError
from docgen.model import Assessment
from docgen.sources.assessment_file import load_assessment
from docgen.sources.front_matter import LoadedFile, load_framework_file
from docgen.sources.text import too_large

# The registry of input formats: a file's suffix → its reader.
FRAMEWORK_READERS: dict[str, Callable[..., LoadedFile | None]] = {
    ".md": load_framework_file,  # front matter + Markdown body, or front matter topics (monzo)
}
ASSESSMENT_READERS: dict[str, Callable[..., Assessment]] = {
    ".yaml": load_assessment,
    ".yml": load_assessment,
    ".json": load_assessment,  # JSON is YAML
}
FRAMEWORK_SUFFIXES = tuple(FRAMEWORK_READERS)
ASSESSMENT_SUFFIXES = tuple(ASSESSMENT_READERS)
T = TypeVar("T")

__all__ = ["ASSESSMENT_READERS", "FRAMEWORK_READERS", "FrameworkSource", "LoadResult",
           "discover", "display_path", "files_in", "input_files", "load_assessments",
           "load_frameworks", "split_paths"]


@dataclass(frozen=True)
class FrameworkSource:
    """A framework file to read: where it is, its framework id, and how to name it to a user."""

    path: Path
    framework_id: str
    display: str


@dataclass(frozen=True)
class LoadResult:
    """Every file that loaded, and every problem found while loading."""

    files: tuple[LoadedFile, ...]
    problems: tuple[Problem, ...]


def display_path(path: Path) -> str:
    """`path` as a user should see it: relative to the current folder when below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def split_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Paths given on the command line as (framework paths, assessment paths).

    A folder counts for what it holds: frameworks are its files of a
    framework format, assessments its files of an assessment format.  A folder with
    neither is taken as a framework folder (and reported as empty).
    """
    frameworks, assessments = [], []
    for path in paths:
        if path.is_dir():
            suffixes = {p.suffix.lower() for p in path.rglob("*") if p.is_file()}
            if suffixes & set(FRAMEWORK_SUFFIXES) or not suffixes & set(ASSESSMENT_SUFFIXES):
                frameworks.append(path)
            if suffixes & set(ASSESSMENT_SUFFIXES):
                assessments.append(path)
        elif path.suffix.lower() in ASSESSMENT_SUFFIXES:
            assessments.append(path)
        else:
            frameworks.append(path)
    return frameworks, assessments


def files_in(folder: Path, suffixes: Iterable[str],
             problems: list[Problem] | None = None) -> list[Path]:
    """The files below `folder` whose names end in one of `suffixes`, sorted; hidden ones skipped.

    A link to a file outside `folder` is not read (and is an error in
    `problems`): a change to the frameworks must not be able to make docgen
    print some other file of the machine, such as a CI secret.
    """
    suffixes = tuple(suffixes)
    root = folder.resolve()
    found = []
    for path in sorted(_walk(folder, problems)):
        if (path.suffix.lower() not in suffixes or not path.is_file()
                or any(part.startswith(".") for part in path.relative_to(folder).parts)):
            continue
        if root not in path.resolve().parents:
            if problems is not None:
                problems.append(Problem(
                    Location(display_path(path)), Severity.ERROR,
                    f"this file is a link to {path.resolve()}, outside {display_path(folder)}; "
                    "docgen does not read it", hint="copy the file into the folder instead of linking it",
                    code="outside-link"))
            continue
        found.append(path)
    return found


def _walk(folder: Path, problems: list[Problem] | None) -> list[Path]:
    """Every file below `folder`; a folder that cannot be read is an error, never skipped quietly."""
    def unreadable(exc: OSError) -> None:
        if problems is not None:
            where = display_path(Path(exc.filename)) if exc.filename else display_path(folder)
            problems.append(Problem(Location(where), Severity.ERROR,
                                    f"cannot read this folder: {exc.strerror or exc}",
                                    hint="give docgen permission to read it (chmod)",
                                    code="unreadable-folder"))
    found, seen = [], set()
    for top, dirs, names in os.walk(folder, onerror=unreadable, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:  # a link back up the tree
            dirs[:] = []
            continue
        seen.add(real)
        found += [Path(top) / name for name in names]
    return found


def load_assessments(paths: Iterable[Path], problems: list[Problem],
                     max_bytes: int = LIMITS["file_bytes"], workers: int = 1) -> list[Assessment]:
    """Every assessment file at `paths` (folders searched recursively), read for its shape;
    in `workers` processes (0: one per core) when there are many."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += files_in(path, ASSESSMENT_SUFFIXES, problems)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(Location(display_path(path)), Severity.ERROR,
                                    "no such assessment file or folder",
                                    hint="give an assessment file (.yaml, .json) or a folder of "
                                         "them; check the spelling", code="missing-path"))
    assessments = []
    files = _once_each(files)
    items = [(file, display_path(file), ()) for file in files]
    for assessment, found in _read_each("assessments", items, max_bytes, workers):
        problems += found
        if assessment is not None:
            assessments.append(assessment)
    return assessments


READERS = {"frameworks": (FRAMEWORK_READERS, load_framework_file),
           "assessments": (ASSESSMENT_READERS, load_assessment)}

PARALLEL_BYTES = 512 * 1024
"""Files are read in more than one process when together they are larger than this:
docgen reads about a megabyte of YAML a second (`sources/libyaml_events.py`), and a worker
takes a twentieth of a second to start and to send back what it read (200 assessments,
1.4 MB: 1.2–1.9 s in one process, 0.9–1.1 s in two; 40 of them: faster in one)."""


def _read_each(kind: str, items: list[tuple[Path, str, tuple]], max_bytes: int,
               workers: int) -> list[tuple[Any, list[Problem]]]:
    """(what was read or None, its problems) for each `(path, display, reader arguments)`
    of `items`, in their order, read by the `READERS` of `kind`; in `workers` processes (0:
    one per core) when there is enough to read."""
    read = partial(_read_file, kind, max_bytes=max_bytes)
    if workers == 1 or len(items) < 2 or sum(_size(item[0]) for item in items) <= PARALLEL_BYTES:
        return [read(item) for item in items]
    from docgen.parallel import run

    done = {index: result for (index, _), result in run(list(enumerate(items)),
                                                          partial(_indexed, read), workers)}
    return [done[index] for index in range(len(items))]


def _read_file(kind: str, item: tuple[Path, str, tuple], max_bytes: int
               ) -> tuple[Any, list[Problem]]:
    """One file read by the reader for its suffix (the registry is looked up here, in the
    worker: a reader need not pickle)."""
    path, display, arguments = item
    refused = too_large(path, display, max_bytes)
    if refused:
        return None, [refused]
    readers, default = READERS[kind]
    problems: list[Problem] = []
    try:
        read = readers.get(path.suffix.lower(), default)
        return read(path, *arguments, display, problems), problems
    except SourceError as exc:
        return None, problems + [exc.problem]


def _once_each(items: list[T], path_of: Callable[[T], Path] = lambda path: path) -> list[T]:
    """`items` without the ones whose file was named before (a folder and a file in it, one
    folder by two paths): each file is read once, under the first name it was given by."""
    seen: set[Path] = set()
    unique = []
    for item in items:
        real = path_of(item).resolve()
        if real not in seen:
            seen.add(real)
            unique.append(item)
    return unique


def _indexed(read: Callable, item: tuple[int, Any]) -> Any:
    return read(item[1])


def _size(path: Path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def discover(paths: Iterable[Path], problems: list[Problem],
             framework_dir: Path | None = None) -> list[FrameworkSource]:
    """The framework files below `paths` (folders searched recursively).

    A framework's id is its path below the folder given, without its suffix; a
    file given on its own is named by its path below `framework_dir` when
    it is inside it, else by its file name.  A path that does not exist is
    an error in `problems`.  A file named twice is read once.
    """
    found: list[FrameworkSource] = []
    for base in paths:
        if base.is_dir():
            inside = files_in(base, FRAMEWORK_SUFFIXES, problems)
            if not inside and not any(p.code == "unreadable-folder" for p in problems):
                problems.append(Problem(
                    Location(display_path(base)), Severity.ERROR,
                    f"there are no framework files ({', '.join(FRAMEWORK_SUFFIXES)}) in this "
                    "folder", hint="add one (docgen init writes an example), or point "
                    "`frameworks` in docgen.toml at your folder", code="no-frameworks"))
            for file in inside:
                rel = file.relative_to(base).with_suffix("")
                found.append(FrameworkSource(file, rel.as_posix(), display_path(file)))
        elif base.is_file():
            found.append(FrameworkSource(base, _file_id(base, framework_dir), display_path(base)))
        else:
            problems.append(Problem(Location(display_path(base)), Severity.ERROR,
                                    "no such framework file or folder",
                                    hint="give a folder of framework .md files, or one file",
                                    code="missing-path"))
    return _once_each(found, lambda source: source.path)


def _file_id(file: Path, framework_dir: Path | None) -> str:
    if framework_dir is not None:
        try:
            return file.resolve().relative_to(framework_dir.resolve()).with_suffix("").as_posix()
        except ValueError:
            pass
    return file.stem


def load_frameworks(sources: Iterable[FrameworkSource],
                    max_bytes: int = LIMITS["file_bytes"], workers: int = 1) -> LoadResult:
    """Read every source; a file that fails is reported and the rest are still read.  In
    `workers` processes (0: one per core) when there is much to read."""
    files: list[LoadedFile] = []
    problems: list[Problem] = []
    items = [(source.path, source.display, (source.framework_id,)) for source in sources]
    for loaded, found in _read_each("frameworks", items, max_bytes, workers):
        problems += found
        if loaded is not None:
            files.append(loaded)
    return LoadResult(tuple(files), tuple(problems))


def input_files(framework_dir: Path, assessments_dir: Path) -> list[Path]:
    """Every file a build reads from these folders, in a stable order."""
    found = []
    for folder, suffixes in ((framework_dir, FRAMEWORK_SUFFIXES),
                             (assessments_dir, ASSESSMENT_SUFFIXES)):
        if folder.is_dir():
            found += files_in(folder, suffixes)
    return found

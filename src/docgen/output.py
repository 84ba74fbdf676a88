"""Every path under `out/`, and writing files there: atomically, and only where docgen means to.

This is the one module that names output files.  The document kinds ask
it where their files go (`handbook_file`, `cards_file`, `case_template_file`,
`packet_file`, or `artifact_path` for a new kind); names that come from data
become slugs that always stay inside the output folder.  `place` decides
where files go when the user gives `-o`.  Every file docgen writes goes
through `write_atomic`: the bytes go to a temporary file in the target
folder, are flushed to disk, and the file is renamed over the target, so a
reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Optional, Sequence

from docgen.errors import OutputError, UsageError
from docgen.slugs import slugify

# a write that was killed leaves one of these behind; `docgen build --clean` removes them
TEMP_SUFFIX = ".docgen-tmp"
MAX_NAME = 80  # characters of a file or folder name made from data; file systems stop at 255 bytes
# names Windows keeps for devices, whatever the extension: never a file or folder name from data
RESERVED_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                            *(f"lpt{i}" for i in range(1, 10))})


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically (temp file + rename); returns `path`."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX,
                                          dir=path.parent)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except OSError as exc:
        _remove_quietly(temp_name)
        raise _cannot_write(path, exc) from exc
    except BaseException:
        _remove_quietly(temp_name)
        raise
    return path


def check_out_dir(out_dir: Path) -> list[str]:
    """Refuse an output folder that is a file or a broken link; a note when it is a link.

    Returns what to tell the user (where the files really go), if anything.
    """
    shown = out_dir
    if out_dir.is_symlink() and not out_dir.exists():
        raise OutputError(f"{shown} is a link to {os.readlink(out_dir)}, which does not exist: "
                          "create that folder, or remove the link")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{shown} is a file, not a folder: move it away, or choose another "
                          "output folder (`out` in docgen.toml, or -o)")
    if out_dir.is_symlink():
        return [f"{shown} is a link: the documents are written to {out_dir.resolve()}"]
    return []


def safe_output_path(out_dir: Path, *names: str, suffix: str = "") -> Path:
    """A path inside `out_dir` built from names that may come from data.

    Each name becomes a slug (no `/`, `..` or control characters), so the
    result is always below `out_dir`.
    """
    path = Path(out_dir) / artifact_path(".", *names, suffix=suffix)
    if Path(out_dir).resolve() not in path.resolve().parents:
        raise OutputError(f"{path}: refusing to write outside {out_dir}")
    return path


def artifact_path(folder: str, *names: str, suffix: str = "") -> str:
    """`folder/<slug>/…<slug><suffix>`: an output path relative to `out/`, from names in data."""
    parts = [_safe_name(name) for name in names]
    if suffix:
        parts[-1] += suffix
    return PurePosixPath(folder, *parts).as_posix()


def handbook_file(fmt: str) -> str:
    """`handbook.pdf` or `handbook.html`."""
    return f"handbook.{fmt}"


def unit_cache(out_dir: Path) -> Path:
    """Where the handbook keeps its laid-out chapters between runs."""
    return out_dir / ".docgen" / "units"


def cards_file(framework_id: str) -> str:
    """`cards/<framework-id-slug>.pdf`."""
    return artifact_path("cards", framework_id, suffix=".pdf")


def case_template_file(framework_id: str, level: int) -> str:
    """`case-templates/<framework-id-slug>-L<N>.docx`."""
    return artifact_path("case-templates", framework_id, suffix=f"-L{level}.docx")


def packet_file(folder: str, fmt: str) -> str:
    """`packets/<folder>/promotion-case.<fmt>`; `folder` comes from `packet_folders`."""
    return f"{artifact_path('packets', folder)}/promotion-case.{fmt}"


def packet_folders(cases: Sequence[tuple[str, str]]) -> dict[str, str]:
    """The folder of each candidate's packets, by assessment source, for `(source, name)` pairs.

    The folder is the slug of the name (transliterated, case folded).  When
    names that differ share a slug (`Ada` and `ada`, `José` composed and
    decomposed, `O'Brien` and `OBrien`), each of those candidates gets the
    slug of the name and of its file's stem, so no packet overwrites another.
    Two that still collide are reported by `docgen check` (`colliding_packets`).
    """
    slugs = {source: _safe_name(name or PurePosixPath(source).stem) for source, name in cases}
    shared = {slug for slug, count in Counter(slugs.values()).items() if count > 1}
    return {source: (f"{slug}-{_safe_name(PurePosixPath(source).stem)}" if slug in shared
                     else slug) for source, slug in slugs.items()}


def colliding_packets(cases: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs (earlier source, later source) whose packets would still share a folder."""
    first: dict[str, str] = {}
    pairs = []
    for source, folder in packet_folders(cases).items():
        if folder in first:
            pairs.append((first[folder], source))
        else:
            first[folder] = source
    return pairs


def _safe_name(name: str) -> str:
    """A file or folder name from data: a slug, at most MAX_NAME characters, never a device name."""
    slug = slugify(name)[:MAX_NAME].rstrip("-") or "unnamed"
    return f"{slug}-" if slug in RESERVED_NAMES else slug


def place(paths: Sequence[str], out_dir: Path, target: Optional[Path] = None) -> dict[str, Path]:
    """Where each output path (relative to `out/`) is written.

    Without `target`, below `out_dir`.  With one (`-o`): when the paths are
    one file and `target` has a suffix, `target` is that file (its suffix
    must be the file's); otherwise `target` is a folder, and each file goes
    to its path below the document kind's folder (`-o DIR` for packets
    writes `DIR/<candidate>/…`).  UsageError when `-o` cannot mean either.
    """
    if target is None:
        return {p: Path(out_dir) / p for p in paths}
    target = Path(target)
    suffixes = {PurePosixPath(p).suffix.lower() for p in paths}
    if len(paths) == 1 and target.suffix and not target.is_dir():
        wanted = PurePosixPath(paths[0]).suffix
        if target.suffix.lower() != wanted.lower():
            raise UsageError(f"-o {target}: this command writes a {wanted} file; give a name "
                             f"ending in {wanted}, or a folder")
        return {paths[0]: target}
    if target.suffix.lower() in suffixes and not target.is_dir():
        raise UsageError(f"-o {target}: this makes {len(paths)} files, so -o names a folder "
                         f"for them, not a {target.suffix} file")
    return {p: target.joinpath(*PurePosixPath(p).parts[1:] or PurePosixPath(p).parts)
            for p in paths}


def leftover_temp_files(folder: Path) -> list[Path]:
    """Temporary files of writes that were killed before they finished (sorted)."""
    return sorted(Path(folder).rglob(f".*{TEMP_SUFFIX}"))


_WHAT_TO_DO = {
    errno.EROFS: "the file system is read-only: choose another output folder (`out` in "
                 "docgen.toml, or -o)",
    errno.EACCES: "docgen may not write there: make the folder writable or choose another "
                  "output folder (`out` in docgen.toml, or -o)",
    errno.EPERM: "docgen may not write there: make the folder writable or choose another "
                 "output folder (`out` in docgen.toml, or -o)",
    errno.ENOSPC: "the disk is full: free some space and build again; this file's previous "
                  "version is kept",
    errno.EDQUOT: "the disk quota is used up: free some space and build again; this file's "
                  "previous version is kept",
    errno.EFBIG: "the file is larger than this system lets a process write (ulimit -f); this "
                 "file's previous version is kept",
}


def describe_os_error(exc: OSError) -> str:
    """What the system said, and for the usual causes (read-only, full) what to do."""
    reason = exc.strerror or str(exc)
    hint = _WHAT_TO_DO.get(exc.errno)
    return reason + (f" ({hint})" if hint else "")


def _cannot_write(path: Path, exc: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write: {describe_os_error(exc)}")


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass

"""Writing files: atomically, and only where docgen means to.

Every file docgen writes goes through `write_atomic`: the bytes go to a
temporary file in the target folder, are flushed to disk, and the file is
renamed over the target, so a reader sees the old file or the new one,
never half of one.  `safe_output_path` keeps names that come from data
inside the output folder.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from docgen.errors import OutputError
from docgen.slugs import slugify

# a write that was killed leaves one of these behind; `docgen build --clean` removes them
TEMP_SUFFIX = ".docgen-tmp"
MAX_NAME = 80  # characters of a file or folder name made from data; file systems stop at 255 bytes


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


def safe_output_path(out_dir: Path, *names: str, suffix: str = "") -> Path:
    """A path inside `out_dir` built from names that may come from data.

    Each name becomes a slug (no `/`, `..` or control characters), so the
    result is always below `out_dir`.
    """
    parts = [slugify(name)[:MAX_NAME].rstrip("-") or "unnamed" for name in names]
    if suffix:
        parts[-1] += suffix
    path = Path(out_dir).joinpath(*parts)
    if Path(out_dir).resolve() not in path.resolve().parents:
        raise OutputError(f"{path}: refusing to write outside {out_dir}")
    return path


def leftover_temp_files(folder: Path) -> list[Path]:
    """Temporary files of writes that were killed before they finished (sorted)."""
    return sorted(Path(folder).rglob(f".*{TEMP_SUFFIX}"))


_WHAT_TO_DO = {
    errno.EROFS: "the file system is read-only: choose another output folder (--out, or `out` "
                 "in docgen.toml)",
    errno.EACCES: "docgen may not write there: make the folder writable or choose another "
                  "output folder (--out, or `out` in docgen.toml)",
    errno.EPERM: "docgen may not write there: make the folder writable or choose another "
                 "output folder (--out, or `out` in docgen.toml)",
    errno.ENOSPC: "the disk is full: free some space and build again; the previous files are "
                  "unchanged",
    errno.EDQUOT: "the disk quota is used up: free some space and build again; the previous "
                  "files are unchanged",
    errno.EFBIG: "the file is larger than this system lets a process write (ulimit -f); the "
                 "previous files are unchanged",
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

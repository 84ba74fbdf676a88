"""The date a build is stamped with, so the same inputs give the same bytes.

`SOURCE_DATE_EPOCH` wins (the reproducible-builds convention); otherwise
the time of the last git commit that touched the inputs; outside git, the
newest modification time of the inputs.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Sequence

from docgen.errors import ConfigError

# The dates every output can hold: a .docx is a zip, whose entries are dated 1980–2107.  A date
# outside (a commit date is in a pull request author's hands) is moved to the nearest end.
EARLIEST = int(datetime(1980, 1, 1, tzinfo=timezone.utc).timestamp())
LATEST = int(datetime(2107, 12, 31, 23, 59, 58, tzinfo=timezone.utc).timestamp())


def long_date(when: datetime) -> str:
    """A date as documents print it: "1 March 2026"."""
    return f"{when.day} {when:%B %Y}"


def in_range(epoch: int) -> int:
    """`epoch` moved into [EARLIEST, LATEST]."""
    return min(max(epoch, EARLIEST), LATEST)


def out_of_range(dates: Iterable[int]) -> list[str]:
    """A warning when one of `dates` had to be moved into the range documents can hold."""
    moved = sorted({d for d in dates if in_range(d) != d})
    return [f"the date {d} (SOURCE_DATE_EPOCH, a commit or a file time) is outside "
            f"1980–2107; documents are dated {_day(in_range(d))} instead" for d in moved[:1]]


def _day(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%d")


def source_date(inputs: Iterable[Path], cwd: Path) -> datetime:
    """The build's date, in UTC."""
    return datetime.fromtimestamp(source_date_epoch(inputs, cwd), tz=timezone.utc)


def source_date_epoch(inputs: Iterable[Path], cwd: Path) -> int:
    """Seconds since 1970 for the build's date (see the module docstring)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and value.strip():
        try:
            return in_range(int(value.strip()))
        except ValueError:
            raise ConfigError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, "
                              f"not '{value}'") from None
    inputs = [Path(p) for p in inputs]
    committed = _last_commit_time(inputs, cwd)
    if committed is not None:
        return in_range(committed)
    times = [int(p.stat().st_mtime) for p in _files(inputs)]
    return in_range(max(times, default=0))


def _last_commit_time(inputs: list[Path], cwd: Path) -> int | None:
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", *[str(p.resolve()) for p in inputs]],
            cwd=cwd, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    text = result.stdout.strip()
    return int(text) if result.returncode == 0 and text.isdigit() else None


def _files(inputs: list[Path]) -> Iterable[Path]:
    for path in inputs:
        if path.is_dir():
            yield from (p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            yield path


def input_dates(files: Sequence[Path], cwd: Path) -> dict[Path, int]:
    """For each input file, the date it was last changed, in seconds since 1970.

    `SOURCE_DATE_EPOCH` when set (the same for every file); else the time of
    the last git commit that touched the file, found with one `git log`;
    else, outside git or for a file git does not know, its modification time.
    """
    files = [Path(f).resolve() for f in files]
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        raw = _raw_epoch(value)
        return {f: raw for f in files}
    dates = _git_dates(files, cwd)
    return {f: dates.get(f) or int(f.stat().st_mtime) for f in files}


def _raw_epoch(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, "
                          f"not '{value}'") from None


def _git_dates(files: list[Path], cwd: Path) -> dict[Path, int]:
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=cwd,
                             capture_output=True, text=True, timeout=20, check=False)
        if top.returncode != 0:
            return {}
        root = Path(top.stdout.strip()).resolve()
        inside = [str(f) for f in files if root in f.parents]
        if not inside:
            return {}
        log = subprocess.run(["git", "log", "--format=%x00%ct", "--name-only", "--", *inside],
                             cwd=root, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[Path, int] = {}
    when = 0
    for line in log.stdout.splitlines():
        if line.startswith("\x00"):
            when = int(line[1:])
        elif line.strip():
            dates.setdefault((root / line.strip()).resolve(), when)  # newest commit comes first
    return dates

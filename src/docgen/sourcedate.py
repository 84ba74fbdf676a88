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
from typing import Iterable

from docgen.errors import ConfigError


def source_date(inputs: Iterable[Path], cwd: Path) -> datetime:
    """The build's date, in UTC; also exported as SOURCE_DATE_EPOCH for this process.

    Exported because fontTools stamps fonts it saves (WeasyPrint re-saves
    colour emoji fonts) with the current time unless SOURCE_DATE_EPOCH is
    set; worker processes inherit it.
    """
    epoch = source_date_epoch(inputs, cwd)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    return datetime.fromtimestamp(epoch, tz=timezone.utc)


def source_date_epoch(inputs: Iterable[Path], cwd: Path) -> int:
    """Seconds since 1970 for the build's date (see the module docstring)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and value.strip():
        try:
            return int(value.strip())
        except ValueError:
            raise ConfigError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, "
                              f"not '{value}'") from None
    inputs = [Path(p) for p in inputs]
    committed = _last_commit_time(inputs, cwd)
    if committed is not None:
        return committed
    times = [int(p.stat().st_mtime) for p in _files(inputs)]
    return max(times, default=0)


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

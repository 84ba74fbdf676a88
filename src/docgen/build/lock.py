"""One build at a time per output folder: an advisory lock on `out/.docgen/lock`.

A person's build and a pre-commit hook's can start together on one `out/`;
each would write files and records the other then reads as stale, and a
`--clean` could remove the other's temporary files.  The second build waits
for the first (saying so, and who holds the lock); the lock goes with the
process, so a killed build never leaves one behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
from pathlib import Path
from typing import Callable, Iterator, Optional

LOCK = ".docgen/lock"


@contextlib.contextmanager
def build_lock(out_dir: Path, on_wait: Optional[Callable[[str], None]] = None) -> Iterator[None]:
    """Hold the output folder's lock for the block, waiting for another build to finish first."""
    path = out_dir / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            if on_wait:
                on_wait(f"waiting for the build of {out_dir} by {holder} to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()} on {socket.gethostname()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)

"""Watching what `docgen serve` is made from: frameworks, assessments, templates, the config."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Iterator

import watchfiles

from docgen import api
from docgen.config import CONFIG_FILE

DEBOUNCE_MS = 100  # saves within this are one change (editors write a file in several steps)
HEARTBEAT_MS = 250  # an empty set of changes after this long without any


def watched_paths(project: api.Project) -> list[Path]:
    """The folders and files docgen reads for `project` that exist now."""
    configs, folders = project.read_paths()
    return sorted({path for path in configs + folders if path.exists()})


def changes(open_project: Callable[[], api.Project],
            stop: threading.Event) -> Iterator[set[Path]]:
    """Each set of saved files docgen reads, until `stop` is set.

    An empty set now and then says the watcher is running: what is saved
    after the first one is seen (so a page made then misses nothing).  When
    the configuration changes, the folders watched are read from it again.
    """
    while not stop.is_set():
        project = open_project()
        paths = watched_paths(project)
        if not paths:
            yield set()
            stop.wait(0.5)
            continue
        ignored = watchfiles.DefaultFilter()  # editors' swap and backup files, .git, caches
        for batch in watchfiles.watch(*paths, stop_event=stop, debounce=DEBOUNCE_MS, step=20,
                                      watch_filter=lambda change, path: ignored(change, path)
                                      and project.reads(Path(path)),
                                      yield_on_timeout=True,
                                      rust_timeout=HEARTBEAT_MS):
            changed = {Path(path) for _change, path in batch}
            yield changed
            if any(p.name in (CONFIG_FILE, "pyproject.toml") for p in changed):
                break  # the folders may have moved: watch again from the new configuration
        else:
            return  # `stop` was set

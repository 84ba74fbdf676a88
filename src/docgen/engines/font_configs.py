"""WeasyPrint font configurations kept for the documents a process lays out.

A new configuration for each document loads every font face again and
starts Pango's caches cold (a sixth of the time of a handbook chapter); one
shared by documents of the same template folders and `@font-face` rules
gives the same bytes.  Each configuration's temporary font folder is removed
when the process ends.
"""

from __future__ import annotations

import multiprocessing.util
import os
import re
import threading
from collections import OrderedDict

from docgen.engines.templating import SearchPath

_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_FONT_CONFIGS: "OrderedDict[tuple, object]" = OrderedDict()
_INHERITED: list = []  # a parent's configurations, in a forked child: never deleted there
_CLEANUP_PID = 0  # the process whose configurations are removed when it ends
KEEP_FONT_CONFIGS = 4


def font_config(html: str, search_path: SearchPath):
    """The WeasyPrint font configuration for `html`: one shared by the documents this process
    (and thread) lays out from the same template folders with the same `@font-face` rules.
    (A font file edited in place while `docgen serve` runs is seen after a restart.)
    """
    from weasyprint.text.fonts import FontConfiguration

    _own_process()
    key = (threading.get_ident(), tuple(map(str, search_path.folders)),
           tuple(_FONT_FACE.findall(html)))
    found = _FONT_CONFIGS.pop(key, None) or FontConfiguration()
    _FONT_CONFIGS[key] = found
    while len(_FONT_CONFIGS) > KEEP_FONT_CONFIGS:
        _remove(_FONT_CONFIGS.popitem(last=False)[1])
    return found


def _remove(config) -> None:
    """Remove the temporary folder of a font configuration (where WeasyPrint writes the font
    faces for fontconfig).  Its `__del__` does, but is not sure to run: documents hold it in
    cycles, and a forked worker ends without collecting them."""
    config.__del__()


def _remove_all() -> None:
    while _FONT_CONFIGS:
        _remove(_FONT_CONFIGS.popitem()[1])


def _own_process() -> None:
    """In a process new since the last call (a forked worker): set the parent's configurations
    aside (deleting one removes its temporary folder, which the parent still uses), and have
    this process's removed when it ends: a forked worker runs multiprocessing's finalizers,
    not `atexit`, and the main process runs them at exit."""
    global _CLEANUP_PID
    pid = os.getpid()
    if _CLEANUP_PID == pid:
        return
    _INHERITED.extend(_FONT_CONFIGS.values())
    _FONT_CONFIGS.clear()
    multiprocessing.util.Finalize(None, _remove_all, exitpriority=0)
    _CLEANUP_PID = pid

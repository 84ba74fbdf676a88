"""WeasyPrint imported with a quick search for its C libraries, and emoji images shared.

WeasyPrint opens Pango, HarfBuzz, fontconfig and GObject by trying several
names for each, most of which do not exist on a given system; for each
miss, cffi asks `ctypes.util.find_library`, which on Linux runs `ldconfig
-p` and then a C compiler and the linker in subprocesses.  That was half of
importing WeasyPrint (a quarter of a second, in every docgen process that
makes a PDF).  On Linux the same question is answered here from one
`ldconfig -p` listing and `LD_LIBRARY_PATH`; the libraries opened are the
ones the dynamic loader finds either way.  Elsewhere WeasyPrint is imported
as it is.  Once imported, its text drawing shares emoji images
(`docgen.engines.emoji_images`), fontTools remembers its table modules
(`docgen.engines.font_tables`) and the user-agent stylesheet without note
rules is made (`docgen.engines.user_agent`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator, Optional


def import_weasyprint():
    """The `weasyprint` module (imported on first use)."""
    if "weasyprint" not in sys.modules:
        with _quick_library_search():
            import weasyprint  # noqa: F401
    from docgen.engines import user_agent
    from docgen.engines.emoji_images import share_emoji_images
    from docgen.engines.font_tables import remember_table_modules

    share_emoji_images()
    remember_table_modules()
    user_agent.prepare()
    return sys.modules["weasyprint"]


@contextlib.contextmanager
def _quick_library_search() -> Iterator[None]:
    listing = _ldconfig_listing() if sys.platform.startswith("linux") else None
    if listing is None:
        yield
        return
    import ctypes.util

    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: _find(name, listing)
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _ldconfig_listing() -> Optional[str]:
    """What `ldconfig -p` lists (the loader's cache), or None when it cannot be asked."""
    ldconfig = shutil.which("ldconfig") or next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.access(p, os.X_OK)), None)
    if ldconfig is None:
        return None
    try:
        result = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=10,
                                check=False, env={**os.environ, "LC_ALL": "C", "LANG": "C"})
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 and result.stdout else None


def _find(name: str, listing: str) -> Optional[str]:
    """`ctypes.util.find_library(name)` on Linux: the soname of `lib<name>.so…` in the loader's
    cache, else a `lib<name>.so…` file in a folder of `LD_LIBRARY_PATH`."""
    found = re.search(rf"\s(lib{re.escape(name)}\.so[^\s]*)\s+\(", listing)
    if found:
        return found.group(1)
    for folder in filter(None, os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep)):
        for candidate in sorted(Path(folder).glob(f"lib{name}.so*")):
            return str(candidate)
    return None

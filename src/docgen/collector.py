"""Python's cyclic garbage collector spared its walk over everything at exit.

At exit the interpreter collects again while it tears its modules down,
walking every object still alive (WeasyPrint's, Jinja's): a quarter of a
second after the seed's handbook was written, a tenth of the whole run.
`skip_final_collection` spares the command line that walk.

(Collecting the youngest objects less often during layout was tried: the
seed's collector time went from 0.19 to 0.05 s, but the corpus handbook's
workers held 30-60 MiB more at their peak and took no less time.)
"""

from __future__ import annotations

import gc


def skip_final_collection() -> None:
    """Leave what is alive now out of every later collection, the interpreter's last ones at
    exit included.  For a process about to end: nothing it holds now is freed by the
    collector any more (atexit handlers and finalizers registered with `weakref.finalize`
    or `multiprocessing.util.Finalize` still run)."""
    gc.freeze()

"""Python's cyclic garbage collector set for docgen's work: laying out documents, then ending.

Laying out a document makes millions of short-lived objects.  At the
default threshold (a young collection every 700 allocations) the collector
ran 340 times for the seed's handbook and took a sixteenth of its time; at
`YOUNG_THRESHOLD` it runs a fifth as often and takes a quarter of that,
what it holds on to meanwhile being a few MB.

At exit the interpreter collects again while it tears its modules down,
walking every object still alive (WeasyPrint's, Jinja's): a quarter of a
second after the seed's handbook was written, a tenth of the whole run.
`skip_final_collection` spares the command line that walk.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 20_000
"""Allocations (net of frees) between two collections of the youngest objects."""


def tune_for_layout() -> None:
    """Collect the youngest objects every `YOUNG_THRESHOLD` allocations, not every 700; the
    older generations as often, counted in young collections, as before."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(YOUNG_THRESHOLD, young), middle, old)


def skip_final_collection() -> None:
    """Leave what is alive now out of every later collection, the interpreter's last ones at
    exit included.  For a process about to end: nothing it holds now is freed by the
    collector any more (atexit handlers and finalizers registered with `weakref.finalize`
    or `multiprocessing.util.Finalize` still run)."""
    gc.freeze()

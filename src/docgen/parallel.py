"""Running independent jobs in worker processes, or in this one when that is all it takes."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterator, Sequence, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")


def run(jobs: Sequence[Job], make: Callable[[Job], Result],
        workers: int = 0) -> Iterator[tuple[Job, Result]]:
    """`(job, make(job))` for every job, in order, as each finishes.

    `workers` processes (0: one per core); with one worker or one job, in this
    process.  `make` and the jobs must pickle (a module-level function, or a
    `functools.partial` of one).
    """
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) <= 1:
        for job in jobs:
            yield job, make(job)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        yield from zip(jobs, pool.map(make, jobs, chunksize=1))

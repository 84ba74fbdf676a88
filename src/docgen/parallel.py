"""Running independent jobs in worker processes, or in this one when that is all it takes."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator, Sequence, TypeVar

from docgen.errors import DocgenError

Job = TypeVar("Job")
Result = TypeVar("Result")


class WorkerDied(DocgenError):
    """A worker process ended abruptly (killed, or crashed) while making a job; names the job."""


def run(jobs: Sequence[Job], make: Callable[[Job], Result], workers: int = 0,
        name: Callable[[Job], str] = str) -> Iterator[tuple[Job, Result]]:
    """`(job, make(job))` for every job, in order, as each finishes.

    `workers` processes (0: one per core); with one worker or one job, in this
    process.  `make` and the jobs must pickle (a module-level function, or a
    `functools.partial` of one).  An exception in `make` is raised here; a
    worker that dies raises WorkerDied with the `name` of the job it was making.
    """
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) <= 1:
        for job in jobs:
            yield job, make(job)
        return
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            for job, result in zip(jobs, pool.map(make, jobs, chunksize=1)):
                yield job, result
                done += 1
        return
    except BrokenProcessPool:
        pass
    # A dead worker breaks the whole pool and no one can tell which job killed it.  Every job
    # not yet returned runs again, each in a process of its own: the one that dies is named,
    # the ones that only shared its pool are made.
    for job in jobs[done:]:
        yield job, _alone(make, job, name)


def _alone(make: Callable[[Job], Result], job: Job, name: Callable[[Job], str]) -> Result:
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(make, job).result()
        except BrokenProcessPool:
            raise WorkerDied(f"{name(job)}: the worker process making it stopped abruptly "
                             "(killed, out of memory, or a crash in a library); nothing of it "
                             "was written") from None

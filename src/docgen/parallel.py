"""Work spread over processes: a process per job, a time limit, and a lost job named.

`run` is the one way docgen uses more than one core: the build and the
single-document commands run their jobs through it, and the handbook lays out
its chapters through it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator, Optional, Sequence, TypeVar

from docgen.errors import BuildError

Job = TypeVar("Job")
Result = TypeVar("Result")


class WorkerLost(BuildError):
    """A worker process died, or was stopped for taking too long; its job is named."""


def run(jobs: Sequence[Job], work: Callable[[Job], Result], workers: int = 0,
        name: Callable[[Job], str] = str,
        time_limit: Optional[float] = None) -> Iterator[tuple[Job, Result]]:
    """`(job, work(job))` for every job, as each finishes.

    Up to `workers` jobs at a time (0: one per core), each in a process of
    its own, forked for it and ended with it; with one worker or one job, in
    this process, the time limit kept by an alarm signal (or, off the main
    thread, where there is none, in a process of its own).  `work` and the
    jobs must pickle (a module-level function, or a `functools.partial` of
    one).  An exception in `work` is raised here and nothing more is
    started.  A process that dies, or runs longer than `time_limit` seconds
    and is stopped, costs only its own job: the others are made, then
    WorkerLost names it.
    """
    workers = workers or os.cpu_count() or 1
    if not jobs:
        return
    if (workers == 1 or len(jobs) == 1) and (time_limit is None or _alarms()):
        yield from _here(jobs, work, name, time_limit)
        return
    # A process per job rather than a pool of long-lived workers: a process keeps the memory
    # its largest job made it take (the allocator hands little back), and the next job would
    # start from there.  Forking costs milliseconds, and a forked process shares the parent's
    # pages until it writes to them; the collector
    # walking the parent's objects in a child would write to (copy) every page they are on.
    # Garbage first, so that what is frozen is only what is still in use.
    gc.collect()
    gc.freeze()
    waiting = iter(jobs)
    running: dict = {}  # future → (job, its process, when it started)
    lost: list[WorkerLost] = []

    def start_next() -> None:
        for job in waiting:
            process = ProcessPoolExecutor(max_workers=1)
            running[process.submit(work, job)] = (job, process, time.monotonic())
            return

    try:
        for _ in range(workers):
            start_next()
        while running:
            done, _ = wait(running, timeout=_time_left(running, time_limit),
                           return_when=FIRST_COMPLETED)
            if not done:  # the oldest job reached the limit
                future = min(running, key=lambda f: running[f][2])
                job, process, _ = running.pop(future)
                _stop(process)
                process.shutdown(wait=True)
                lost.append(_too_long(name(job), time_limit))
                start_next()
                continue
            for future in done:
                job, process, _ = running.pop(future)
                process.shutdown(wait=True)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    lost.append(WorkerLost(
                        f"{name(job)}: the worker process making it stopped abruptly (killed, "
                        "out of memory, or a crash in a library); nothing of it was written"))
                    start_next()
                    continue
                start_next()
                yield job, result
    finally:
        # On the first failure nothing more starts: only the jobs already running (fewer than
        # `workers`) finish.
        for future, (_, process, _) in running.items():
            process.shutdown(wait=True, cancel_futures=True)
    if lost:
        raise lost[0]


class _TooLong(BaseException):
    """Raised by the alarm in the job that ran past the limit (not an Exception: nothing in
    the job's own code may catch it)."""


def _alarms() -> bool:
    """True when a time limit can be kept in this process: an alarm signal, the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _here(jobs: Sequence[Job], work: Callable[[Job], Result], name: Callable[[Job], str],
          time_limit: Optional[float]) -> Iterator[tuple[Job, Result]]:
    """The jobs one after another in this process; one past `time_limit` is stopped, the
    others are made, then WorkerLost names it."""
    lost: list[WorkerLost] = []
    for job in jobs:
        try:
            with _alarm(time_limit):
                result = work(job)
        except _TooLong:
            lost.append(_too_long(name(job), time_limit))
            continue
        yield job, result
    if lost:
        raise lost[0]


@contextlib.contextmanager
def _alarm(seconds: Optional[float]) -> Iterator[None]:
    if seconds is None:
        yield
        return

    def ring(_signum, _frame):
        raise _TooLong()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _time_left(running: dict, time_limit: Optional[float]) -> Optional[float]:
    """Seconds until the longest-running job reaches the time limit (None: no limit)."""
    if time_limit is None:
        return None
    oldest = min(started for _, _, started in running.values())
    return max(0.0, oldest + time_limit - time.monotonic())


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's worker process.  The executor has no public way to stop a running job;
    its `_processes` map is the one handle on them (stable since Python 3.2)."""
    for process in list((pool._processes or {}).values()):
        process.kill()


def _too_long(job_name: str, time_limit: Optional[float]) -> WorkerLost:
    return WorkerLost(f"{job_name}: stopped after {time_limit:g} s, the limit for one document "
                      "(raise seconds_per_document under [limits] in docgen.toml if it really "
                      "needs longer); nothing of it was written")

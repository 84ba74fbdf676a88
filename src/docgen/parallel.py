"""Work spread over processes: workers that do not keep a large job's memory, a time limit,
and a lost job named.

`run` is the one way docgen shares jobs out over cores: the build and the
single-document commands run their jobs through it, and the handbook lays out
its chapters through it.  `EarlyWorker` is a second core for one job whose
worker can get ready (import its libraries) while this process makes the job.
`workers_ready` starts workers before there is work for them (while the
frameworks are read), and keeps them for the `run` and `EarlyWorker` calls of
its block that ask for workers prepared the same way.
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


GROWTH_KEPT_MIB = 128
"""A worker that has grown more than this since it started is ended after its job, and the
next job starts in a new one: a process keeps the memory its largest job made it take (the
allocator hands little back), and the next job would start from there."""


def worker_count(workers: int) -> int:
    """How many processes `workers` asks for: 0 means one per core."""
    return workers or os.cpu_count() or 1


_ready: dict[Callable[[], object], list[ProcessPoolExecutor]] = {}  # idle workers, by preparation
_depth: dict[Callable[[], object], int] = {}  # open `workers_ready` blocks, by preparation


@contextlib.contextmanager
def workers_ready(count: int, prepare: Callable[[], object]) -> Iterator[None]:
    """At least `count` worker processes prepared by `prepare` (a module-level function, such
    as importing a library) while the block lasts.

    They are started now and prepare while this process goes on; `run` and
    `EarlyWorker` calls inside the block given the same `prepare` take them, and
    give them back for the next call.  A block inside another for the same
    `prepare` starts only the workers the outer one lacks; leaving the outermost
    ends them all: idle, they are killed, not waited for.
    """
    pools = _ready.setdefault(prepare, [])
    started = [_new_worker(prepare) for _ in range(max(0, count - len(pools)))]
    for pool in started:
        pool.submit(int)  # the process starts with its first job
    pools += started
    _depth[prepare] = _depth.get(prepare, 0) + 1
    try:
        yield
    finally:
        _depth[prepare] -= 1
        outermost = not _depth[prepare]
        for pool in [p for p in pools if outermost or p in started]:
            pools.remove(pool)
            _end_idle(pool)
        if outermost:
            del _ready[prepare], _depth[prepare]


def end_ready(prepare: Callable[[], object]) -> None:
    """End the idle workers prepared by `prepare` now, before their block ends: the memory
    their jobs left them is given back while this process goes on (to join what they made)."""
    pools = _ready.get(prepare, [])
    while pools:
        _end_idle(pools.pop())


def _end_idle(pool: ProcessPoolExecutor) -> None:
    """End a worker with no job: killed, not waited for (it may still be preparing, for work
    that never came: every unit was in the cache, or the input had errors)."""
    _stop(pool)
    pool.shutdown(wait=True, cancel_futures=True)


def _new_worker(prepare: Optional[Callable[[], object]]) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=1, initializer=_started, initargs=(prepare,))


def _take(prepare: Optional[Callable[[], object]]) -> Optional[ProcessPoolExecutor]:
    """An idle worker prepared by `prepare`, if a `workers_ready` block has one."""
    pools = _ready.get(prepare) if prepare is not None else None
    return pools.pop(0) if pools else None


def _give_back(worker: ProcessPoolExecutor, prepare: Optional[Callable[[], object]]) -> None:
    """A worker done with its jobs: kept for the next call inside a `workers_ready` block
    for its preparation, else ended."""
    if prepare is not None and prepare in _ready:
        _ready[prepare].append(worker)
    else:
        worker.shutdown(wait=True)


def run(jobs: Sequence[Job], work: Callable[[Job], Result], workers: int = 0,
        name: Callable[[Job], str] = str,
        time_limit: Optional[float] = None,
        prepare: Optional[Callable[[], object]] = None) -> Iterator[tuple[Job, Result]]:
    """`(job, work(job))` for every job, as each finishes.

    Up to `workers` jobs at a time (0: one per core), in worker processes
    forked from this one, each replaced after a job that made it grow more
    than `GROWTH_KEPT_MIB`; with one worker or one job, in this process, the
    time limit kept by an alarm signal (or, off the main thread, where there
    is none, in a worker).  `work` and the jobs must pickle (a module-level
    function, or a `functools.partial` of one).  An exception in `work` is
    raised here and nothing more is started.  A worker that dies, or runs
    one job longer than `time_limit` seconds and is stopped, costs only its
    own job: the others are made, then WorkerLost names it.  A worker starts by calling
    `prepare` (a module-level function: what every job needs, such as importing a library),
    and a `workers_ready` block's workers prepared by it are taken first, even for one job.
    """
    workers = worker_count(workers)
    if not jobs:
        return
    alone = workers == 1 or (len(jobs) == 1 and not _ready.get(prepare))
    if alone and (time_limit is None or _alarms()):
        yield from _here(jobs, work, name, time_limit)
        return
    # Forked workers share this process's pages until they write to them; the collector
    # walking its objects in a worker would write to (copy) every page they are on.
    # Garbage first, so that what is frozen is only what is still in use.
    gc.collect()
    gc.freeze()
    # A worker is a pool of one, so that it can be ended, or killed, alone.
    waiting = iter(jobs)
    running: dict = {}  # future → (job, its worker, when it started)
    lost: list[WorkerLost] = []

    def start_next(worker: Optional[ProcessPoolExecutor] = None) -> None:
        for job in waiting:
            worker = worker or _take(prepare) or _new_worker(prepare)
            running[worker.submit(_measured, work, job)] = (job, worker, time.monotonic())
            return
        if worker is not None:
            _give_back(worker, prepare)

    try:
        for _ in range(min(workers, len(jobs))):
            start_next()
        while running:
            done, _ = wait(running, timeout=_time_left(running, time_limit),
                           return_when=FIRST_COMPLETED)
            if not done:  # the oldest job reached the limit
                future = min(running, key=lambda f: running[f][2])
                job, worker, _ = running.pop(future)
                _stop(worker)
                worker.shutdown(wait=True)
                lost.append(_too_long(name(job), time_limit))
                start_next()
                continue
            for future in done:
                job, worker, _ = running.pop(future)
                try:
                    result, grown = future.result()
                except BrokenProcessPool:
                    worker.shutdown(wait=True)
                    lost.append(_died(name(job)))
                    start_next()
                    continue
                except BaseException:
                    worker.shutdown(wait=True)
                    raise
                if grown > GROWTH_KEPT_MIB:
                    worker.shutdown(wait=True)
                    worker = None
                start_next(worker)
                yield job, result
    finally:
        # On the first failure nothing more starts: only the jobs already running (fewer than
        # `workers`) finish.
        for _, worker, _ in running.values():
            worker.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()  # no more forks: what was frozen may be collected again (a long preview)
    if lost:
        raise lost[0]


class EarlyWorker:
    """One worker process, started at once and prepared by `initializer`, for one job given
    later: what the worker prepares is done while this process makes the job.

    A context manager: leaving it ends the worker, killed if it is still at work (the time
    limit of `run`, raised here, stops the job with it)."""

    def __init__(self, initializer: Callable[[], object], name: str):
        self._initializer = initializer
        self._pool = _take(initializer) or _new_worker(initializer)
        self._pool.submit(int)  # the process starts with its first job
        self._job = None
        self.name = name  # of what its job makes, for messages

    def submit(self, work: Callable[..., Result], *args) -> Callable[[], Result]:
        """Start `work(*args)` in the worker; returns what waits for its result (or raises
        its exception, or WorkerLost if the worker died)."""
        self._job = self._pool.submit(work, *args)

        def result() -> Result:
            try:
                return self._job.result()
            except BrokenProcessPool:
                raise _died(self.name) from None

        return result

    def __enter__(self) -> "EarlyWorker":
        return self

    def __exit__(self, *exc) -> bool:
        if (self._job is not None and self._job.done() and not exc[0]
                and not isinstance(self._job.exception(), BrokenProcessPool)):
            _give_back(self._pool, self._initializer)
            return False
        _stop(self._pool)
        self._pool.shutdown(wait=True, cancel_futures=True)
        return False


def resident_mib() -> float:
    """This process's resident memory in MiB (0 where /proc is not there to tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


_started_at_mib = 0.0  # in a worker: its resident memory when it started


def _started(prepare: Optional[Callable[[], object]] = None) -> None:
    """In a new worker: `prepare`, then note its memory (a forked process does not count at
    once all it shares with its parent)."""
    global _started_at_mib
    if prepare is not None:
        prepare()
        # what it made (a library's modules) lives as long as the worker: the collector need
        # not walk it again, as it does not walk what a worker forked with from its parent
        gc.collect()
        gc.freeze()
    _started_at_mib = resident_mib()


def _measured(work: Callable[[Job], Result], job: Job) -> tuple[Result, float]:
    """`work(job)` in a worker, and how many MiB the worker has grown since it started."""
    return work(job), resident_mib() - _started_at_mib


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


def _died(job_name: str) -> WorkerLost:
    return WorkerLost(f"{job_name}: the worker process making it stopped abruptly (killed, out "
                      "of memory, or a crash in a library); nothing of it was written")


def _too_long(job_name: str, time_limit: Optional[float]) -> WorkerLost:
    return WorkerLost(f"{job_name}: stopped after {time_limit:g} s, the limit for one document "
                      "(raise seconds_per_document under [limits] in docgen.toml if it really "
                      "needs longer); nothing of it was written")

"""docgen.parallel.run: workers kept while small, replaced once grown, and a lost job named."""

from __future__ import annotations

import os

import pytest

from docgen import parallel
from docgen.parallel import WorkerLost, run


def process_of(job: int) -> tuple[int, int]:
    """The job and the process that ran it."""
    return job, os.getpid()


KEPT: list = []


def grows(job: int) -> tuple[int, int]:
    """Keeps 64 MiB it has written to, as a large layout leaves its worker grown."""
    KEPT.append(bytearray(64 * 2**20))
    return process_of(job)


def dies_on_three(job: int) -> int:
    if job == 3:
        os._exit(3)  # as the kernel's OOM killer would end it
    return job


def test_workers_are_kept_for_small_jobs():
    results = dict(run(list(range(6)), process_of, workers=2))
    assert sorted(results) == list(range(6))
    pids = {pid for _, pid in results.values()}
    assert len(pids) == 2 and os.getpid() not in pids
    ended(pids)


def test_a_worker_that_grew_past_the_limit_is_replaced(monkeypatch):
    monkeypatch.setattr(parallel, "GROWTH_KEPT_MIB", 32)
    results = dict(run(list(range(4)), grows, workers=2))
    pids = [pid for _, pid in results.values()]
    # the next job would have started with the 64 MiB the last one left behind
    assert len(set(pids)) == 4
    ended(pids)


def ended(pids) -> None:
    for pid in pids:  # every worker has ended, and been waited for
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_one_worker_runs_the_jobs_here():
    assert {pid for _, (_, pid) in run([1, 2], process_of, workers=1)} == {os.getpid()}


def test_a_process_that_dies_costs_only_its_own_job():
    made = []
    with pytest.raises(WorkerLost, match="job 3: the worker process making it stopped abruptly"):
        for job, result in run(list(range(6)), dies_on_three, workers=2,
                               name=lambda job: f"job {job}"):
            made.append(result)
    assert sorted(made) == [0, 1, 2, 4, 5]


PREPARED: list = []


def prepare() -> None:
    PREPARED.append(os.getpid())


def prepared_in(job: int) -> tuple[int, list]:
    """The job and what the process's initializer left."""
    return job, list(PREPARED)


def sleeps(_job: int) -> None:
    import time

    time.sleep(60)


def test_an_early_worker_is_prepared_before_its_job_and_runs_it_elsewhere():
    with parallel.EarlyWorker(prepare, "job") as worker:
        result = worker.submit(prepared_in, 7)
        job, prepared = result()
    assert job == 7 and len(prepared) == 1 and prepared[0] != os.getpid()
    assert PREPARED == []  # prepared in the worker, not here
    ended(prepared)


def test_an_early_worker_raises_its_jobs_error_here():
    with parallel.EarlyWorker(prepare, "job") as worker:
        result = worker.submit(dies_on_three, 3)
        with pytest.raises(WorkerLost, match="job: the worker process making it stopped abruptly"):
            result()


def test_leaving_an_early_worker_at_work_kills_it():
    import time

    start = time.monotonic()
    with pytest.raises(KeyError):
        with parallel.EarlyWorker(prepare, "job") as worker:
            worker.submit(sleeps, 0)
            pids = list(worker._pool._processes)
            raise KeyError("the time limit, say")
    assert time.monotonic() - start < 30  # not waited for: its job sleeps a minute
    ended(pids)

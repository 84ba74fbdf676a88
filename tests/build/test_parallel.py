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


def where_prepared(job: int) -> tuple[int, list]:
    """The process that ran the job, and what its initializer left."""
    return os.getpid(), list(PREPARED)


def test_ready_workers_are_prepared_once_and_serve_every_call_of_their_block():
    with parallel.workers_ready(2, prepare):
        first = dict(run([1, 2, 3], where_prepared, workers=2, prepare=prepare))
        alone = dict(run([4], where_prepared, workers=2, prepare=prepare))
        with parallel.EarlyWorker(prepare, "job") as worker:
            early = worker.submit(where_prepared, 5)()
        unprepared = dict(run([6, 7], where_prepared, workers=2))
    pids = {pid for pid, _ in first.values()}
    assert len(pids) == 2 and os.getpid() not in pids
    assert all(prepared == [pid] for pid, prepared in first.values())  # prepared once each
    assert alone[4][0] in pids  # one job too goes to a ready worker, not here
    assert early[0] in pids
    assert not pids & {pid for pid, _ in unprepared.values()}  # another preparation: not them
    assert PREPARED == []
    ended(pids)


def test_a_block_inside_another_starts_only_the_workers_it_lacks():
    with parallel.workers_ready(1, prepare):
        (outer,) = {pid for pid, _ in dict(run([1], where_prepared, prepare=prepare)).values()}
        with parallel.workers_ready(2, prepare):
            inner = {pid for pid, _ in dict(run([2, 3, 4, 5], where_prepared, workers=2,
                                                prepare=prepare)).values()}
        after = {pid for pid, _ in dict(run([6], where_prepared, prepare=prepare)).values()}
    assert outer in inner and len(inner) == 2
    assert after == {outer}  # the inner block ended the worker it started, not the outer's
    ended(inner)


def test_a_ready_worker_that_died_is_not_given_back():
    with parallel.workers_ready(1, prepare):
        with parallel.EarlyWorker(prepare, "job") as worker:
            with pytest.raises(WorkerLost):
                worker.submit(dies_on_three, 3)()
        again = dict(run([1], where_prepared, prepare=prepare))
    assert again[1][0] == os.getpid()  # no worker left ready: one job is run here


def test_ending_the_ready_workers_early_leaves_the_block_working():
    with parallel.workers_ready(2, prepare):
        pids = {pid for pid, _ in dict(run([1, 2], where_prepared, workers=2,
                                           prepare=prepare)).values()}
        parallel.end_ready(prepare)
        ended(pids)  # gone before the block ends
        again = {pid for pid, _ in dict(run([3, 4], where_prepared, workers=2,
                                            prepare=prepare)).values()}
    assert len(again) == 2 and not again & pids  # new workers, prepared
    ended(again)


def prepares_slowly() -> None:
    import time

    time.sleep(60)


def test_a_block_left_by_an_error_kills_its_workers_instead_of_waiting_for_them():
    import time

    start = time.monotonic()
    with pytest.raises(KeyError):
        with parallel.workers_ready(1, prepares_slowly):
            (pool,) = parallel._ready[prepares_slowly]
            pids = list(pool._processes)
            assert pids
            raise KeyError("a framework with errors, say")
    assert time.monotonic() - start < 30  # not waited for: it prepares for a minute
    ended(pids)
    assert prepares_slowly not in parallel._ready

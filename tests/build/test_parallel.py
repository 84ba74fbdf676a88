"""docgen.parallel.run: every job in a process of its own, and a lost one named."""

from __future__ import annotations

import os

import pytest

from docgen.parallel import WorkerLost, run


def process_of(job: int) -> tuple[int, int]:
    """The job and the process that ran it."""
    return job, os.getpid()


def dies_on_three(job: int) -> int:
    if job == 3:
        os._exit(3)  # as the kernel's OOM killer would end it
    return job


def test_each_job_runs_in_a_process_of_its_own_that_ends_with_it():
    results = dict(run(list(range(6)), process_of, workers=2))
    pids = [pid for _, pid in results.values()]
    assert sorted(results) == list(range(6))
    # a worker kept for the next job would carry that job's memory into it
    assert len(set(pids)) == 6
    assert os.getpid() not in pids
    for pid in pids:  # every one has ended, and been waited for
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

"""Run a command several times; report the median wall time and the peak memory of its process tree.

Peak memory is sampled, in one more run that is not timed, from /proc every
20 ms over the command and all its descendants, so a parallel build is counted whole: as the sum of resident sets
(RSS; a page a forked worker still shares with its parent is counted in both)
and, every 100 ms, as the sum of proportional sets (PSS, from smaps_rollup: a
shared page is split between the processes sharing it, so the sum is the
memory the tree really holds).

Commands run as an installed docgen runs: Python keeps the compiled bytecode
of the modules it imports.  Where the environment says PYTHONDONTWRITEBYTECODE
(some containers and CI images do), it is dropped for the command, else every
run would compile every module of docgen from source again (a tenth of a
second of each run here); the first run writes the bytecode.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence


@dataclass(frozen=True)
class Measurement:
    """The figures of several runs of one command."""

    label: str
    runs: tuple[float, ...]
    peak_rss_mib: float
    cpu_runs: tuple[float, ...] = ()  # user + system seconds, the command and its workers
    peak_pss_mib: float = 0.0

    @property
    def cpu(self) -> float:
        """Median CPU time in seconds."""
        return statistics.median(self.cpu_runs) if self.cpu_runs else 0.0

    @property
    def median(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.runs)


def measure(label: str, command: Sequence[str], runs: int = 3, cwd: Path | None = None,
            env: dict | None = None,
            before_each: Callable[[], object] | None = None) -> Measurement:
    """Run `command` `runs` times, timed, then once more for its peak memory; each run must
    succeed.

    The memory is sampled in a run of its own: sampling walks /proc every 20 ms, which on
    a machine of two cores takes CPU time from the command (a tenth of the corpus
    handbook's time), so the timed runs are left alone.  `before_each`, if given, is
    called before every run, that one included (an edit for the command to find).
    """
    times, cpu = [], []
    env = {name: value for name, value in (os.environ if env is None else env).items()
           if name != "PYTHONDONTWRITEBYTECODE"}
    for _ in range(runs):
        if before_each:
            before_each()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        _run(label, command, cwd, env)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(elapsed)
        cpu.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    if before_each:
        before_each()
    sampler = _run(label, command, cwd, env, _PeakSampler)
    return Measurement(label, tuple(times), sampler.peak_kib / 1024, tuple(cpu),
                       sampler.peak_pss_kib / 1024)


def _run(label: str, command: Sequence[str], cwd: Path | None, env: dict,
         sampler_class: type | None = None):
    """One run of `command`, watched by a `sampler_class` (returned) if one is given."""
    process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    sampler = sampler_class(process.pid) if sampler_class else None
    if sampler:
        sampler.start()
    _, stderr = process.communicate()
    if sampler:
        sampler.stop()
    if process.returncode != 0:
        raise SystemExit(f"{label}: {' '.join(command)} failed:\n{stderr.decode()}")
    return sampler


class _PeakSampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.peak_pss_kib = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        tick = 0
        while not self._stop_event.is_set():
            self.peak_kib = max(self.peak_kib, _tree_rss_kib(self.pid))
            if tick % 5 == 0:
                self.peak_pss_kib = max(self.peak_pss_kib,
                                        _tree_rss_kib(self.pid, "smaps_rollup", "Pss:"))
            tick += 1
            self._stop_event.wait(0.02)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _tree_rss_kib(root: int, file: str = "status", field: str = "VmRSS:") -> int:
    """The sum of `field` (kB) in /proc/PID/`file` over `root` and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/{file}", encoding="ascii", errors="replace") as handle:
                for line in handle:
                    if line.startswith(field):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def report(name: str, headings: Sequence[str], rows: Sequence[Sequence[str]], results: list) -> None:
    """Print a Markdown table and keep the raw results in benchmarks/results/<name>.json."""
    import json

    print("| " + " | ".join(headings) + " |")
    print("|" + " --- |" * len(headings))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")

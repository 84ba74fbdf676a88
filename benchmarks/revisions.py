"""Benchmark: one docgen command at two revisions, their runs alternated.

    .venv/bin/python benchmarks/revisions.py BASE [HEAD] [--runs 8] [--corpus DIR] [-- ARGS…]

Where a machine's speed drifts from one minute to the next (as the 2-core
machines here do, by a fifth), two benchmark runs an hour apart cannot tell
a change of a tenth from the drift.  This runs the same command for the two
revisions in turn (A B B A A B …), each from its own `git worktree` with
this venv's Python, out/ removed before every run, and reports the median
wall time, CPU time and peak memory (sum of resident sets) of each.  The
command is `docgen handbook -j 2` of the seed (`--corpus DIR`: of the
frameworks in DIR) unless ARGS say otherwise, e.g. `-- cards -j 2`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import measure

REPO = Path(__file__).resolve().parents[1]


def worktree(revision: str, folder: Path) -> Path:
    """`revision` checked out in `folder`; its source folder."""
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--force", str(folder),
                    revision], check=True, capture_output=True)
    return folder / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", default="HEAD")
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--corpus", type=Path, help="frameworks to use instead of framework/")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    options = parser.parse_args(argv[:cut])
    command = argv[cut + 1:] or ["handbook", "-j", "2"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = work / "project"
        shutil.copytree(options.corpus or REPO / "framework", project / "framework")
        (project / "docgen.toml").write_text('frameworks = "framework"\n', encoding="utf-8")
        sources = {name: worktree(revision, work / name)
                   for name, revision in (("base", options.base), ("head", options.head))}
        results: dict[str, list] = {name: [] for name in sources}
        try:
            for run in range(options.runs):
                order = list(sources) if run % 2 == 0 else list(reversed(sources))
                for name in order:
                    env = {**os.environ, "PYTHONPATH": str(sources[name])}
                    line = " ".join([sys.executable, "-m", "docgen", "-q", "--root", str(project),
                                     *command])
                    results[name].append(measure(name, ["sh", "-c", f"rm -rf '{project / 'out'}'"
                                                        f" && {line}"], 1, env=env))
        finally:
            for name in sources:
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force",
                                str(work / name)], check=False, capture_output=True)
    print(f"docgen {' '.join(command)}, {options.runs} alternated runs each")
    print("| revision | wall median | CPU median | peak RSS (sum) | runs |")
    print("| --- | --- | --- | --- | --- |")
    for name, revision in (("base", options.base), ("head", options.head)):
        runs = results[name]
        walls = [r.runs[0] for r in runs]
        print(f"| {revision} | {statistics.median(walls):.2f} s | "
              f"{statistics.median(r.cpu for r in runs):.2f} s | "
              f"{max(r.peak_rss_mib for r in runs):.0f} MiB | "
              f"{' '.join(f'{w:.2f}' for w in walls)} |")


if __name__ == "__main__":
    main()

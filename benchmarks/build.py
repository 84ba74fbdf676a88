"""Benchmark: `docgen build` of the seed, and of the corpus with generated assessments.

    .venv/bin/python benchmarks/build.py [--corpus ../shared/corpus/monzo] [--assessments 50] [--runs 3]

For each project: clean build (wall, CPU, peak memory), no-op rebuild,
rebuild after changing one framework, and a clean build with -j1 against -j2.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from generate import generate
from measure import measure, report

REPO = Path(__file__).resolve().parents[1]


def project(work: Path, label: str, frameworks: Path, assessments: int, framework_id: str,
            level: int) -> Path:
    root = work / label
    shutil.copytree(frameworks, root / "framework",
                    ignore=shutil.ignore_patterns("LICENSE", "README*"))
    if assessments:
        generate(root / "assessments", assessments, root, framework_id, level)
    return root


def docgen(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "docgen", "-q", "--root", str(root), "build", *args]


def bench(root: Path, label: str, runs: int, touch: Path) -> list[dict]:
    rows = []
    for jobs in ("2", "1"):
        command = f"rm -rf '{root}/out' && " + " ".join(f"'{a}'" for a in docgen(root, "-j", jobs))
        clean = measure(f"{label} clean -j{jobs}", ["sh", "-c", command], runs)
        rows.append({"project": label, "build": f"clean -j{jobs}", "wall_s": clean.median,
                     "cpu_s": clean.cpu, "peak_mib": clean.peak_rss_mib})
    noop = measure(f"{label} no-op", docgen(root, "-j", "2"), runs)
    rows.append({"project": label, "build": "no-op", "wall_s": noop.median, "cpu_s": noop.cpu,
                 "peak_mib": noop.peak_rss_mib})
    edits = iter(range(runs + 1))

    def edit() -> None:
        touch.write_text(touch.read_text(encoding="utf-8") + f"\n<!-- edit {next(edits)} -->\n",
                         encoding="utf-8")

    edited = measure(f"{label} one framework", docgen(root, "-j", "2"), runs, before_each=edit)
    rows.append({"project": label, "build": f"one framework changed ({touch.name})",
                 "wall_s": edited.median, "cpu_s": edited.cpu, "peak_mib": edited.peak_rss_mib})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "monzo")
    parser.add_argument("--assessments", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seed = project(work, "seed", REPO / "framework", 0, "", 0)
        rows += bench(seed, "seed", args.runs, seed / "framework" / "engineering" / "backend.md")
        if args.corpus.is_dir():
            corpus = project(work, "corpus", args.corpus, args.assessments, "engineering/web", 3)
            rows += bench(corpus, f"corpus + {args.assessments} assessments", args.runs,
                          corpus / "framework" / "design" / "visual-design.md")
    report("build", ["project", "build", "wall", "CPU", "peak memory"],
           [[r["project"], r["build"], f"{r['wall_s']:.2f} s", f"{r['cpu_s']:.2f} s",
             f"{r['peak_mib']:.0f} MiB"] for r in rows], rows)
    speedups = {r["project"]: r["wall_s"] for r in rows if r["build"] == "clean -j1"}
    for r in rows:
        if r["build"] == "clean -j2":
            print(f"{r['project']}: -j1 / -j2 = {speedups[r['project']] / r['wall_s']:.2f}×")


if __name__ == "__main__":
    main()

"""Benchmark: inputs far past real ones, and inputs at docgen's default limits.

    .venv/bin/python benchmarks/sizes.py [--runs 1] [--only 2000-criteria,5-mb,...] [--handbook]

Past real ones (with `[limits]` raised, as their user would): a 5 MB
framework, 2,000 criteria, 500 frameworks.  At the default limits: a file of
just under `file_bytes`, a level of `criteria_per_level` criteria, criteria of
`text_characters` characters, and a packet whose one piece of evidence has
8,000 characters.  For each generated project: `docgen check`, then a clean
`docgen build -j2` (every output it configures), each with its median wall
time, CPU time and the peak memory of the whole process tree.  With
`--handbook`, also a clean `docgen handbook -j2` alone.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from generate import synthetic_framework
from measure import measure, report

SEED = Path(__file__).resolve().parents[1] / "framework" / "engineering" / "backend.md"
ADA = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "assessments" / "ada.yaml"
RAISED = "[limits]\nfile_bytes = 10000000\ncriteria_per_level = 100000\nseconds_per_document = 3600\n"
EVIDENCE = ("Led the migration of the ledger service with careful rollout plans. " * 120)[:8000]

# name → (files by path below the project, docgen.toml)
PROJECTS = {
    "2000-criteria": lambda: ({"framework/wide.md": synthetic_framework(5, 4, 100)}, RAISED),
    "5-mb": lambda: ({"framework/big.md": synthetic_framework(6, 8, 1000)}, RAISED),
    "500-frameworks": lambda: ({f"framework/team-{i:03d}.md": synthetic_framework(
        2, 2, 2, words=4, title=f"Team {i}") for i in range(500)}, RAISED),
    "limit-file-bytes": lambda: ({"framework/big.md": synthetic_framework(6, 4, 250, words=40)},
                                 ""),
    "limit-criteria-per-level": lambda: ({"framework/one.md": synthetic_framework(1, 4, 250)}, ""),
    "limit-text-characters": lambda: ({"framework/long.md": synthetic_framework(
        2, 2, 25, words=620)}, ""),
    "evidence-8k": lambda: ({"framework/engineering/backend.md": SEED.read_text(encoding="utf-8"),
                             "assessments/ada.yaml": ADA.read_text(encoding="utf-8").replace(
                                 "Reviews cited in the Q3 review", EVIDENCE)},
                            'outputs = ["packets"]\n'),
}


def write_project(root: Path, files: dict[str, str], config: str) -> tuple[int, int]:
    """The project's files and docgen.toml; returns (bytes, criteria)."""
    root.mkdir(parents=True)
    (root / "docgen.toml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    total = sum(len(text.encode("utf-8")) for text in files.values())
    criteria = sum(text.count("\n- ") for text in files.values())
    return total, criteria


def docgen(root: Path, *args: str) -> str:
    return " ".join(f"'{a}'" for a in [sys.executable, "-m", "docgen", "-q", "--root", str(root),
                                       *args])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--only", default=",".join(PROJECTS))
    parser.add_argument("--handbook", action="store_true",
                        help="also time a clean `docgen handbook -j2` alone")
    args = parser.parse_args()
    unknown = [label for label in args.only.split(",") if label not in PROJECTS]
    if unknown:
        parser.error(f"unknown input {', '.join(unknown)} (known: {', '.join(PROJECTS)})")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label in args.only.split(","):
            root = Path(tmp) / label
            size, criteria = write_project(root, *PROJECTS[label]())
            steps = [("check", docgen(root, "check")),
                     ("clean build -j2", f"rm -rf '{root}/out' && " + docgen(root, "build", "-j", "2"))]
            if args.handbook:
                steps.append(("clean handbook -j2", f"rm -rf '{root}/out' && "
                              + docgen(root, "handbook", "-j", "2")))
            for step, command in steps:
                result = measure(f"{label} {step}", ["sh", "-c", command], args.runs)
                rows.append({"input": label, "bytes": size, "criteria": criteria, "step": step,
                             "wall_s": result.median, "cpu_s": result.cpu,
                             "peak_mib": result.peak_rss_mib, "peak_pss_mib": result.peak_pss_mib})
                print(f"{label} {step}: {result.median:.1f} s, {result.peak_rss_mib:.0f} MiB "
                      f"RSS, {result.peak_pss_mib:.0f} MiB PSS", file=sys.stderr)
    report("sizes", ["input", "size", "criteria", "step", "wall", "CPU", "peak RSS (sum)",
                     "peak PSS (sum)"],
           [[r["input"], f"{r['bytes'] / 1e6:.2f} MB", str(r["criteria"]), r["step"],
             f"{r['wall_s']:.1f} s", f"{r['cpu_s']:.1f} s", f"{r['peak_mib']:.0f} MiB",
             f"{r['peak_pss_mib']:.0f} MiB"] for r in rows], rows)


if __name__ == "__main__":
    main()

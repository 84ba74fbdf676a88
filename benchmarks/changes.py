"""Benchmark: `docgen changes` between two revisions of a corpus of frameworks.

    .venv/bin/python benchmarks/changes.py [--corpus ../shared/corpus/monzo] [--runs 3]

Commits the corpus to a scratch git repository, then a second revision in
which every framework is edited the way people edit them (one criterion in
five reworded by a word, one in twenty removed), and reports the median wall
time and peak memory of `docgen changes` between the two, in each output
format, and how many changes it found.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import measure, report

REPO = Path(__file__).resolve().parents[1]
DOCGEN = [sys.executable, "-m", "docgen"]


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args],
                   cwd=root, check=True, capture_output=True)


def edited(text: str, criteria: list[str]) -> str:
    """The framework text with criteria reworded (one in five) and removed (one in twenty).

    Works on the text of each criterion as docgen loaded it, so both formats
    (Markdown body and YAML topics) are edited the same way.
    """
    lines = text.split("\n")
    for count, criterion in enumerate(criteria, start=1):
        index = next((i for i, line in enumerate(lines) if criterion in line), None)
        if index is None:
            continue
        if count % 20 == 7:
            del lines[index]
        elif count % 5 == 2:
            words = criterion.split()
            words.insert(min(2, len(words)), "consistently")
            lines[index] = lines[index].replace(criterion, " ".join(words), 1)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "monzo")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        framework = root / "framework"
        framework.mkdir(parents=True)
        for source in sorted(args.corpus.resolve().glob("**/*.md")):
            target = framework / source.relative_to(args.corpus.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "corpus")
        git(root, "tag", "before")
        from docgen import api

        catalog = api.load_catalog(api.open_project(root))
        for fw in catalog.frameworks:
            path = framework / f"{fw.id}.md"
            own = [c.text for _, _, c in fw.criteria() if not c.inherited]
            original = path.read_text(encoding="utf-8")
            path.write_text(edited(original, own), encoding="utf-8")
            if api.load_catalog(api.open_project(root)).errors:  # an edit the format refused
                path.write_text(original, encoding="utf-8")
        git(root, "commit", "-q", "-a", "-m", "edited")
        results = []
        for fmt, suffix in (("json", "json"), ("markdown", "md"), ("pdf", "pdf")):
            out = Path(tmp) / f"changes.{suffix}"
            result = measure(fmt, DOCGEN + ["-q", "changes", "--since", "before", "--until", "HEAD",
                                            "--format", fmt, "-o", str(out)], args.runs, cwd=root)
            results.append({"format": fmt, "median_s": result.median, "runs": result.runs,
                            "peak_mib": result.peak_rss_mib})
            if fmt == "json":
                data = json.loads(out.read_text(encoding="utf-8"))
                kinds: dict[str, int] = {}
                for fw in data["frameworks"]:
                    for item in fw["criteria"]:
                        kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
                found = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
                frameworks = len(data["frameworks"])
    report("changes", ["format", "frameworks changed", "changes found", "median",
                       "peak memory"],
           [[r["format"], str(frameworks), found, f"{r['median_s']:.2f} s",
             f"{r['peak_mib']:.0f} MiB"] for r in results], results)


if __name__ == "__main__":
    main()

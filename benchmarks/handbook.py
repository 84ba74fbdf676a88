"""Benchmark: the handbook of the seed and of a corpus of frameworks, against Chromium.

    .venv/bin/python benchmarks/handbook.py [--corpus ../shared/corpus/monzo] [--runs 3]

Rows, each the median of `--runs` runs with the peak memory of all processes:
- seed, clean: `docgen handbook` with no chapter cached (out/ removed first);
- corpus, clean, `-j 1` and `-j 2`: the same, chapters laid out in one or two processes;
- corpus, one framework edited: the cache warm, a criterion of one framework changed before
  each run (so one chapter and the contents are laid out again).
Where `chromium` is installed, each row is set against `chromium --headless --print-to-pdf`
of docgen's own HTML handbook of the same frameworks, from a clean profile, and the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import measure, report

REPO = Path(__file__).resolve().parents[1]
DOCGEN = [sys.executable, "-m", "docgen"]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-pdf-header-footer"]
EDITED = "engineering/web.md"  # the corpus framework the warm row edits
# adds "x " to the first criterion: a new text on every run, so the chapter is never cached
EDIT = r"sed -i '0,/^\( *- \"\)/s//\1x /' "


def pages(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(pdf).pages)


def project(label: str, frameworks: Path, work: Path) -> Path:
    """A copy of `frameworks` with its own out/ folder, and its docgen.toml."""
    root = work / label
    shutil.copytree(frameworks, root / "framework")
    (root / "docgen.toml").write_text(f'frameworks = "framework"\nout = "{work / (label + "-out")}"\n',
                                      encoding="utf-8")
    return root


def handbook(root: Path, *options: str) -> list[str]:
    return DOCGEN + ["-q", "--root", str(root), "handbook", *options]


def clean(root: Path, *options: str) -> list[str]:
    """`docgen handbook` after removing out/ (and with it the chapter cache)."""
    out = root.parent / (root.name + "-out")
    command = " ".join(f"'{part}'" for part in handbook(root, *options))
    return ["sh", "-c", f"rm -rf '{out}' && {command}"]


def chromium(root: Path, runs: int, work: Path) -> dict:
    """Chromium's time on docgen's HTML handbook of `root`."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        return {}
    html, out = work / f"{root.name}.html", work / f"{root.name}-chromium.pdf"
    subprocess.run(handbook(root, "--format", "html", "-o", str(html)), check=True)
    profile = tempfile.mkdtemp(prefix="chromium-", dir=work)
    result = measure(f"{root.name}: chromium", [browser, *CHROMIUM_FLAGS,
                                                f"--user-data-dir={profile}",
                                                f"--print-to-pdf={out}", html.as_uri()], runs)
    return {"chromium_s": result.median, "chromium_pages": pages(out)}


def row(label: str, command: list[str], pdf: Path, runs: int, browser: dict) -> dict:
    result = measure(label, command, runs)
    found = {"label": label, "docgen_s": result.median, "docgen_runs": result.runs,
             "cpu_s": result.cpu, "peak_mib": result.peak_rss_mib,
             "peak_pss_mib": result.peak_pss_mib, "pages": pages(pdf)}
    if browser:
        found.update(browser, ratio=result.median / browser["chromium_s"])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "monzo")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seed = project("seed", REPO / "framework", work)
        pdf = work / "seed.pdf"
        results.append(row("seed, clean, -j 2", clean(seed, "-j", "2", "-o", str(pdf)), pdf,
                           args.runs, chromium(seed, args.runs, work)))
        if args.corpus.is_dir():
            corpus = project("corpus", args.corpus, work)
            browser = chromium(corpus, args.runs, work)
            pdf = work / "corpus.pdf"
            for jobs in ("1", "2"):
                results.append(row(f"corpus, clean, -j {jobs}",
                                   clean(corpus, "-j", jobs, "-o", str(pdf)), pdf, args.runs,
                                   browser))
            command = " ".join(f"'{p}'" for p in handbook(corpus, "-j", "2", "-o", str(pdf)))
            edit = ["sh", "-c", f"{EDIT}'{corpus / 'framework' / EDITED}' && {command}"]
            results.append(row("corpus, one framework edited, -j 2", edit, pdf, args.runs,
                               browser))
        else:
            print(f"(no corpus at {args.corpus}; seed only)", file=sys.stderr)
    report("handbook", ["run", "pages", "docgen median", "CPU", "peak RSS (sum)", "peak PSS (sum)",
                        "chromium median (clean)", "ratio"],
           [[r["label"], str(r["pages"]), f"{r['docgen_s']:.2f} s", f"{r['cpu_s']:.1f} s",
             f"{r['peak_mib']:.0f} MiB", f"{r['peak_pss_mib']:.0f} MiB",
             f"{r['chromium_s']:.2f} s ({r['chromium_pages']} pages)" if "chromium_s" in r
             else "n/a",
             f"{r['ratio']:.2f}×" if "ratio" in r else "n/a"] for r in results], results)


if __name__ == "__main__":
    main()

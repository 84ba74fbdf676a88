"""Benchmark: the handbook of the seed and of a corpus of frameworks, against Chromium.

    .venv/bin/python benchmarks/handbook.py [--corpus ../shared/corpus/monzo] [--runs 3]

Reports, for the seed (framework/) and the corpus: median wall time of
`docgen handbook`, peak memory, pages and pages per second; and, where
`chromium` is installed, the median time of `chromium --headless
--print-to-pdf` on the same content (docgen's HTML handbook) and the ratio.
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


def pages(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(pdf).pages)


def bench(label: str, root: Path, frameworks: str, runs: int, work: Path) -> dict:
    config = work / f"{label}.toml"
    config.write_text(f'frameworks = "{frameworks}"\n', encoding="utf-8")
    base = DOCGEN + ["-q", "--root", str(root), "--config", str(config), "handbook"]
    pdf, html = work / f"{label}.pdf", work / f"{label}.html"
    docgen = measure(f"{label}: docgen", base + ["-o", str(pdf)], runs)
    subprocess.run(base + ["--format", "html", "-o", str(html)], check=True)
    result = {"label": label, "docgen_s": docgen.median, "docgen_runs": docgen.runs,
              "peak_mib": docgen.peak_rss_mib, "pages": pages(pdf)}
    result["pages_per_s"] = result["pages"] / docgen.median
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        profile = tempfile.mkdtemp(prefix="chromium-", dir=work)
        out = work / f"{label}-chromium.pdf"
        chrome = measure(f"{label}: chromium", [chromium, *CHROMIUM_FLAGS,
                                                 f"--user-data-dir={profile}",
                                                 f"--print-to-pdf={out}", html.as_uri()], runs)
        result.update(chromium_s=chrome.median, chromium_peak_mib=chrome.peak_rss_mib,
                      chromium_pages=pages(out), ratio=docgen.median / chrome.median)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "monzo")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = [bench("seed", REPO, "framework", args.runs, work)]
        if args.corpus.is_dir():
            results.append(bench("corpus", args.corpus.resolve(), ".", args.runs, work))
        else:
            print(f"(no corpus at {args.corpus}; seed only)", file=sys.stderr)
    report("handbook", ["input", "pages", "docgen median", "pages/s", "peak memory",
                        "chromium median", "ratio"],
           [[r["label"], str(r["pages"]), f"{r['docgen_s']:.2f} s", f"{r['pages_per_s']:.1f}",
             f"{r['peak_mib']:.0f} MiB",
             f"{r['chromium_s']:.2f} s ({r['chromium_pages']} pages)" if "chromium_s" in r else "n/a",
             f"{r['ratio']:.2f}×" if "ratio" in r else "n/a"] for r in results], results)


if __name__ == "__main__":
    main()

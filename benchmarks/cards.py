"""Benchmark: level cards of the seed and of a corpus of frameworks.

    .venv/bin/python benchmarks/cards.py [--corpus ../shared/corpus/monzo] [--runs 3] [--card A6]

Reports median wall time of `docgen cards` over all frameworks, cards made
(physical cards, continuations included), cards per second, and peak memory.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pypdf
from measure import measure, report

from docgen.documents.cards.imposition import plan

REPO = Path(__file__).resolve().parents[1]
DOCGEN = [sys.executable, "-m", "docgen"]


def count_cards(folder: Path, card: str) -> tuple[int, int]:
    """(sheets, cards): cards counted from the front sheets' card slots in use."""
    import pdfplumber

    layout = plan(card, "A4")
    sheets = cards = 0
    for pdf_path in folder.rglob("*.pdf"):
        pages = pypdf.PdfReader(pdf_path).pages
        sheets += len(pages)
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages[::2]:  # fronts
                height = page.height
                for slot in layout.fronts():
                    box = (slot.trim.x, height - slot.trim.top, slot.trim.right, height - slot.trim.y)
                    if page.crop(box).chars:
                        cards += 1
    return sheets, cards


def bench(label: str, root: Path, frameworks: str, runs: int, card: str, work: Path) -> dict:
    config = work / f"{label}.toml"
    config.write_text(f'frameworks = "{frameworks}"\n', encoding="utf-8")
    out = work / f"{label}-cards"
    result = measure(label, DOCGEN + ["-q", "--root", str(root), "--config", str(config), "cards",
                                      "--card", card, "-o", str(out)], runs)
    sheets, cards = count_cards(out, card)
    return {"label": label, "median_s": result.median, "runs": result.runs,
            "peak_mib": result.peak_rss_mib, "sheets": sheets, "cards": cards,
            "cards_per_s": cards / result.median}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "monzo")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--card", default="A6")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = [bench("seed", REPO, "framework", args.runs, args.card, work)]
        if args.corpus.is_dir():
            results.append(bench("corpus", args.corpus.resolve(), ".", args.runs, args.card, work))
    report("cards", [f"input ({args.card})", "cards", "sheets", "median", "cards/s", "peak memory"],
           [[r["label"], str(r["cards"]), str(r["sheets"]), f"{r['median_s']:.2f} s",
             f"{r['cards_per_s']:.2f}", f"{r['peak_mib']:.0f} MiB"] for r in results], results)


if __name__ == "__main__":
    main()

"""Benchmark: promotion packets for 1 and for 200 generated assessments, against pandoc.

    .venv/bin/python benchmarks/packets.py [--count 200] [--runs 3] [--jobs 2]

Generates assessments for the seed framework (deterministic ratings and
evidence), then times `docgen packet` for DOCX only, PDF only and both, and
reports packets per second and peak memory.  Where pandoc is installed, it
times `pandoc -o x.docx` on a Markdown file with the same content as one
packet, and reports docgen's DOCX time per packet against it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from generate import generate
from measure import measure, report

from docgen import api

REPO = Path(__file__).resolve().parents[1]
DOCGEN = [sys.executable, "-m", "docgen", "-q", "--root", str(REPO)]


def markdown_twin(assessment: Path, target: Path) -> None:
    """A Markdown file with one packet's content, for pandoc."""
    project = api.open_project(REPO)
    catalog = api.load_catalog(project, [project.framework_dir, assessment])
    from docgen.documents import packet as packets
    from docgen.documents.packet import packet_context

    settings = packets.settings(project)

    packet = packet_context(catalog.frameworks[0], catalog.assessments[0], settings)
    lines = [f"# {packet.title}", "", f"**Candidate:** {packet.candidate.name}", "",
             "## Summary", "", "| Category | Criteria | Met (self) | Met (manager) |", "|---|---|---|---|"]
    lines += [f"| {s.title} | {s.total} | {s.met_self} | {s.met_manager} |" for s in packet.sections]
    for section in packet.sections:
        lines += ["", f"## {section.title}", "", "| Criterion | Self | Manager | Evidence | Comments |",
                  "|---|---|---|---|---|"]
        lines += [f"| {r.text} | {r.self_rating} | {r.manager_rating} | "
                  f"{'; '.join(f'[{e.text}]({e.url})' if e.url else e.text for e in r.evidence)}"
                  f" | {r.comments} |" for r in section.rows]
    lines += ["", "## Gaps", ""] + [f"- **{c}:** {t}" for c, t in packet.gaps]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0, help="docgen -j (0: one per core)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        many = work / "many"
        many.mkdir()
        files = generate(many, args.count, REPO)
        for label, inputs, count in (("1", [str(files[0])], 1), (str(args.count), [str(many)], args.count)):
            for fmt in ("docx", "pdf", "docx,pdf"):
                m = measure(f"{label} {fmt}", DOCGEN + ["packet", *inputs, "--format", fmt,
                                                       "-j", str(args.jobs), "-o", str(work / "out")],
                            args.runs)
                rows.append({"packets": count, "format": fmt, "median_s": m.median, "runs": m.runs,
                             "per_s": count / m.median, "peak_mib": m.peak_rss_mib})
        pandoc = shutil.which("pandoc")
        if pandoc:
            md = work / "packet.md"
            markdown_twin(files[0], md)
            m = measure("pandoc", [pandoc, str(md), "-o", str(work / "pandoc.docx")], args.runs)
            rows.append({"packets": 1, "format": "pandoc docx", "median_s": m.median, "runs": m.runs,
                         "per_s": 1 / m.median, "peak_mib": m.peak_rss_mib})
    report("packets", ["packets", "format", "median", "packets/s", "peak memory"],
           [[str(r["packets"]), r["format"], f"{r['median_s']:.2f} s", f"{r['per_s']:.2f}",
             f"{r['peak_mib']:.0f} MiB"] for r in rows], rows)
    by = {(r["packets"], r["format"]): r for r in rows}
    if (1, "pandoc docx") in by:
        many_docx = by[(args.count, "docx")]["median_s"] / args.count
        print(f"\nDOCX per packet in a batch of {args.count}: {many_docx:.3f} s; pandoc on one "
              f"file: {by[(1, 'pandoc docx')]['median_s']:.3f} s; ratio "
              f"{many_docx / by[(1, 'pandoc docx')]['median_s']:.2f}× "
              f"(single docgen call: {by[(1, 'docx')]['median_s'] / by[(1, 'pandoc docx')]['median_s']:.2f}×)")


if __name__ == "__main__":
    main()

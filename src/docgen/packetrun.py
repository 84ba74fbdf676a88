"""Making many packets: one process per core, memory flat in the number of packets.

Each worker renders one packet at a time and writes it (atomically) before
taking the next, so only a handful of documents are ever in memory.  The
caller gets one `PacketResult` per assessment, in order, as each finishes.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from docgen.model import Assessment, Framework
from docgen.output import write_atomic
from docgen.packets import PacketSettings, packet_context, render_packet


@dataclass(frozen=True)
class PacketJob:
    """One packet to make: its framework, assessment and output folder."""

    framework: Framework
    assessment: Assessment
    folder: Path


@dataclass(frozen=True)
class PacketResult:
    """What one packet produced."""

    source: str
    paths: tuple[Path, ...]
    warnings: tuple[str, ...]


def make_packets(jobs: Sequence[PacketJob], settings: PacketSettings, formats: Sequence[str],
                 workers: int = 0) -> Iterator[PacketResult]:
    """Make every packet, in `workers` processes (0: one per core; 1: in this process)."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) == 1:
        for job in jobs:
            yield _make(job, settings, tuple(formats))
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        yield from pool.map(_make, jobs, [settings] * len(jobs), [tuple(formats)] * len(jobs),
                            chunksize=1)


def _make(job: PacketJob, settings: PacketSettings, formats: tuple[str, ...]) -> PacketResult:
    packet = packet_context(job.framework, job.assessment, settings)
    rendered = render_packet(packet, settings, formats)
    paths = tuple(write_atomic(job.folder / f"promotion-case.{fmt}", document.data)
                  for fmt, document in rendered.items())
    warnings = tuple(w for document in rendered.values() for w in document.warnings)
    return PacketResult(job.assessment.source, paths, warnings)

"""Making many packets: one process per core, memory flat in the number of packets.

Each worker renders one packet at a time and writes it (atomically) before
taking the next, so only a handful of documents are ever in memory.  The
caller gets one `PacketResult` per assessment, in order, as each finishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Iterator, Sequence

from docgen.errors import failures_named
from docgen.model import Assessment, Framework
from docgen.output import write_atomic
from docgen.documents.packet import PacketSettings, packet_context, render_packet
from docgen.build.run import run


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
    make = partial(_make, settings=settings, formats=tuple(formats))
    for _, result in run(jobs, make, workers, name=lambda job: job.assessment.source):
        yield result


def _make(job: PacketJob, settings: PacketSettings, formats: tuple[str, ...]) -> PacketResult:
    with failures_named(job.assessment.source):
        packet = packet_context(job.framework, job.assessment, settings)
        rendered = render_packet(packet, settings, formats)
    paths = tuple(write_atomic(job.folder / f"promotion-case.{fmt}", document.data)
                  for fmt, document in rendered.items())
    warnings = tuple(w for document in rendered.values() for w in document.warnings)
    return PacketResult(job.assessment.source, paths, warnings)

"""Making one artifact of a build, in whichever process runs it.

`BuildContext` carries everything a worker needs (frameworks, settings,
the output folder) and pickles, so `make_artifact` runs the same in the
parent or in a worker process.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from docgen.build import Artifact, BuildError, Record, write_record
from docgen.cards import CardSettings, make_cards
from docgen.errors import failures_named
from docgen.handbook import HandbookSettings, make_handbook
from docgen.model import Framework
from docgen.output import write_atomic
from docgen.packets import PacketSettings, packet_context, render_packet


@dataclass(frozen=True)
class BuildContext:
    """What every artifact of one build is made from, besides the artifact itself."""

    frameworks: tuple[Framework, ...]
    handbook: HandbookSettings
    cards: CardSettings
    packets: PacketSettings
    out_dir: Path

    def framework(self, framework_id: str) -> Framework:
        """The framework with this id."""
        return next(f for f in self.frameworks if f.id == framework_id)


@dataclass(frozen=True)
class Made:
    """What making one artifact produced."""

    record: Record
    warnings: tuple[str, ...]


def make_artifact(context: BuildContext, artifact: Artifact) -> Made:
    """Render `artifact`, write it and its record atomically; BuildError names it on failure."""
    with failures_named(artifact.path, BuildError):
        rendered = _render(context, artifact)
    write_atomic(context.out_dir / artifact.path, rendered.data)
    return Made(write_record(context.out_dir, artifact, rendered.data), rendered.warnings)


def _render(context: BuildContext, artifact: Artifact):
    context = _dated(context, artifact.epoch)
    kind = artifact.kind
    if kind in ("handbook-pdf", "handbook-html"):
        return make_handbook(context.frameworks, context.handbook, kind.split("-")[1])
    framework = context.framework(artifact.framework_id)
    if kind == "cards":
        return make_cards(framework, context.cards)
    if kind == "case-template":
        packet = packet_context(framework, None, context.packets, artifact.level)
        return render_packet(packet, context.packets, ("docx",))["docx"]
    fmt = kind.split("-")[1]
    packet = packet_context(framework, artifact.assessment, context.packets)
    return render_packet(packet, context.packets, (fmt,))[fmt]


def _dated(context: BuildContext, epoch: int) -> BuildContext:
    """The context with every date set to `epoch`."""
    when = datetime.fromtimestamp(epoch, tz=timezone.utc)
    return replace(context, handbook=replace(context.handbook, date=when),
                   cards=replace(context.cards, date=when),
                   packets=replace(context.packets, date=when))


def kinds_of(outputs: Sequence[str]) -> dict[str, bool]:
    """The plan's switches for the configured `outputs`."""
    return {"handbook": "handbook" in outputs, "cards": "cards" in outputs,
            "case_templates": "case-templates" in outputs, "packets": "packets" in outputs}

"""Blank Word promotion cases: one per framework and level, with fields to fill in.

The packet's Word document with no assessment: the criteria of the level,
and content controls where a person writes (see `documents/packet`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Optional, Sequence

from docgen.documents import DocumentKind, Job, Rendered, packet
from docgen.documents.packet import PacketSettings, packet_context, render_packet
from docgen.errors import UnknownLevelError
from docgen.output import case_template_file


@dataclass(frozen=True)
class CaseTemplateSettings(PacketSettings):
    """The packet's settings (Word only), and the one level to make, when one is chosen."""

    level: Optional[int] = None


def settings(project, *, level: Optional[int] = None, docx_template: Optional[Path] = None,
             templates: Sequence[Path] = ()) -> PacketSettings:
    """The packet settings, making Word only; `level` alone when given (else every level)."""
    base = packet.settings(project, formats=("docx",), docx_template=docx_template,
                           templates=templates)
    return CaseTemplateSettings(**{f.name: getattr(base, f.name) for f in fields(base)},
                                level=level)


def plan(catalog, settings: CaseTemplateSettings) -> list[Job]:
    """One job per framework and level with criteria (only the chosen level, when one is)."""
    level = settings.level
    jobs = []
    for fw in catalog.frameworks:
        if level is not None and fw.level(level) is None:
            numbers = ", ".join(str(lv.number) for lv in fw.levels) or "none"
            raise UnknownLevelError(f"{fw.id} has no Level {level} (levels: {numbers})")
        for lv in fw.levels:
            if (level is None and any(True for _ in lv.criteria())) or lv.number == level:
                jobs.append(Job(KIND.name, (case_template_file(fw.id, lv.number),),
                                catalog.sources_of(fw), (fw,), options=(("level", lv.number),)))
    return jobs


def skipped(catalog, settings: CaseTemplateSettings) -> list[str]:
    """A note for each framework with no criteria (a prose page): it has no case templates."""
    return [f"{fw.id} has no criteria, so it has no case templates" for fw in catalog.frameworks
            if not any(True for _ in fw.criteria())]


def render(job: Job, settings: PacketSettings) -> tuple[Rendered, ...]:
    """The blank case of the job's framework and level, as a .docx."""
    context = packet_context(job.frameworks[0], None, settings, job.option("level"))
    return render_packet(context, settings, job.outputs)


KIND = DocumentKind("case-templates", "case-templates", settings, plan, render, skipped)

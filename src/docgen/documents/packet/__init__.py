"""Promotion packets: one assessment as a Word document and a PDF.

One job per assessment, making `packets/<candidate>/promotion-case.docx`
and `.pdf` from one `PacketContext` (`context.py`), so the two formats
always say the same thing.  Word is built in code (`docx.py`) or from the
user's branded template (`docx_template.py`); the PDF from
`templates/packet/`.  The blank case template (`documents/case_template`)
is the same document with nothing filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from docgen.changes.revisions import last_commit
from docgen.config import PACKET_FORMATS
from docgen.documents import DocumentKind, DocumentSettings, Job, Rendered
from docgen.documents.packet.context import PacketContext, build_packet_context
from docgen.documents.packet.docx import render_packet_docx
from docgen.documents.packet.docx_template import render_docx_template
from docgen.engines.docx import normalise_zip
from docgen.engines.pdf import html_to_pdf, refused_warnings
from docgen.errors import ConfigError, UsageError
from docgen.model import Assessment, Framework
from docgen.output import packet_file, packet_folders

TEMPLATE = "packet/packet.html"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class PacketSettings(DocumentSettings):
    """Packets' settings: the shared ones, the rating scale, formats, a Word template."""

    scale: tuple[str, ...] = ()
    met: tuple[str, ...] = ()
    formats: tuple[str, ...] = PACKET_FORMATS
    docx_template: Optional[Path] = None


def settings(project, *, formats: Sequence[str] = (), docx_template: Optional[Path] = None,
             templates: Sequence[Path] = ()) -> PacketSettings:
    """The packet settings of `project`; `formats` and `docx_template` from a command."""
    config = project.config
    unknown = [f for f in formats if f not in PACKET_FORMATS]
    if unknown:
        raise UsageError(f"--format: '{unknown[0]}' is not one of {', '.join(PACKET_FORMATS)}")
    chosen = docx_template or (project.root / config.docx_template if config.docx_template
                               else None)
    if chosen is not None and not Path(chosen).is_file():
        raise ConfigError(f"{chosen}: no such Word template")
    return PacketSettings(**DocumentSettings.common(project, templates),
                          scale=config.rating_scale, met=config.rating_met,
                          formats=tuple(formats) or PACKET_FORMATS,
                          docx_template=Path(chosen) if chosen else None)


def plan(catalog, settings: PacketSettings) -> list[Job]:
    """One job per assessment of `catalog`, in the candidate's folder under `packets/`."""
    jobs = []
    folders = packet_folders([(a.source, a.candidate.name) for a in catalog.assessments])
    revisions: dict[str, tuple] = {}
    for assessment in catalog.assessments:
        framework = catalog.framework(assessment.framework_id)
        if framework.id not in revisions:  # the commit it is assessed against, when in git
            found = last_commit(Path(framework.source))
            revisions[framework.id] = (found.commit, found.date) if found else ()
        folder = folders[assessment.source]
        jobs.append(Job(KIND.name, tuple(packet_file(folder, fmt) for fmt in settings.formats),
                        catalog.sources_of(framework) + (assessment.source,), (framework,),
                        assessment,
                        options=(("framework_revision", revisions[framework.id]),)))
    return jobs


def render(job: Job, settings: PacketSettings) -> tuple[Rendered, ...]:
    """The job's packet, once per format."""
    revision = dict(job.options).get("framework_revision") or ()
    packet = packet_context(job.frameworks[0], job.assessment, settings, revision=revision)
    return render_packet(packet, settings, job.outputs)


def packet_context(framework: Framework, assessment: Optional[Assessment],
                   settings: PacketSettings, level: Optional[int] = None,
                   revision: tuple = ()) -> PacketContext:
    """The context of a packet (or, with no assessment, of the case template for `level`);
    `revision`: (commit, ISO date) of the framework it is assessed against, when known."""
    return build_packet_context(
        framework, assessment,
        target_level=assessment.target_level if assessment else level,
        organisation=settings.organisation, date=settings.date, paper=settings.paper,
        lang=settings.lang, scale=settings.scale, met=settings.met, revision=revision)


def render_packet(packet: PacketContext, settings: PacketSettings,
                  paths: Sequence[str]) -> tuple[Rendered, ...]:
    """The packet in the format each of `paths` ends in (.docx, .pdf)."""
    return tuple(_render_docx(packet, settings, path) if path.endswith(".docx")
                 else _render_pdf(packet, settings, path) for path in paths)


def _render_docx(packet: PacketContext, settings: PacketSettings, path: str) -> Rendered:
    if settings.docx_template is not None:
        data = normalise_zip(render_docx_template(settings.docx_template, packet),
                             settings.date.replace(tzinfo=None))
    else:
        data = render_packet_docx(packet)
    return Rendered(path, data, DOCX_MEDIA_TYPE)


def _render_pdf(packet: PacketContext, settings: PacketSettings, path: str) -> Rendered:
    html = settings.search_path.render(TEMPLATE, packet=packet)
    pdf = html_to_pdf(html, settings.search_path, epoch=int(settings.date.timestamp()))
    return Rendered(path, pdf.data, "application/pdf", pages=pdf.pages,
                    warnings=tuple(refused_warnings(pdf.refused)))


def skipped(catalog, settings: PacketSettings) -> list[str]:
    """An assessment file with errors makes no packet: the files, named (their errors are
    reported with the rest)."""
    framework_files = set(catalog.broken.values())
    files = sorted({p.location.path for p in catalog.errors} - framework_files)
    return [f"no packet is made from {', '.join(files)}: "
            f"{'it has' if len(files) == 1 else 'they have'} errors"] if files else []


KIND = DocumentKind("packets", "packets", settings, plan, render, skipped)

"""What `docgen packet` and `docgen case-template` make.

A packet is one assessment as a Word document and a PDF; a case template is
the same document for a level with nothing filled in.  Both are built from
one `PacketContext`, so the two formats always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Optional, Sequence

from docgen.model import Assessment, Framework
from docgen.packetcontext import PacketContext, build_packet_context
from docgen.render import Rendered
from docgen.render.docx import normalise_zip, render_packet_docx
from docgen.render.docx_template import render_docx_template
from docgen.render.pdf import html_to_pdf
from docgen.templating import SearchPath

PACKET_FORMATS = ("docx", "pdf")
PACKET_TEMPLATE = "packet/packet.html"


@dataclass(frozen=True)
class PacketSettings:
    """Everything about packets that does not come from the framework or the assessment."""

    search_path: SearchPath
    organisation: str
    paper: str
    lang: str
    date: datetime
    scale: tuple[str, ...]
    met: tuple[str, ...]
    docx_template: Optional[Path] = None


def packet_context(framework: Framework, assessment: Optional[Assessment],
                   settings: PacketSettings, level: Optional[int] = None) -> PacketContext:
    """The context of a packet (or, with no assessment, of the case template for `level`)."""
    return build_packet_context(
        framework, assessment,
        target_level=assessment.target_level if assessment else level,
        organisation=settings.organisation, date=settings.date, paper=settings.paper,
        lang=settings.lang, scale=settings.scale, met=settings.met)


def render_packet(packet: PacketContext, settings: PacketSettings,
                  formats: Sequence[str] = PACKET_FORMATS) -> dict[str, Rendered]:
    """The packet in each of `formats` ("docx", "pdf")."""
    out: dict[str, Rendered] = {}
    if "docx" in formats:
        if settings.docx_template is not None:
            data = normalise_zip(render_docx_template(settings.docx_template, packet),
                                 settings.date.replace(tzinfo=None))
        else:
            data = render_packet_docx(packet)
        out["docx"] = Rendered(data, "application/vnd.openxmlformats-officedocument."
                                     "wordprocessingml.document")
    if "pdf" in formats:
        html = settings.search_path.render(PACKET_TEMPLATE, packet=packet)
        pdf = html_to_pdf(html, settings.search_path, epoch=int(settings.date.timestamp()))
        out["pdf"] = Rendered(pdf.data, "application/pdf", pages=pdf.pages,
                              warnings=tuple(f"a template asked for {u}, which docgen does not "
                                             "load" for u in pdf.refused))
    return out

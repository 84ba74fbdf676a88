"""A user's own branded .docx with Jinja tags, filled in with docxtpl.

Autoescaping is on, so text from an assessment can never add XML to the
document, and Jinja in the data is printed, never run.  The variables are
the fields of `PacketContext` (see README, "Your own Word template").
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from docgen.errors import DocgenError
from docgen.documents.packet.context import PacketContext


def template_variables(packet: PacketContext) -> dict:
    """The packet as plain values for a .docx template (totals included)."""
    variables = dataclasses.asdict(packet)
    variables.update(total=packet.total, met_self=packet.met_self, met_manager=packet.met_manager)
    for section, data in zip(packet.sections, variables["sections"]):
        data["total"] = section.total
    return variables


def render_docx_template(template: Path, packet: PacketContext) -> bytes:
    """`template` rendered with the packet; DocgenError names a broken template."""
    try:
        document = DocxTemplate(str(template))
        document.render(template_variables(packet), SandboxedEnvironment(), autoescape=True)
    except Exception as exc:  # docxtpl and Jinja raise many kinds; name the template
        raise DocgenError(f"{template}: the Word template cannot be filled in: "
                          f"{type(exc).__name__}: {exc}") from exc
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

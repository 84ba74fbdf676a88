"""A user's own branded .docx with Jinja tags, filled in with docxtpl.

Autoescaping is on, so text from an assessment can never add XML to the
document, and Jinja in the data is printed, never run.  Undefined names are
errors, as in docgen's HTML templates: a misspelt `{{ candidate.nmae }}`
names the template, the variable and the closest known one instead of
printing nothing (and so does a name the sandbox refuses, `__globals__`).  The variables are
the fields of `PacketContext` (see README, "Your own Word template").
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import difflib
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from jinja2.utils import missing as _MISSING

from docgen.errors import DocgenError
from docgen.documents.packet.context import PacketContext


def template_variables(packet: PacketContext) -> dict:
    """The packet as plain values for a .docx template (totals included)."""
    variables = dataclasses.asdict(packet)
    variables.update(total=packet.total, met_self=packet.met_self, met_manager=packet.met_manager)
    for section, data in zip(packet.sections, variables["sections"]):
        data["total"] = section.total
    return variables


class _UnknownVariable(Exception):
    def __init__(self, name: str, owner: Any):
        super().__init__(name)
        self.name, self.owner = name, owner


class _StrictUndefined(StrictUndefined):
    """Fails on any use, keeping what was looked up and in what."""

    def _fail_with_undefined_error(self, *args, **kwargs):
        raise _UnknownVariable(str(self._undefined_name), self._undefined_obj)

    __str__ = __iter__ = __len__ = __bool__ = __eq__ = __ne__ = __hash__ = \
        _fail_with_undefined_error


def render_docx_template(template: Path, packet: PacketContext) -> bytes:
    """`template` rendered with the packet; DocgenError names a broken template or variable."""
    variables = template_variables(packet)
    try:
        document = DocxTemplate(str(template))
        document.render(variables, SandboxedEnvironment(undefined=_StrictUndefined),
                        autoescape=True)
    except _UnknownVariable as exc:
        known = variables if exc.owner is _MISSING else exc.owner
        names = list(known) if isinstance(known, dict) else []
        close = difflib.get_close_matches(exc.name, names, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else \
            f"known here: {', '.join(names) or 'none'} (see README, 'Your own Word template')"
        raise DocgenError(f"{template}: the Word template uses '{exc.name}', which is not "
                          f"defined ({hint})") from None
    except Exception as exc:  # docxtpl and Jinja raise many kinds; name the template
        raise DocgenError(f"{template}: the Word template cannot be filled in: "
                          f"{type(exc).__name__}: {exc}") from exc
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""Word documents: the OOXML pieces python-docx has no API for, and reproducible bytes.

Elements with attributes (`element`), runs (`run`), complex fields such as
PAGE or TOC (`field`), external hyperlinks (`hyperlink`), and `normalise_zip`,
which dates every zip entry so the same document gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def normalise_zip(data: bytes, when: datetime) -> bytes:
    """The same zip with every entry dated `when` (not before 1980), so bytes repeat."""
    stamp = max(when, datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def element(name: str, children=(), val: str | None = None, **attributes: str):
    """An OOXML element with a `w:val` (and other attributes) and children."""
    element = OxmlElement(name)
    if val is not None:
        element.set(qn("w:val"), val)
    for attribute, value in attributes.items():
        element.set(qn(attribute.replace("_", ":", 1)), value)
    for child in children:
        element.append(child)
    return element


def run(text: str, properties=()):
    """A run of text with the given run properties."""
    body = element("w:t", xml_space="preserve")
    body.text = text
    return element("w:r", [element("w:rPr", properties), body])


def field(paragraph, instruction: str, shown: str):
    """A complex field (PAGE, NUMPAGES, TOC …) with `shown` as its current result."""
    def char(kind: str):
        piece = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        piece._r.append(element)
        return piece

    first = char("begin")
    piece = paragraph.add_run()
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    piece._r.append(code)
    char("separate")
    paragraph.add_run(shown)
    char("end")
    return first


def hyperlink(document, paragraph, text: str, url: str) -> None:
    """`text` linked to the external `url`, appended to `paragraph`."""
    rel = document.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    style = [element("w:rStyle", val="Hyperlink"), element("w:color", val="1D4F73"),
             element("w:u", val="single")]
    paragraph._p.append(element("w:hyperlink", [run(text, style)], r_id=rel))

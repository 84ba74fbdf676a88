"""A packet context into a Word document (python-docx), built in code, with real styles.

Title, Heading 1–3 and a table style carry the structure; header and footer
hold `Page X of Y` fields; a contents field lists the headings (Word fills
it in on opening); core properties come from the context.  A blank case
template gets content controls where a person fills something in.  Bytes
are reproducible: the zip's entry dates are the context's date.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence, Union

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import _Cell

from docgen.config import PAPERS
from docgen.documents.packet.context import PacketContext, Row
from docgen.engines.docx import element, field, hyperlink, normalise_zip
from docgen.engines.docx import run as text_run

TABLE_STYLE = "Table Grid"
HEADER_FILL = "E9EFF5"
FONT = "Calibri"  # in Word everywhere; LibreOffice uses metric-compatible Carlito
MUTED = RGBColor(0x4F, 0x58, 0x66)
PLACEHOLDER = "Click or tap to enter text."


def render_packet_docx(packet: PacketContext) -> bytes:
    """The packet (or blank case template) as .docx bytes."""
    document = _new_document()
    _page_setup(document, packet)
    _properties(document, packet)
    _header_footer(document, packet)
    _cover(document, packet)
    _contents(document)
    _summary(document, packet)
    _criteria(document, packet)
    if not packet.blank:
        _gaps(document, packet)
    _additions(document, packet)
    _candidate_summary(document, packet)
    _sign_off(document, packet)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), packet.when.replace(tzinfo=None))


def _page_setup(document, packet: PacketContext) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(side) for side in PAPERS[packet.paper])
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    styles = document.styles
    styles["Normal"].font.size = Pt(10)
    styles["Normal"].font.name = FONT
    for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)):
        styles[name].font.size = Pt(size)
        styles[name].font.name = FONT
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")  # Word fills in the contents and page fields on opening
    settings.append(update)


def _properties(document, packet: PacketContext) -> None:
    props = document.core_properties
    when = packet.when.replace(tzinfo=None)
    who = packet.candidate.name or f"Level {packet.target_level}"
    props.title = _property(f"{packet.title}: {who}")
    props.subject = _property(f"{packet.framework_title}, {packet.current_label} → "
                              f"{packet.target_label}")
    props.author = _property(packet.organisation or "docgen")
    props.last_modified_by = "docgen"
    props.keywords = "promotion case, confidential"
    props.category = "Confidential"
    props.language = packet.lang
    props.created = props.modified = when
    props.last_printed = when
    props.revision = 1
    props.comments = "Made with docgen"
    if packet.framework_commit:  # the framework as it was when assessed, for reading it later
        props.version = packet.framework_commit
        props.comments = (f"Made with docgen; assessed against framework revision "
                          f"{packet.framework_commit} ({packet.framework_revision})")


def _property(text: str) -> str:
    """Text for a core property: python-docx refuses more than 255 characters (names can be
    longer; the full text is in the document itself)."""
    return text if len(text) <= 255 else text[:254] + "…"


def _header_footer(document, packet: PacketContext) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"CONFIDENTIAL · {packet.title}" + (
        f" · {packet.candidate.name}" if packet.candidate.name else "")
    header.runs[0].font.size = Pt(8)
    header.runs[0].font.color.rgb = MUTED
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for piece in ("Page ", ("PAGE", "1"), " of ", ("NUMPAGES", "1")):
        run = field(footer, *piece) if isinstance(piece, tuple) else footer.add_run(piece)
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED


def _cover(document, packet: PacketContext) -> None:
    marking = document.add_paragraph()
    run = marking.add_run("CONFIDENTIAL")
    run.bold = True
    run.font.color.rgb = RGBColor(0x9A, 0x34, 0x12)
    _paragraph(document, packet.title, "Title")
    if packet.organisation:
        _paragraph(document, packet.organisation, "Subtitle")
    rows = [("Candidate", packet.candidate.name), ("Role", packet.candidate.role),
            ("Team", packet.candidate.team), ("Framework", packet.framework_title),
            ("Current level", packet.current_label), ("Target level", packet.target_label),
            ("Assessors", ", ".join(a.name + (f" ({a.role})" if a.role else "")
                                    for a in packet.assessors)),
            ("Period", packet.period), ("Date", packet.date)]
    if packet.framework_revision:
        rows.insert(4, ("Framework revision", packet.framework_revision))
    table = _table(document, [Mm(40), Mm(130)])
    for label, value in rows:
        _add_row(table, [_bold(label),
                         _field(value, packet, tag=label.lower().replace(" ", "-"),
                                always_fill=label in ("Framework", "Target level", "Date"))])


def _contents(document) -> None:
    _paragraph(document, "Contents", "Heading 1")
    paragraph = document.add_paragraph()
    field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', "Open in Word and update the field to see "
           "the contents.")


def _summary(document, packet: PacketContext) -> None:
    _paragraph(document, "Summary", "Heading 1")
    document.add_paragraph(
        f"Criteria of {packet.target_label} met, by category. A criterion counts as met when "
        f"rated {' or '.join(packet.met)}.")
    table = _table(document, [Mm(70), Mm(30), Mm(35), Mm(35)],
                   ["Category", "Criteria", "Met (self)", "Met (manager)"])
    for section in packet.sections:
        _add_row(table, [section.title, str(section.total),
                         "" if packet.blank else str(section.met_self),
                         "" if packet.blank else str(section.met_manager)])
    _add_row(table, [_bold("Overall"), _bold(str(packet.total)),
                     _bold("" if packet.blank else str(packet.met_self)),
                     _bold("" if packet.blank else str(packet.met_manager))])


def _criteria(document, packet: PacketContext) -> None:
    _paragraph(document, f"Criteria of {packet.target_label}", "Heading 1")
    document.add_paragraph(f"Ratings: {', '.join(packet.scale)}.")
    for section in packet.sections:
        _paragraph(document, section.title, "Heading 2")
        table = _table(document, [Mm(50), Mm(22), Mm(22), Mm(46), Mm(30)],
                       ["Criterion", "Self", "Manager", "Evidence", "Comments"])
        for row in section.rows:
            _criterion_row(document, table, row, packet)


def _criterion_row(document, table, row: Row, packet: PacketContext) -> None:
    tag = row.criterion_id
    cells = _add_row(table, [row.text, _field(row.self_rating, packet, f"{tag}.self"),
                             _field(row.manager_rating, packet, f"{tag}.manager"),
                             Field(f"{tag}.evidence") if packet.blank else None,
                             _field(row.comments, packet, f"{tag}.comments")])
    for index, item in enumerate(row.evidence):
        paragraph = cells[3].paragraphs[0] if index == 0 else cells[3].add_paragraph()
        if item.url:
            hyperlink(document, paragraph, item.text, item.url)
        else:
            paragraph.add_run(item.text)


def _gaps(document, packet: PacketContext) -> None:
    _paragraph(document, "Gaps", "Heading 1")
    if not packet.gaps:
        document.add_paragraph("Every criterion of the target level is rated as met by the "
                               "manager.")
        return
    document.add_paragraph("Criteria of the target level not rated as met by the manager:")
    for category, text in packet.gaps:
        paragraph = _paragraph(document, style="List Bullet")
        paragraph.add_run(f"{category}: ").bold = True
        paragraph.add_run(text)


def _additions(document, packet: PacketContext) -> None:
    _paragraph(document, f"What {packet.target_label} adds over {packet.current_label}",
               "Heading 2" if not packet.blank else "Heading 1")
    if not packet.additions:
        document.add_paragraph("Nothing new: the target level states the same criteria.")
    for addition in packet.additions:
        paragraph = _paragraph(document, style="List Bullet")
        paragraph.add_run(addition.title).bold = True
        paragraph.add_run(" (new category)" if addition.is_new else "")
        paragraph.add_run(f": {len(addition.criteria)} new criteri"
                          f"{'on' if len(addition.criteria) == 1 else 'a'}")


def _candidate_summary(document, packet: PacketContext) -> None:
    _paragraph(document, "Candidate's summary", "Heading 1")
    if packet.blank:
        _content_control(document.add_paragraph()._p, "summary")
    for paragraph in packet.summary:
        document.add_paragraph(paragraph)


def _sign_off(document, packet: PacketContext) -> None:
    _paragraph(document, "Sign-off", "Heading 1")
    table = _table(document, None, ["", "Name", "Decision", "Signature", "Date"])
    for role in ("Manager", "Panel", "Panel"):
        cells = _add_row(table, [role, "", "", "", ""])
        for cell in cells[1:]:
            cell.paragraphs[0].paragraph_format.space_after = Pt(14)


# -- building blocks --------------------------------------------------------

LEFT_OUT = (RELATIONSHIP_TYPE.THUMBNAIL,
            "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")
"""Parts of python-docx's default document that a packet leaves out: a white thumbnail (a file
browser would show every packet as an empty page) and Word 2010's second copy of the styles
(which later Word ignores), a third of a packet's bytes and a fifth of its Word time."""


@lru_cache(maxsize=1)
def _pristine():
    document = Document()
    for owner in (document.part.package, document.part):
        for rId in [rId for rId, rel in owner.rels.items() if rel.reltype in LEFT_OUT]:
            del owner.rels[rId]
    return document


def _new_document():
    """python-docx's default document, copied from one kept read: reading it (its styles
    above all) was a third of a packet's Word time, copying it a tenth."""
    return copy.deepcopy(_pristine())


STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet", TABLE_STYLE)


@lru_cache(maxsize=1)
def _style_ids() -> dict[str, str]:
    """The ids of `STYLES` in python-docx's default template, every packet's starting point.

    Set by name, each style costs python-docx a search of every style in the
    document (a third of a packet's time); set by id, nothing.
    """
    styles = _pristine().styles
    return {name: styles[name].style_id for name in STYLES}


def _paragraph(document, text: str = "", style: str | None = None):
    """A new paragraph at the end of `document`, in `style` (one of `STYLES`)."""
    paragraph = document.add_paragraph(text)
    if style is not None:
        paragraph._p.style = _style_ids()[style]
    return paragraph


def _table(document, widths: Optional[Sequence[Length]], headings: Sequence[str] = ()):
    """A table of columns this wide (None: sharing the page, as Word sets them), with a shaded
    row of `headings` repeated on every page (none: no heading row)."""
    table = document.add_table(rows=0, cols=len(widths or headings))
    table._tbl.tblStyle_val = _style_ids()[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if widths is not None:
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = width  # the table grid, which LibreOffice follows
    if headings:
        _add_row(table, [_bold(text) for text in headings], fill=HEADER_FILL, heading=True)
    return table


@dataclass(frozen=True)
class Bold:
    """A cell's text in bold."""

    text: str


@dataclass(frozen=True)
class Field:
    """A blank cell of a case template: a content control tagged `tag`."""

    tag: str


Cell = Union[str, Bold, Field, None]  # None: an empty paragraph, filled in afterwards


def _bold(text: str) -> Bold:
    return Bold(text)


def _field(value: str, packet: PacketContext, tag: str, always_fill: bool = False) -> Cell:
    """`value` as a cell's text, or in a blank case template a field to fill in."""
    return value if value or always_fill or not packet.blank else Field(tag)


def _add_row(table, cells: Sequence[Cell], fill: Optional[str] = None,
             heading: bool = False) -> list[_Cell]:
    """A row of `cells` at the end of `table`, each as wide as its column (which Word follows,
    as LibreOffice does the grid), shaded `fill`; `heading`: repeated on every page.

    Made as XML, the same as python-docx's add_row and cell.text make: those were half of a
    packet's Word time.
    """
    grid = table._tbl.tblGrid.gridCol_lst
    row = element("w:tr", [element("w:trPr", [element("w:tblHeader", val="true")])]
                  if heading else [])
    for cell, column in zip(cells, grid):
        properties = [element("w:tcW", w_type="dxa", w_w=str(column.w.twips))]
        if fill:
            properties.append(element("w:shd", val="clear", w_fill=fill))
        paragraph = element("w:p")
        if isinstance(cell, Field):
            _content_control(paragraph, cell.tag)
        elif cell is not None:
            paragraph.append(_text(cell.text if isinstance(cell, Bold) else cell,
                                   bold=isinstance(cell, Bold)))
        row.append(element("w:tc", [element("w:tcPr", properties), paragraph]))
    table._tbl.append(row)
    return [_Cell(tc, table) for tc in row.tc_lst]


def _text(text: str, bold: bool = False):
    """A run of `text` as python-docx writes it (tabs and line breaks as their elements)."""
    piece = OxmlElement("w:r")
    piece.text = text
    if bold:
        piece.insert(0, element("w:rPr", [element("w:b")]))
    return piece


# Placeholder text by the last part of a field's tag; narrow table cells get short words.
PLACEHOLDERS = {"self": "Rating", "manager": "Rating", "evidence": "Evidence and links",
                "comments": "Comments", "summary": "The candidate's summary"}


def _content_control(paragraph, tag: str) -> None:
    """A plain-text content control showing placeholder text, for a blank field, at the end
    of the `w:p` element `paragraph`."""
    placeholder = PLACEHOLDERS.get(tag.rsplit(".", 1)[-1], PLACEHOLDER)
    properties = element("w:sdtPr", [element("w:alias", val=tag), element("w:tag", val=tag),
                                      element("w:showingPlcHdr"), element("w:text")])
    content = element("w:sdtContent", [text_run(placeholder, [element("w:color", val="808080")])])
    paragraph.append(element("w:sdt", [properties, content]))

"""Card pages onto sheets: fronts and duplex backs, with crop marks (pypdf).

Each card page (trim size plus bleed, as WeasyPrint writes it) is placed
on a sheet at its slot of the `imposition.Layout` as a Form XObject (its
content is referenced, not rewritten); a turned slot turns the card a
quarter turn.  The band and the crop marks are plain PDF drawing.  Output pages alternate front sheet, back sheet, for duplex.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Optional, Sequence

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, RectangleObject

from docgen.documents.cards.imposition import Layout, Slot

Card = tuple[Optional[PageObject], Optional[PageObject]]  # front, back (None: blank)


@dataclass(frozen=True)
class Band:
    """The coloured band across the top of every card, running into the bleed."""

    colour: str  # "#rrggbb"
    height: float  # points below the trim edge


def impose(cards: Sequence[Card], layout: Layout, band: Band, metadata: dict[str, str]) -> bytes:
    """A PDF of sheets: for each group of `layout.per_sheet` cards, a front and a back sheet."""
    writer = PdfWriter()
    fronts, backs = layout.fronts(), layout.backs()
    for first in range(0, len(cards), layout.per_sheet):
        group = cards[first:first + layout.per_sheet]
        front_sheet = _Sheet(writer, layout)
        back_sheet = _Sheet(writer, layout)
        for (front, back), front_slot, back_slot in zip(group, fronts, backs):
            if front is not None:
                front_sheet.place(front, front_slot, band, turn=90)
            if back is not None:
                back_sheet.place(back, back_slot, band, turn=-90)
        for sheet in (front_sheet, back_sheet):
            sheet.finish(layout)
    writer.add_metadata({f"/{key}": value for key, value in metadata.items()})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def card_pages(pdf: bytes) -> list[PageObject]:
    """The pages of a card PDF."""
    return list(PdfReader(io.BytesIO(pdf)).pages)


class _Sheet:
    """A sheet being filled: each card goes on as a Form XObject, drawn where its slot is."""

    def __init__(self, writer: PdfWriter, layout: Layout):
        self.writer = writer
        self.page = writer.add_blank_page(layout.sheet_width, layout.sheet_height)
        self.xobjects = DictionaryObject()
        self.operators: list[str] = []

    def place(self, card: PageObject, slot: Slot, band: Band, turn: int) -> None:
        """Draw `card` (and its band) with its trim box on `slot.trim`."""
        name = f"/Card{len(self.xobjects)}"
        self.xobjects[NameObject(name)] = self._xobject(card)
        matrix = _matrix(card, slot, turn)
        self.operators.append("q " + " ".join(f"{v:.4f}" for v in matrix) + " cm")
        self.operators.append(_band_operators(card, band))
        self.operators.append(f"{name} Do Q")

    def finish(self, layout: Layout) -> None:
        """Add the crop marks and write the sheet's content."""
        self.operators += ["q 0.3 w 0 0 0 1 K"]  # thin lines in registration-safe black
        self.operators += [f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l S"
                           for x1, y1, x2, y2 in layout.marks()]
        self.operators.append("Q")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(self.operators).encode("ascii"))
        self.page[NameObject("/Contents")] = self.writer._add_object(stream)
        self.page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): self.xobjects})
        self.page[NameObject("/TrimBox")] = RectangleObject(self.page.mediabox)

    def _xobject(self, card: PageObject):
        form = DecodedStreamObject()
        form.set_data(_content_bytes(card))
        form[NameObject("/Type")] = NameObject("/XObject")
        form[NameObject("/Subtype")] = NameObject("/Form")
        form[NameObject("/BBox")] = RectangleObject(card.mediabox)
        form[NameObject("/Resources")] = card["/Resources"].get_object().clone(self.writer)
        return self.writer._add_object(form)


def _content_bytes(page: PageObject) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    if isinstance(contents, ArrayObject):
        return b"\n".join(part.get_object().get_data() for part in contents)
    return contents.get_data()


def _matrix(card: PageObject, slot: Slot, turn: int) -> tuple[float, ...]:
    """The `cm` matrix that puts the card's trim origin on the slot, turned if the slot is."""
    trim = card.trimbox
    ox, oy = float(trim.left), float(trim.bottom)
    if not slot.turned:
        return (1, 0, 0, 1, slot.trim.x - ox, slot.trim.y - oy)
    width, height = float(trim.width), float(trim.height)
    if turn > 0:  # quarter turn anticlockwise: the card's top points to the sheet's left
        return (0, 1, -1, 0, slot.trim.x + height + oy, slot.trim.y - ox)
    return (0, -1, 1, 0, slot.trim.x - oy, slot.trim.y + width + ox)  # clockwise: top to the right


def _band_operators(card: PageObject, band: Band) -> str:
    box, trim = card.mediabox, card.trimbox
    red, green, blue = (int(band.colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    bottom = float(trim.top) - band.height
    return (f"q {red:.4f} {green:.4f} {blue:.4f} rg {float(box.left):.3f} {bottom:.3f} "
            f"{float(box.width):.3f} {float(box.top) - bottom:.3f} re f Q")

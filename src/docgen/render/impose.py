"""Card pages onto sheets: fronts and duplex backs, with crop marks (pypdf).

Each card page (trim size plus bleed, as WeasyPrint writes it) is placed
on a sheet at its slot of the `imposition.Layout`; a turned slot turns the
card a quarter turn.  Crop marks are drawn as plain PDF lines in the sheet
margin.  Output pages alternate front sheet, back sheet, for duplex.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Optional, Sequence

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import DecodedStreamObject, NameObject, RectangleObject

from docgen.imposition import Layout, Slot

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
        front_sheet = _sheet(writer, layout)
        back_sheet = _sheet(writer, layout)
        for (front, back), front_slot, back_slot in zip(group, fronts, backs):
            if front is not None:
                _place(writer, front_sheet, front, front_slot, band, turn=90)
            if back is not None:
                _place(writer, back_sheet, back, back_slot, band, turn=-90)
        for sheet in (front_sheet, back_sheet):
            _draw_marks(writer, sheet, layout)
            sheet[NameObject("/TrimBox")] = RectangleObject(sheet.mediabox)
    writer.add_metadata({f"/{key}": value for key, value in metadata.items()})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def card_pages(pdf: bytes) -> list[PageObject]:
    """The pages of a card PDF."""
    return list(PdfReader(io.BytesIO(pdf)).pages)


def _sheet(writer: PdfWriter, layout: Layout) -> PageObject:
    return writer.add_blank_page(layout.sheet_width, layout.sheet_height)


def _place(writer: PdfWriter, sheet: PageObject, card: PageObject, slot: Slot, band: Band,
           turn: int) -> None:
    """Put `card` on `sheet` with its trim box on `slot.trim`, over its band."""
    trim = card.trimbox
    origin_x, origin_y = float(trim.left), float(trim.bottom)
    move = Transformation().translate(-origin_x, -origin_y)
    if slot.turned:
        width = float(trim.width)
        height = float(trim.height)
        if turn > 0:  # quarter turn anticlockwise: the card's top points to the sheet's left
            move = move.rotate(90).translate(height, 0)
        else:  # clockwise: the top points right
            move = move.rotate(-90).translate(0, width)
    move = move.translate(slot.trim.x, slot.trim.y)
    sheet.merge_transformed_page(_band_page(writer, card, band), move, over=True, expand=False)
    sheet.merge_transformed_page(card, move, over=True, expand=False)


def _band_page(writer: PdfWriter, card: PageObject, band: Band) -> PageObject:
    box, trim = card.mediabox, card.trimbox
    red, green, blue = (int(band.colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    bottom = float(trim.top) - band.height
    ops = (f"q {red:.4f} {green:.4f} {blue:.4f} rg {float(box.left):.3f} {bottom:.3f} "
           f"{float(box.width):.3f} {float(box.top) - bottom:.3f} re f Q")
    return _page_of(writer, ops, box)


def _draw_marks(writer: PdfWriter, sheet: PageObject, layout: Layout) -> None:
    ops = ["q", "0.3 w", "0 0 0 1 K"]  # thin lines in registration-safe black
    for x1, y1, x2, y2 in layout.marks():
        ops.append(f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l S")
    ops.append("Q")
    sheet.merge_page(_page_of(writer, "\n".join(ops), sheet.mediabox), over=True)


def _page_of(writer: PdfWriter, operators: str, box: RectangleObject) -> PageObject:
    """A page whose only content is the given PDF drawing operators."""
    stream = DecodedStreamObject()
    stream.set_data(operators.encode("ascii"))
    page = PageObject.create_blank_page(writer, float(box.width), float(box.height))
    page.mediabox = RectangleObject(box)
    page[NameObject("/Contents")] = writer._add_object(stream)
    return page

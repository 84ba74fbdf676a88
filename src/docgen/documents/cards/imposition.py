"""Where cards go on a sheet: sizes, the grid, duplex backs, crop marks.  Pure geometry, in points.

A sheet is always portrait.  Cards are placed upright or turned a quarter
turn, whichever fits more; between cards is a gutter wide enough for both
cards' bleed; crop marks stand in the sheet margin, outside every card and
its bleed, in line with each trim edge.  Backs are printed for long-edge
duplex: the sheet turns over about its vertical axis, so the back of the
card in column c stands in column (columns - 1 - c) of the back sheet, and a
turned card's back is turned the other way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from docgen import config
from docgen.errors import ConfigError

MM = 72 / 25.4

# config.py names every size in millimetres; the geometry works in points, portrait
CARD_SIZES = {name: (w * MM, h * MM) for name, (w, h) in config.CARD_SIZES.items()}
SHEET_SIZES = {name: (w * MM, h * MM) for name, (w, h) in config.PAPERS.items()}
BLEED = 3 * MM
GUTTER = 2 * BLEED + 2 * MM  # both cards' bleed and a little air between them
MARK_OFFSET = BLEED + 1.5 * MM  # marks start this far outside the trim edge
MARK_LENGTH = 5 * MM
SHEET_MARGIN = MARK_OFFSET + MARK_LENGTH + 2 * MM  # room for the marks and a printer's edge


@dataclass(frozen=True)
class Box:
    """A rectangle: lower-left corner, width and height, in points (PDF coordinates)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Slot:
    """One card place on a sheet: its trim box, and whether the card is turned a quarter turn."""

    column: int
    row: int
    trim: Box
    turned: bool


@dataclass(frozen=True)
class Layout:
    """How cards of one size are imposed on one sheet size."""

    sheet_width: float
    sheet_height: float
    card_width: float  # as printed, before any turn
    card_height: float
    columns: int
    rows: int
    turned: bool

    @property
    def per_sheet(self) -> int:
        """Cards on one sheet."""
        return self.columns * self.rows

    def fronts(self) -> list[Slot]:
        """The front slots, left to right, top to bottom."""
        return [self._slot(c, r, self.turned) for r in range(self.rows) for c in range(self.columns)]

    def backs(self) -> list[Slot]:
        """For each front slot (same order), where its back goes on the back sheet."""
        return [self._slot(self.columns - 1 - f.column, f.row, self.turned) for f in self.fronts()]

    def marks(self) -> Iterator[tuple[float, float, float, float]]:
        """Crop mark lines (x1, y1, x2, y2) in the sheet margin, in line with every trim edge."""
        slots = self.fronts()
        xs = sorted({round(s.trim.x, 3) for s in slots} | {round(s.trim.right, 3) for s in slots})
        ys = sorted({round(s.trim.y, 3) for s in slots} | {round(s.trim.top, 3) for s in slots})
        left, right = min(xs), max(xs)
        bottom, top = min(ys), max(ys)
        for x in xs:
            yield (x, top + MARK_OFFSET, x, top + MARK_OFFSET + MARK_LENGTH)
            yield (x, bottom - MARK_OFFSET, x, bottom - MARK_OFFSET - MARK_LENGTH)
        for y in ys:
            yield (left - MARK_OFFSET, y, left - MARK_OFFSET - MARK_LENGTH, y)
            yield (right + MARK_OFFSET, y, right + MARK_OFFSET + MARK_LENGTH, y)

    def _slot(self, column: int, row: int, turned: bool) -> Slot:
        w, h = (self.card_height, self.card_width) if turned else (self.card_width, self.card_height)
        grid_w = self.columns * w + (self.columns - 1) * GUTTER
        grid_h = self.rows * h + (self.rows - 1) * GUTTER
        x0 = (self.sheet_width - grid_w) / 2
        top = (self.sheet_height + grid_h) / 2
        x = x0 + column * (w + GUTTER)
        y = top - (row + 1) * h - row * GUTTER
        return Slot(column, row, Box(x, y, w, h), turned)


def plan(card: str, sheet: str, per_sheet: int = 0) -> Layout:
    """The layout for `card` on `sheet`: as many as fit, or one alone when `per_sheet` is 1.

    With `per_sheet == 1` the sheet is the card plus room for bleed and marks,
    as a print shop wants it.
    """
    width, height = CARD_SIZES[card]
    if per_sheet == 1:
        side = 2 * SHEET_MARGIN
        return Layout(width + side, height + side, width, height, 1, 1, False)
    sheet_w, sheet_h = SHEET_SIZES[sheet]
    best = None
    for turned in (False, True):
        w, h = (height, width) if turned else (width, height)
        columns = _fit(sheet_w, w)
        rows = _fit(sheet_h, h)
        if best is None or columns * rows > best.per_sheet:
            best = Layout(sheet_w, sheet_h, width, height, columns, rows, turned)
    if best.per_sheet == 0:
        raise ConfigError(f"a {card} card does not fit on a {sheet} sheet with bleed and marks: "
                          "choose a smaller card or larger paper")
    if per_sheet and per_sheet < best.per_sheet:
        columns = min(best.columns, per_sheet)
        rows = -(-per_sheet // columns)
        best = Layout(best.sheet_width, best.sheet_height, width, height, columns, rows, best.turned)
    return best


def _fit(space: float, size: float) -> int:
    usable = space - 2 * SHEET_MARGIN
    return max(0, int((usable + GUTTER) // (size + GUTTER)))

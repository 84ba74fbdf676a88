"""Card geometry: sizes, how many fit, gutters, marks outside cards, duplex backs."""

from __future__ import annotations

import pytest

from docgen.documents.cards.imposition import BLEED, CARD_SIZES, MM, SHEET_SIZES, plan


@pytest.mark.parametrize("card", sorted(CARD_SIZES))
@pytest.mark.parametrize("sheet", sorted(SHEET_SIZES))
def test_cards_fit_the_sheet_with_bleed_apart_and_backs_mirrored(card, sheet):
    layout = plan(card, sheet)
    assert layout.per_sheet >= 1
    fronts, backs = layout.fronts(), layout.backs()
    for slot in fronts:  # inside the sheet, with room for the bleed
        assert slot.trim.x - BLEED > 0 and slot.trim.right + BLEED < layout.sheet_width
        assert slot.trim.y - BLEED > 0 and slot.trim.top + BLEED < layout.sheet_height
        w, h = CARD_SIZES[card]
        assert sorted((round(slot.trim.width, 3), round(slot.trim.height, 3))) == \
            sorted((round(w, 3), round(h, 3)))
    for a in fronts:  # bleeds never overlap
        for b in fronts:
            if a is not b:
                apart_x = a.trim.right + BLEED <= b.trim.x - BLEED or b.trim.right + BLEED <= a.trim.x - BLEED
                apart_y = a.trim.top + BLEED <= b.trim.y - BLEED or b.trim.top + BLEED <= a.trim.y - BLEED
                assert apart_x or apart_y
    for front, back in zip(fronts, backs):  # long-edge duplex: mirrored about the vertical axis
        assert back.trim.x == pytest.approx(layout.sheet_width - front.trim.right)
        assert back.trim.y == pytest.approx(front.trim.y)
        assert back.turned == front.turned


def test_known_counts():
    assert (plan("A6", "A4").per_sheet, plan("A6", "A4").turned) == (2, True)
    assert plan("A7", "A4").per_sheet == 4
    assert plan("poker", "A4").per_sheet == 6
    assert plan("poker", "A4", per_sheet=4).per_sheet == 4


def test_crop_marks_stand_outside_every_card_and_its_bleed():
    layout = plan("A7", "Letter")
    for x1, y1, x2, y2 in layout.marks():
        for slot in layout.fronts():
            inside_x = slot.trim.x - BLEED < max(x1, x2) and min(x1, x2) < slot.trim.right + BLEED
            inside_y = slot.trim.y - BLEED < max(y1, y2) and min(y1, y2) < slot.trim.top + BLEED
            assert not (inside_x and inside_y)


def test_one_per_sheet_is_the_card_with_room_for_bleed_and_marks():
    layout = plan("A6", "A4", per_sheet=1)
    (slot,) = layout.fronts()
    assert layout.sheet_width == pytest.approx(105 * MM + 2 * slot.trim.x)
    assert len(list(layout.marks())) == 8  # two per trim edge

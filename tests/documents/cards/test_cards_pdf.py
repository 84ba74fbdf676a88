"""The seed's level cards, read back: sheets, completeness, nothing outside its card, type size."""

from __future__ import annotations

import io
import re

import pdfplumber
import pypdf
import pytest
from conftest import REPO, plain_text, squash, cards

from docgen import api
from docgen.documents.cards.imposition import CARD_SIZES, SHEET_SIZES, plan

A4 = tuple(round(v, 1) for v in SHEET_SIZES["A4"])


@pytest.fixture(scope="module")
def seed():
    project = api.open_project(REPO)
    catalog = api.load_clean_catalog(project)
    return project, catalog, catalog.frameworks[0]


@pytest.fixture(scope="module")
def a6(seed):
    project, catalog, fw = seed
    return cards(project, catalog, fw.id, card="A6")


@pytest.fixture(scope="module")
def single(seed):
    project, catalog, fw = seed
    return cards(project, catalog, fw.id, card="A6", per_sheet=1)


def open_pdf(document):
    return pdfplumber.open(io.BytesIO(document.data))


def slot_boxes(layout, page_height, side):
    slots = layout.fronts() if side == "front" else layout.backs()
    return [(s.trim.x, page_height - s.trim.top, s.trim.right, page_height - s.trim.y)
            for s in slots]


def test_sheets_are_a4_and_come_in_front_back_pairs(a6):
    with open_pdf(a6) as pdf:
        sizes = {(round(p.width, 1), round(p.height, 1)) for p in pdf.pages}
        assert sizes == {A4}
        assert len(pdf.pages) % 2 == 0 and len(pdf.pages) == a6.pages


def test_no_character_lies_outside_its_card(a6):
    layout = plan("A6", "A4")
    with open_pdf(a6) as pdf:
        for number, page in enumerate(pdf.pages):
            boxes = slot_boxes(layout, page.height, "front" if number % 2 == 0 else "back")
            for char in page.chars:
                if not char["text"].strip():
                    continue
                assert any(x0 - 0.5 <= char["x0"] and char["x1"] <= x1 + 0.5 and
                           top - 0.5 <= char["top"] and char["bottom"] <= bottom + 0.5
                           for x0, top, x1, bottom in boxes), (number, char["text"])


def test_no_type_below_six_and_a_half_points(single):
    # upright cards: pdfplumber's "size" is only the type size for unturned text
    with open_pdf(single) as pdf:
        sizes = {round(c["size"], 2) for p in pdf.pages for c in p.chars if c["text"].strip()}
    assert min(sizes) >= 6.5


def test_every_criterion_and_detail_is_on_a_card(single, seed):
    _, _, fw = seed
    with open_pdf(single) as pdf:
        text = squash(" ".join(p.extract_text() or "" for p in pdf.pages))
    missing = [c.text for _, _, c in fw.criteria() if squash(plain_text(c.text)) not in text]
    missing += [d.text for _, _, c in fw.criteria() for d in c.details
                if squash(plain_text(d.text)) not in text]
    assert missing == []
    # examples and quotes are on the backs (auto: where the level has any)
    for _, _, c in fw.criteria():
        for piece in c.examples + c.quotes:
            assert squash(plain_text(piece)) in text


def test_overfull_levels_continue_on_a_card_marked_continued(single, a6):
    assert any("Level 3" in w and "continues on 1 more card" in w for w in a6.warnings)
    with open_pdf(single) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert "Level 3 · continued" in text


def test_one_card_per_page_for_a_print_shop(single, seed):
    layout = plan("A6", "A4", per_sheet=1)
    w, h = CARD_SIZES["A6"]
    with open_pdf(single) as pdf:
        assert {(round(p.width, 1), round(p.height, 1)) for p in pdf.pages} == \
            {(round(layout.sheet_width, 1), round(layout.sheet_height, 1))}
        first = pdf.pages[0]
        header = [w_ for w_ in first.extract_words() if w_["text"] == "Level"]
        assert header and header[0]["x0"] > layout.fronts()[0].trim.x


def test_backs_line_up_behind_their_fronts(seed):
    project, catalog, fw = seed
    document = cards(project, catalog, fw.id, card="A7")  # upright, 2 x 2
    layout = plan("A7", "A4")
    with open_pdf(document) as pdf:
        front, back = pdf.pages[0], pdf.pages[1]

        def labels(page, side):
            """The band label ("Level 3 · continued", …) of each slot, by slot index."""
            found = {}
            for index, box in enumerate(slot_boxes(layout, page.height, side)):
                text = page.crop(box).extract_text() or ""
                match = re.search(r"Level \d+( · continued)?", text)
                if match:
                    found[index] = match.group(0)
            return found

        fronts, backs = labels(front, "front"), labels(back, "back")
        assert len(fronts) == 4 and len(backs) >= 3
        for index, label in backs.items():  # each back is its own front's, in the mirrored column
            assert label == fronts[index]
            f, b = layout.fronts()[index], layout.backs()[index]
            assert b.column == layout.columns - 1 - f.column and b.row == f.row


def test_same_inputs_same_bytes(seed, monkeypatch):
    project, catalog, fw = seed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert cards(project, catalog, fw.id, card="poker").data == \
        cards(project, catalog, fw.id, card="poker").data


def test_cli_writes_out_cards(run, tmp_path):
    (tmp_path / "framework" / "eng").mkdir(parents=True)
    (tmp_path / "framework" / "eng" / "api.md").write_text(
        "---\ntitle: API\nyaml: false\n---\n## Level 1\n### Craft\n- Writes handlers\n", encoding="utf-8")
    result = run(["--root", str(tmp_path), "cards", "--card", "A7"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "cards" / "eng-api.pdf").read_bytes().startswith(b"%PDF")


def test_configured_category_colours_win_and_the_rest_come_from_the_palette(seed, tmp_path):
    from docgen.documents.cards.context import DEFAULT_PALETTE, category_colours
    from docgen.config import load_config
    from docgen.errors import ConfigError

    _, _, fw = seed
    colours = category_colours(fw, {"mastery": "#123456"})
    assert colours["mastery"] == "#123456"
    assert colours["impact"] == DEFAULT_PALETTE[1]
    assert len(set(colours.values())) == len(colours)
    (tmp_path / "docgen.toml").write_text('[colours]\nmastery = "blue"\n')
    with pytest.raises(ConfigError, match=r"docgen.toml:2:1: error: colour of 'mastery'"):
        load_config(tmp_path)


def test_auto_cards_pick_a5_for_the_seed_so_a_first_build_is_clean(seed, a6):
    project, catalog, fw = seed
    auto = cards(project, catalog, fw.id)  # the default: card = "auto"
    assert auto.warnings == ()
    assert pypdf.PdfReader(io.BytesIO(auto.data)).metadata["/Subject"] == \
        "6 levels, A5 cards on A4 sheets"
    assert len(a6.warnings) == 3 and all("does not fit one A6 card" in w for w in a6.warnings)


def test_auto_cards_stay_a6_when_every_level_fits(tmp_path):
    (tmp_path / "framework").mkdir()
    (tmp_path / "framework" / "design.md").write_text(
        "---\ntitle: Design\nyaml: false\n---\n## Level 1\n### Craft\n- Sketches ideas\n",
        encoding="utf-8")
    project = api.open_project(tmp_path)
    made = cards(project, api.load_clean_catalog(project), "design")
    assert pypdf.PdfReader(io.BytesIO(made.data)).metadata["/Subject"].startswith(
        "1 level, A6 cards")


def test_auto_keeps_a6_when_even_a5_could_not_hold_a_level(tmp_path):
    (tmp_path / "framework").mkdir()
    items = "".join(f"- Writes and reviews design document number {i} for the team\n"
                    for i in range(150))
    (tmp_path / "framework" / "long.md").write_text(
        "---\ntitle: Long\nyaml: false\n---\n## Level 1\n### Craft\n" + items, encoding="utf-8")
    project = api.open_project(tmp_path)
    made = cards(project, api.load_clean_catalog(project), "long")
    assert "A6 cards" in pypdf.PdfReader(io.BytesIO(made.data)).metadata["/Subject"]
    assert made.warnings and "does not fit one A6 card" in made.warnings[0]


def test_a_deck_too_large_for_one_layout_is_laid_out_in_batches_of_levels(seed, a6,
                                                                          monkeypatch):
    # memory is bounded by the largest level, not the deck: same cards, same sheets
    from docgen.documents.cards import fitting

    groups = []
    real = fitting._groups

    def recorded(deck, search_path, sizes):
        groups.append(real(deck, search_path, sizes))
        return groups[-1]

    monkeypatch.setattr(fitting, "LAYOUT_CHARACTERS", 30_000)
    monkeypatch.setattr(fitting, "_groups", recorded)
    project, catalog, fw = seed
    batched = cards(project, catalog, fw.id, card="A6")
    assert max(len(g) for g in groups) < len(fw.levels) and len(groups[0]) > 1
    with open_pdf(batched) as got, open_pdf(a6) as want:
        assert len(got.pages) == len(want.pages)
        for mine, theirs in zip(got.pages, want.pages):
            assert squash(mine.extract_text()) == squash(theirs.extract_text())


def test_a_card_too_large_for_one_layout_starts_at_the_minimum_size(seed, monkeypatch):
    from docgen.documents import cards as kind
    from docgen.documents.cards import fitting

    monkeypatch.setattr(fitting, "LAYOUT_CHARACTERS", 1_000)  # every level is "too large"
    project, catalog, fw = seed
    settings = kind.settings(project).dated(1700000000)
    side = fitting.fit_side(kind._deck(fw, settings, "A6", "front"), settings.search_path, 0)
    assert set(side.sizes.values()) == {fitting.MIN_SIZE}
    assert sum(side.counts.values()) >= len(fw.levels)

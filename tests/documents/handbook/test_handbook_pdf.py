"""The handbook PDF of the seed, read back: pages, outline, text, header, size, fonts, metadata."""

from __future__ import annotations

import io

import pdfplumber
import pypdf
import pytest
from conftest import REPO, pdf_pages_text, plain_text, squash
from conftest import handbook as make_handbook

from docgen import api

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


@pytest.fixture(scope="module")
def project():
    return api.open_project(REPO)


@pytest.fixture(scope="module")
def catalog(project):
    return api.load_clean_catalog(project)


@pytest.fixture(scope="module")
def handbook(project, catalog):
    return make_handbook(project, catalog)


@pytest.fixture(scope="module")
def reader(handbook):
    return pypdf.PdfReader(io.BytesIO(handbook.data))


@pytest.fixture(scope="module")
def pages(handbook):
    return pdf_pages_text(handbook.data)


def outline_tree(reader, items=None):
    items = reader.outline if items is None else items
    tree, last = [], None
    for item in items:
        if isinstance(item, list):
            last[1].extend(outline_tree(reader, item))
        else:
            last = (item.title, [], reader.get_destination_page_number(item))
            tree.append(last)
    return tree


def test_page_count_and_every_level_on_a_new_page(reader, handbook):
    assert handbook.pages == len(reader.pages) >= 9  # cover, contents, opener, 6 levels
    (framework,) = outline_tree(reader)
    level_pages = [page for _, _, page in framework[1]]
    assert len(level_pages) == 6
    assert level_pages == sorted(set(level_pages))
    assert level_pages[0] > framework[2]  # the overview page comes first


def test_outline_is_framework_level_category(reader, catalog):
    (fw,) = catalog.frameworks
    (framework,) = outline_tree(reader)
    assert framework[0] == fw.title
    assert [title for title, _, _ in framework[1]] == [f"Level {n}" for n in range(1, 7)]
    for (title, categories, _), level in zip(framework[1], fw.levels):
        assert [c[0] for c in categories] == [c.title for c in level.categories]


def test_every_criterion_detail_example_and_quote_is_in_the_text(pages, catalog):
    text = squash(" ".join(pages))
    (fw,) = catalog.frameworks
    missing = []
    for _, _, criterion in fw.criteria():
        pieces = [criterion.text] + [d.text for d in criterion.details] + list(criterion.examples) \
            + list(criterion.quotes)
        missing += [p for p in pieces if squash(plain_text(p)) not in text]
    assert missing == []
    assert "Check out the original backend engineering framework here." in text


def test_running_header_and_page_x_of_y(handbook, reader):
    (framework,) = outline_tree(reader)
    level3_page = framework[1][2][2]
    with pdfplumber.open(io.BytesIO(handbook.data)) as pdf:
        page = pdf.pages[level3_page]
        header = squash(" ".join(w["text"] for w in page.extract_words() if w["top"] < 50))
        footer = squash(" ".join(w["text"] for w in page.extract_words()
                                 if w["top"] > page.height - 50))
        total = len(pdf.pages)
        assert "Backend Engineering Framework" in header and header.endswith("Level 3")
        assert f"Page {level3_page + 1} of {total}" in footer
        cover_words = [w["text"] for w in pdf.pages[0].extract_words() if w["top"] < 50]
        assert cover_words == []


def test_page_size_is_a4_by_default(reader):
    assert {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
            for p in reader.pages} == {A4}


def test_fonts_are_embedded_and_subset(reader):
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values())
    assert any("Inter" in name for name in fonts)
    assert all("+" in name for name in fonts)  # subset prefix


def test_metadata(reader):
    info = reader.metadata
    assert info.title.startswith("Career Progression Frameworks")
    assert info.subject.startswith("🛠️ Backend Engineering Framework")
    assert str(reader.trailer["/Root"]["/Lang"]) == "en"
    assert info["/CreationDate"] == info["/ModDate"]


def test_no_heading_is_stranded_at_the_foot_of_a_page(handbook, catalog):
    (fw,) = catalog.frameworks
    headings = {c.title for lv in fw.levels for c in lv.categories} | {"At a glance"}
    with pdfplumber.open(io.BytesIO(handbook.data)) as pdf:
        for number, page in enumerate(pdf.pages[1:], start=2):
            body = [line for line in page.extract_text_lines()
                    if 50 < line["top"] < page.height - 50]
            if body:
                assert body[-1]["text"].strip() not in headings, f"page {number}"


def test_letter_paper(project, catalog):
    letter = api.open_project(REPO, paper="Letter")
    document = make_handbook(letter, catalog)
    sizes = {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
             for p in pypdf.PdfReader(io.BytesIO(document.data)).pages}
    assert sizes == {LETTER}


def test_pdf_ua_is_tagged_and_pdf_a_declares_itself(project, catalog):
    tagged = pypdf.PdfReader(io.BytesIO(make_handbook(project, catalog, variant="pdf/ua-1").data))
    root = tagged.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    archival = make_handbook(project, catalog, variant="pdf/a-3b").data
    xmp = pypdf.PdfReader(io.BytesIO(archival)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"3" in xmp


def test_seed_handbook_has_no_font_warnings_when_the_emoji_font_is_installed(handbook):
    import shutil
    import subprocess

    fc = shutil.which("fc-list")
    if not fc or "Noto Color Emoji" not in subprocess.run([fc], capture_output=True, text=True).stdout:
        pytest.skip("fonts-noto-color-emoji is not installed")
    assert handbook.warnings == ()


def test_a_table_in_an_introduction_keeps_its_words_whole(tmp_path):
    (tmp_path / "framework").mkdir()
    (tmp_path / "framework" / "ops.md").write_text(
        "---\ntitle: Operations\nyaml: false\n---\nWho owns what:\n\n"
        "| Area | Tools | Notes |\n| --- | --- | --- |\n"
        "| Development | CloudWatch, Grafana, PagerDuty and OpenTelemetry | "
        + "Dashboards for every service, reviewed weekly by the on-call engineer. " * 4
        + "See https://example.com/a/very/long/runbook/address/that/must/break/somewhere/x |\n"
        "\n## Level 1\n### Craft\n- Runs the rota\n", encoding="utf-8")
    project = api.open_project(tmp_path)
    document = make_handbook(project, api.load_clean_catalog(project))
    with pdfplumber.open(io.BytesIO(document.data)) as pdf:
        words = [w["text"].strip(",") for page in pdf.pages for w in page.extract_words()]
        right = max(w["x1"] for page in pdf.pages for w in page.extract_words())
        width = pdf.pages[0].width
    assert "Development" in words and "CloudWatch" in words and "OpenTelemetry" in words
    assert not [w for w in words if w in ("Develop", "Developm", "CloudW", "Cloud")]
    assert right < width - 30  # nothing runs into the margin

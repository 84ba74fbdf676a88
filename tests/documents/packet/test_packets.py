"""Promotion packets and case templates, read back from .docx and PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import docx
import pdfplumber
import pytest
from conftest import FIXTURES, REPO, packet_files, pdf_pages_text, squash
from conftest import rendered as rendered_file

from docgen import api
from docgen.output import packet_file, packet_folders, place
from docgen.model import Person

ADA = FIXTURES / "assessments" / "ada.yaml"


@pytest.fixture(scope="module")
def project():
    return api.open_project(REPO)


@pytest.fixture(scope="module")
def catalog(project):
    return api.load_catalog(project, [project.framework_dir, ADA])


@pytest.fixture(scope="module")
def rendered(project, catalog):
    (ada,) = catalog.assessments
    return packet_files(project, catalog.frameworks[0], ada)


@pytest.fixture(scope="module")
def word(rendered):
    return docx.Document(io.BytesIO(rendered["docx"].data))


def headings(document, style):
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_word_structure_uses_real_styles(word):
    assert headings(word, "Title") == ["Promotion case"]
    assert headings(word, "Heading 1") == ["Contents", "Summary", "Criteria of Level 3", "Gaps",
                                           "Candidate's summary", "Sign-off"]
    assert headings(word, "Heading 2") == ["Mastery", "Impact", "Influence",
                                           "Communication & Feedback", "Leadership",
                                           "What Level 3 adds over Level 2"]


def test_word_cover_table_and_rating_cells(word):
    cover = {row.cells[0].text: row.cells[1].text for row in word.tables[0].rows}
    assert cover["Candidate"] == "Ada Lovelace" and cover["Team"] == "Payments"
    assert cover["Target level"] == "Level 3"
    assert cover["Assessors"] == "Grace Hopper (Engineering Manager), Katherine Johnson"
    summary = word.tables[1]
    assert [c.text for c in summary.rows[-1].cells] == ["Overall", "25", "3", "2"]
    mastery = word.tables[2]
    assert [c.text for c in mastery.rows[0].cells] == ["Criterion", "Self", "Manager", "Evidence",
                                                       "Comments"]
    go = mastery.rows[1].cells
    assert go[0].text == "Writes idiomatic Go code"
    assert (go[1].text, go[2].text, go[4].text) == ("consistently", "exceeds", "Strong, idiomatic code.")
    assert "Ledger service rewrite" in go[3].text and "Reviews cited in the Q3 review" in go[3].text
    for table in word.tables[1:]:  # header rows repeat on every page
        assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_word_fields_and_properties(word, rendered):
    xml = zipfile.ZipFile(io.BytesIO(rendered["docx"].data))
    footer = xml.read("word/footer1.xml").decode()
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "TOC \\o" in xml.read("word/document.xml").decode()
    assert "updateFields" in xml.read("word/settings.xml").decode()
    props = word.core_properties
    assert props.title == "Promotion case: Ada Lovelace"
    assert props.subject.startswith("🛠️ Backend Engineering Framework, Level 2 → Level 3")
    assert props.created == props.modified
    section = word.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_word_leaves_out_the_empty_thumbnail_and_the_second_styles(word, rendered):
    """python-docx's default document carries a white thumbnail and Word 2010's copy of the
    styles: a packet has neither (nor a relationship or content type naming them), and every
    criteria table's cells are as wide as its grid says."""
    xml = zipfile.ZipFile(io.BytesIO(rendered["docx"].data))
    names = set(xml.namelist())
    assert "docProps/thumbnail.jpeg" not in names and "word/stylesWithEffects.xml" not in names
    listed = b"".join(xml.read(n) for n in names if n.endswith(".rels") or n.startswith("[Content"))
    assert b"thumbnail" not in listed and b"stylesWithEffects" not in listed
    assert "word/styles.xml" in names and word.styles["Heading 1"].font.size.pt == 16
    criteria = word.tables[2]
    grid = [column.width for column in criteria.columns]
    assert [round(w.mm) for w in grid] == [50, 22, 22, 46, 30]
    assert all([cell.width for cell in row.cells] == grid for row in criteria.rows)
    assert criteria.rows[0].cells[0].paragraphs[0].runs[0].bold


def test_unsafe_text_and_links_stay_text(word, rendered):
    leadership = word.tables[6]
    evidence = leadership.rows[1].cells[3].text
    assert "<script>alert(1)</script> {{ 7*7 }}" in evidence
    assert "javascript:alert(1)" in evidence and "file:///etc/passwd" in evidence
    rels = zipfile.ZipFile(io.BytesIO(rendered["docx"].data)).read(
        "word/_rels/document.xml.rels").decode()
    assert "https://example.com/pr/1" in rels
    assert "javascript:" not in rels and "file:" not in rels
    text = squash(" ".join(pdf_pages_text(rendered["pdf"].data)))
    assert "<script>alert(1)</script> {{ 7*7 }}" in text
    assert "javascript:alert(1)" in text


def table_cells(pdf_bytes: bytes) -> set[str]:
    """Every table cell's text in a PDF, whitespace folded."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return {squash(cell.replace("-\n", "-")) for page in pdf.pages
                for table in page.extract_tables() for row in table for cell in row if cell}


def test_pdf_has_the_same_content(rendered, catalog):
    text = squash(" ".join(pdf_pages_text(rendered["pdf"].data)))
    cells = table_cells(rendered["pdf"].data)
    for criterion in catalog.frameworks[0].level(3).criteria():
        assert squash(criterion.text.split(" [")[0].split("[")[0]) in " ".join(cells)
    assert "CONFIDENTIAL" in text and "Ada Lovelace" in text
    assert "Page 1 of" in text
    assert "I led the ledger migration and mentor two engineers." in text


def test_same_inputs_same_bytes(project, catalog, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (ada,) = catalog.assessments
    first = packet_files(project, catalog.frameworks[0], ada)
    second = packet_files(project, catalog.frameworks[0], ada)
    assert first["docx"].data == second["docx"].data and first["pdf"].data == second["pdf"].data
    dates = {i.date_time for i in zipfile.ZipFile(io.BytesIO(first["docx"].data)).infolist()}
    assert dates == {(2023, 11, 14, 22, 13, 20)}


def test_case_template_has_content_controls(project, catalog):
    document = rendered_file(project, "case-templates", catalog,
                             frameworks=("engineering/backend",), level=3)
    word = docx.Document(io.BytesIO(document.data))
    body = word.element.body
    tags = [t.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
            for t in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tag")]
    assert "candidate" in tags and "summary" in tags
    assert "l3.mastery.writes-idiomatic-go-code.self" in tags
    assert "Gaps" not in headings(word, "Heading 1")


@pytest.mark.parametrize("name", ["../../etc/passwd", "a/b/c", "\x00\x1b[31mEvil", "Å" * 300, ".."])
def test_candidate_names_become_safe_folders(tmp_path, name):
    from docgen.model import Assessment
    from docgen.errors import Location

    where = Location("x.yaml")
    assessment = Assessment("x.yaml", where, "engineering/backend", Person(name), 2, 3, where, where)
    path = packet_file(packet_folders([("x.yaml", assessment.candidate.name)])["x.yaml"], "pdf")
    packets, folder, file = path.split("/")
    assert (packets, file) == ("packets", "promotion-case.pdf") and len(folder) <= 80
    assert ".." not in folder and folder.strip()
    assert place([path], tmp_path, tmp_path / "mine")[path].parent.parent == tmp_path / "mine"


def test_characters_word_cannot_hold_are_cleaned(project, catalog, tmp_path):
    text = ADA.read_text(encoding="utf-8").replace("Ada Lovelace", "Ada\\u0000\\u0007 Lovelace")
    text = text.replace("name: Ada\\u0000\\u0007 Lovelace", 'name: "Ada\\u0000\\u0007 Lovelace"')
    odd = tmp_path / "odd.yaml"
    odd.write_text(text, encoding="utf-8")
    odd_catalog = api.load_catalog(project, [project.framework_dir, odd])
    (assessment,) = odd_catalog.assessments
    assert "\x00" in assessment.candidate.name
    out = packet_files(project, odd_catalog.frameworks[0], assessment)
    assert docx.Document(io.BytesIO(out["docx"].data)).tables[0].rows[0].cells[1].text == "Ada Lovelace"


def test_packet_command_writes_both_files_in_parallel(run, tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    for index in range(3):
        text = ADA.read_text(encoding="utf-8").replace("Ada Lovelace", f"Person {index}")
        (folder / f"p{index}.yaml").write_text(text, encoding="utf-8")
    result = run(["packet", str(folder), "-j", "2", "-o", str(tmp_path / "out")], cwd=REPO)
    assert result.exit_code == 0, result.output
    for index in range(3):
        case = tmp_path / "out" / f"person-{index}"  # -o DIR: DIR/<candidate>/
        assert (case / "promotion-case.docx").stat().st_size > 10_000
        assert (case / "promotion-case.pdf").read_bytes().startswith(b"%PDF")
    assert result.stderr.count("[") == 3  # plain progress lines when not on a terminal


def test_packet_for_a_missing_framework_is_a_clear_error(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(ADA.read_text(encoding="utf-8").replace("engineering/backend", "sales/nope"))
    result = run(["packet", str(bad), "-o", str(tmp_path / "out")], cwd=REPO)
    assert result.exit_code == 1
    assert "bad.yaml:2:12: error: there is no framework 'sales/nope'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_own_word_template_is_filled_in_and_escaped(project, catalog, tmp_path):
    template = tmp_path / "brand.docx"
    document = docx.Document()
    document.add_paragraph("ACME promotion case for {{ candidate.name }} → {{ target_label }}")
    document.add_paragraph("{% for s in sections %}{{ s.title }}: {{ s.met_manager }}/{{ s.total }}; {% endfor %}")
    document.add_paragraph("{% for s in sections %}{% for r in s.rows %}{% for e in r.evidence %}[{{ e.text }}]{% endfor %}{% endfor %}{% endfor %}")
    document.save(template)
    (ada,) = catalog.assessments
    out = packet_files(project, catalog.frameworks[0], ada, ("docx",), docx_template=template)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(out["docx"].data)).paragraphs]
    assert paragraphs[0] == "ACME promotion case for Ada Lovelace → Level 3"
    assert "Mastery: 1/12;" in paragraphs[1]
    assert "<script>alert(1)</script> {{ 7*7 }}" in paragraphs[2]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_word_packet(rendered, tmp_path):
    source = tmp_path / "packet.docx"
    source.write_bytes(rendered["docx"].data)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    converted = (tmp_path / "packet.pdf").read_bytes()
    text = squash(" ".join(pdf_pages_text(converted)))
    assert "Promotion case" in text and "Page 1 of" in text
    assert "Writes idiomatic Go code" in " ".join(table_cells(converted))


def pdf_words(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [w["text"] for page in pdf.pages for w in page.extract_words()]


def test_no_rating_is_broken_inside_a_word_and_every_table_has_the_same_columns(rendered):
    data = rendered["pdf"].data
    words = pdf_words(data)
    for stem, whole in (("consisten", "consistently"), ("developin", "developing")):
        found = [w for w in words if w.startswith(stem)]
        assert found and set(found) <= {whole, whole + ","}, found
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        edges = {tuple(sorted({round(cell[0]) for cell in table.cells}))
                 for page in pdf.pages for table in page.find_tables()
                 if table.extract()[0][0] == "Criterion"}
    assert len(edges) == 1, edges


def test_every_table_stays_inside_the_text_area(rendered):
    """Column widths are set in the stylesheet (fixed table layout): together with the cells'
    padding they must still fit between the margins, and the sign-off's four columns match."""
    with pdfplumber.open(io.BytesIO(rendered["pdf"].data)) as pdf:
        for page in pdf.pages:
            margin = 17 / 25.4 * 72 - 1  # 17 mm side margins, less a point for the border
            for table in page.find_tables():
                left, _, right, _ = table.bbox
                assert left >= margin and right <= page.width - margin, (page.page_number,
                                                                        table.bbox)
                if table.extract()[0][1:] == ["Name", "Decision", "Signature", "Date"]:
                    edges = sorted({round(cell[0]) for cell in table.cells} | {round(right)})
                    widths = [b - a for a, b in zip(edges[1:], edges[2:])]
                    assert max(widths) - min(widths) <= 1, widths
                    signed = True
    assert signed

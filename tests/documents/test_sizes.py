"""Size and shape: huge frameworks, many frameworks, deep lists, long words, other scripts.

What these cost in time and memory is measured by `benchmarks/sizes.py`,
not here: these tests check that nothing is lost, clipped or refused.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import docx
import pdfplumber
import pypdf
import pytest
from conftest import REPO, cards, handbook, packet_files, pdf_pages_text, rendered, squash

from docgen import api
from docgen.engines.glyphs import missing_glyphs

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import synthetic_framework  # noqa: E402

LONG_WORD = "Supercalifragilistic" * 15
LONG_URL = "https://example.com/" + "/".join(["averyverylongpathsegment"] * 8) + "?q=" + "x" * 80
HEBREW = "מהנדס תוכנה בכיר כותב קוד נקי"
ARABIC = "مهندس برمجيات يكتب شيفرة نظيفة"
COMBINING = "Z̴̡̛a̸͎l̷̰g̶̙o café ǹ̃ Kỹ sư phần mềm"


def project_with(tmp_path: Path, files: dict[str, str]) -> api.Project:
    for name, text in files.items():
        path = tmp_path / "framework" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return api.open_project(tmp_path)


def test_a_5_mb_framework_is_read_whole_once_the_limit_is_raised(tmp_path):
    text = synthetic_framework(levels=6, categories=8, per_category=1000)
    assert len(text.encode("utf-8")) > 4.5e6
    project = project_with(tmp_path, {"big.md": text})
    assert [p.code for p in api.load_catalog(project).errors] == ["file-too-large"]
    (tmp_path / "docgen.toml").write_text("[limits]\nfile_bytes = 6000000\n"
                                          "criteria_per_level = 10000\n")
    project = api.open_project(tmp_path)
    catalog = api.load_catalog(project)
    assert not catalog.errors
    (framework,) = catalog.frameworks
    criteria = [c for level in framework.levels for c in level.criteria()]
    assert len(criteria) == 48_000
    assert len({c.id for c in criteria}) == 48_000
    html = handbook(project, api.load_clean_catalog(project), fmt="html").data.decode()
    assert all(f"c{level}-7-999" in html for level in range(1, 7))


def test_2000_criteria_all_reach_the_handbook_and_the_case_template(tmp_path):
    project = project_with(tmp_path, {"wide.md": synthetic_framework(5, 4, 100)})
    catalog = api.load_clean_catalog(project)
    pdf = handbook(project, catalog)
    text = squash(" ".join(pdf_pages_text(pdf.data)))
    tags = set(re.findall(r"c\d-\d-\d+", text))
    assert len(tags) == 2000
    assert pdf.pages > 40
    case = rendered(project, "case-templates", catalog, frameworks=("wide",), level=3)
    rows = sum(len(table.rows) - 1 for table in docx.Document(io.BytesIO(case.data)).tables
               if "Criterion" in table.rows[0].cells[0].text)
    assert rows == 400


def test_500_frameworks_in_one_folder(tmp_path):
    files = {f"team-{i:03d}.md": synthetic_framework(2, 2, 2, words=4, title=f"Team {i}")
             for i in range(500)}
    project = project_with(tmp_path, files)
    catalog = api.load_clean_catalog(project)
    assert len(catalog.frameworks) == 500 and not catalog.problems
    html = handbook(project, catalog, fmt="html").data.decode()
    assert all(f"Team {i}<" in html for i in range(500))
    anchors = re.findall(r'id="([^"]+)"', html)
    assert len(anchors) == len(set(anchors))


def deep_list(depth: int) -> str:
    return "\n".join("  " * i + f"- depth {i}" for i in range(depth))


def test_deeply_nested_lists_keep_every_item(tmp_path):
    text = "---\ntitle: Deep\nyaml: false\n---\n## Level 1\n### A\n" + deep_list(40) \
        + "\n\n## Level 2\n### B\n- After the deep list\n"
    project = project_with(tmp_path, {"deep.md": text})
    catalog = api.load_clean_catalog(project)
    assert [lv.number for lv in catalog.frameworks[0].levels] == [1, 2]
    pdf_text = squash(" ".join(pdf_pages_text(handbook(project, catalog).data)))
    assert all(f"depth {i} " in pdf_text + " " for i in range(40))
    assert "After the deep list" in pdf_text


def test_lists_deeper_than_the_reader_follows_are_an_error_not_a_loss(tmp_path):
    text = "---\ntitle: Deep\nyaml: false\n---\n## Level 1\n### A\n" + deep_list(70) \
        + "\n\n## Level 2\n### B\n- After the deep list\n"
    project = project_with(tmp_path, {"deep.md": text})
    (problem,) = api.load_catalog(project).errors
    assert problem.code == "too-deep" and problem.location.line == 7 + 48  # the 49th list
    assert "the rest of the file would be lost" in problem.message


@pytest.fixture(scope="module")
def odd_text(tmp_path_factory):
    """The handbook, cards and packet of a framework of long words, URLs and other scripts."""
    root = tmp_path_factory.mktemp("odd")
    items = [f"{LONG_WORD} ends here", f"See {LONG_URL} for details", f"Link [{LONG_URL}]({LONG_URL})",
             f"Hebrew: {HEBREW}", f"Arabic: {ARABIC}", f"Combining: {COMBINING}"]
    body = "\n".join(f"- {item}" for item in items)
    project = project_with(root, {"odd.md": f"---\ntitle: Odd\nyaml: false\n---\n## Level 1\n"
                                            f"### Words\n{body}\n## Level 2\n### Words\n{body}\n"})
    assessment = root / "odd.yaml"
    assessment.write_text(f"""framework: odd
candidate: {{name: "{LONG_WORD[:100]}"}}
current_level: 1
target_level: 2
summary: "{LONG_WORD} {LONG_URL} {HEBREW}"
""", encoding="utf-8")
    catalog = api.load_catalog(project, [project.framework_dir, assessment])
    (case,) = catalog.assessments
    
    packet = packet_files(project, catalog.frameworks[0], case, ("pdf",))["pdf"]
    return {"handbook": handbook(project, catalog).data,
            "cards": cards(project, catalog, "odd", per_sheet=1).data, "packet": packet.data}


@pytest.mark.parametrize("document", ["handbook", "cards", "packet"])
def test_long_words_and_urls_wrap_inside_the_page(odd_text, document):
    with pdfplumber.open(io.BytesIO(odd_text[document])) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                assert 0 <= char["x0"] and char["x1"] <= page.width - 20, (document, char["text"])


@pytest.mark.parametrize("document", ["handbook", "cards", "packet"])
def test_right_to_left_and_combining_text_is_drawn(odd_text, document):
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(
        io.BytesIO(odd_text[document])).pages)
    if document != "packet":  # the packet holds the summary, not the criteria
        assert ARABIC in text and "Kỹ sư phần mềm" in text
        assert "café" in squash(text)
    assert HEBREW in text
    assert missing_glyphs(HEBREW + ARABIC + COMBINING, []) == []

"""The HTML handbook, reproducibility of both formats, template overrides and glyph warnings."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from conftest import FIXTURES, REPO, handbook

from docgen import api
from docgen.engines.glyphs import missing_glyphs
from docgen.engines.templating import SearchPath, TemplateError


@pytest.fixture(scope="module")
def seed():
    project = api.open_project(REPO)
    return project, api.load_clean_catalog(project)


def yaml_project():
    project = api.open_project(FIXTURES / "yaml", frameworks=".")
    return project, api.load_clean_catalog(project)


def test_html_is_self_contained_with_stable_anchors(seed):
    project, catalog = seed
    html = handbook(project, catalog, fmt="html").data.decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert '<meta name="viewport"' in html and "<style>" in html
    assert not re.search(r'<(link|script|img|iframe)\b', html)
    assert "url(" not in html  # no fonts or images to fetch
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert {"fw-engineering-backend", "engineering-backend-l3", "engineering-backend-l3-mastery",
            "engineering-backend-l3-mastery-writes-idiomatic-go-code"} <= ids
    for href in re.findall(r'href="#([^"]+)"', html):
        assert href in ids  # every internal link lands
    assert html.count('class="level"') == 6


def test_same_inputs_give_the_same_bytes(seed, monkeypatch):
    project, catalog = seed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = handbook(project, catalog)
    second = handbook(project, catalog)
    assert first.data == second.data
    created = pypdf.PdfReader(io.BytesIO(first.data)).metadata["/CreationDate"]
    assert created.startswith("D:20231114")  # the date comes from SOURCE_DATE_EPOCH
    html = [handbook(project, catalog, fmt="html").data for _ in range(2)]
    assert html[0] == html[1] and b"14 November 2023" in html[0]


def test_inherited_criteria_are_marked(tmp_path):
    project, catalog = yaml_project()
    html = handbook(project, catalog, ["platform"], fmt="html").data.decode("utf-8")
    item = re.search(r'<li class="criterion criterion-generic"[^>]*>\s*<p class="criterion-text">'
                     r'Actively communicates what they are working on <span class="tag tag-generic">'
                     r'generic</span>', html)
    assert item


def test_a_user_template_can_extend_the_default(seed, tmp_path):
    project, catalog = seed
    (tmp_path / "handbook").mkdir()
    (tmp_path / "handbook" / "handbook.html").write_text(
        '{% extends "default/handbook/handbook.html" %}'
        '{% block colophon %}<p class="mine">Printed for the calibration panel</p>{% endblock %}')
    html = handbook(project, catalog, fmt="html", templates=[tmp_path]).data.decode("utf-8")
    assert '<p class="mine">Printed for the calibration panel</p>' in html
    assert "Made with docgen" not in html
    assert html.count('class="level"') == 6


def test_a_user_stylesheet_replaces_the_default(seed, tmp_path):
    project, catalog = seed
    (tmp_path / "handbook").mkdir()
    (tmp_path / "handbook" / "content.css").write_text(".criterion { color: #123456; }")
    html = handbook(project, catalog, fmt="html", templates=[tmp_path]).data.decode("utf-8")
    assert "#123456" in html and "--accent-soft" not in html


def test_missing_template_folder_and_broken_template_are_clear_errors(seed, tmp_path):
    project, catalog = seed
    with pytest.raises(TemplateError, match="template folder does not exist"):
        handbook(project, catalog, templates=[tmp_path / "nope"])
    (tmp_path / "handbook").mkdir()
    (tmp_path / "handbook" / "handbook.html").write_text("{% block x %}")
    with pytest.raises(TemplateError, match=r"handbook\.html:1: template error"):
        handbook(project, catalog, fmt="html", templates=[tmp_path])


def test_characters_no_font_can_draw_are_named():
    fonts = [SearchPath.with_user_folders().find("static/fonts/Inter-Regular.otf")]
    assert missing_glyphs("Plain text — “quoted”", fonts) == []
    assert missing_glyphs("odd \U0010FFFD", fonts) == ["\U0010FFFD"]


@pytest.mark.parametrize("fmt, frameworks, workers", [
    ("html", 1, 1),
    ("pdf", 1, 1),  # one pass, here
    ("pdf", 1, 2),  # one pass, in a worker started early
    ("pdf", 2, 2),  # in units, joined
])
def test_handbook_warns_about_undrawable_characters(tmp_path, fmt, frameworks, workers):
    (tmp_path / "framework").mkdir()
    for number in range(frameworks):
        (tmp_path / "framework" / f"odd{number}.md").write_text(
            f"---\ntitle: \"\U0010FFFD Odd {number}\"\nyaml: false\n---\n## Level 1\n### A\n- b\n",
            encoding="utf-8")
    project = api.open_project(tmp_path)
    document = handbook(project, api.load_clean_catalog(project), fmt=fmt, workers=workers)
    assert len(document.warnings) == 1 and "U+10FFFD" in document.warnings[0]


def test_a_framework_subtitle_is_shown_under_its_title():
    project, catalog = yaml_project()
    html = handbook(project, catalog, fmt="html").data.decode("utf-8")
    assert '<p class="chapter-subtitle">Run by the Platform guild</p>' in html
    export = api.export_json(catalog)
    assert '"subtitle": "Run by the Platform guild"' in export

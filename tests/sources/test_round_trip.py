"""Everything docgen writes, docgen reads: `assessment init` and `assessment import` check clean
whatever text the framework or the spreadsheet holds; control characters never reach an output."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from conftest import load
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from docgen import api
from docgen.errors import Severity
from docgen.model import Person

# Controls (C0, DEL, C1, NEL), bidi marks and embeddings, YAML and Markdown syntax, quotes.
NASTY = ["\x1b", "\x0b", "\x0c", "\x00", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u200f",
         "\u2028", "\ufeff", "#", ":", "'", '"', "\\", "{", "%", "&", "*", "!", "|", ">", "é",
         "Ж", "🛠"]
CHARACTERS = st.sampled_from(list("abc XYZ 123 .,-") + NASTY + [": ", "{{", "\n"])
CRITERION = st.lists(CHARACTERS, min_size=1, max_size=40).map("".join)


def project_with(folder: Path, criteria: list[str]) -> api.Project:
    framework = folder / "framework"
    framework.mkdir(parents=True, exist_ok=True)
    body = "".join(f"- Does {text}\n" for text in criteria)
    (framework / "fw.md").write_text(f"---\ntitle: \u202eT\x1b\nyaml: false\n---\n## Level 1\n"
                                     f"### Craft\n{body}", encoding="utf-8")
    return api.open_project(folder)


def assessment_problems(project: api.Project, text: str) -> list:
    folder = project.root / "assessments"
    folder.mkdir(exist_ok=True)
    (folder / "case.yaml").write_text(text, encoding="utf-8")
    return [p for p in api.load_catalog(project).problems
            if p.location.path.endswith("case.yaml") and p.severity is not Severity.INFO]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(criteria=st.lists(CRITERION, min_size=1, max_size=4), name=CRITERION)
def test_assessment_init_of_any_framework_checks_clean(criteria, name):
    with tempfile.TemporaryDirectory() as tmp:
        project = project_with(Path(tmp), criteria)
        catalog = api.load_catalog(project)
        assume(catalog.frameworks and any(True for _ in catalog.frameworks[0].criteria()))
        assume(not [p for p in catalog.problems if p.severity is Severity.ERROR])
        name = "A" + name
        text = api.blank_assessment(project, catalog, "fw", 1, name)
        assert assessment_problems(project, text) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.tuples(CRITERION, CRITERION), min_size=1, max_size=3))
def test_assessment_import_of_any_cells_checks_clean(cells):
    with tempfile.TemporaryDirectory() as tmp:
        project = project_with(Path(tmp), ["writes tests"])
        catalog = api.load_clean_catalog(project)
        (criterion,) = [c.id for _, _, c in catalog.frameworks[0].criteria()]
        rows = io.StringIO()
        writer = csv.writer(rows)
        writer.writerow(["criterion", "self", "manager", "evidence", "links", "comments"])
        evidence = "\n".join(e for e, _ in cells)
        comments = " ".join(c for _, c in cells)
        writer.writerow([criterion, "consistently", "exceeds", evidence, "", comments])
        sheet = Path(tmp) / "ratings.csv"
        sheet.write_text(rows.getvalue(), encoding="utf-8")
        text = api.import_assessment(project, catalog, sheet, framework_id="fw",
                                     candidate=Person(cells[0][0] + "x", cells[0][1], ""),
                                     current_level=0, target_level=1)
        problems = assessment_problems(project, text)
        assert [p for p in problems if p.code != "met-without-evidence"] == []


def test_control_characters_are_removed_with_one_warning_at_the_first(tmp_path):
    file = tmp_path / "fw.md"
    file.write_text("---\ntitle: Craft\x1b\nyaml: false\n---\n## Level 1\n### Craft\n"
                    "- Writes\x0b tests\x7f\n", encoding="utf-8")
    catalog = load(file, root=tmp_path)
    [warning] = [p for p in catalog.problems if p.code == "control-character"]
    assert (warning.location.line, warning.location.column) == (2, 13)
    assert "U+001B" in warning.message and "2 more" in warning.message
    framework = catalog.frameworks[0]
    assert framework.title == "Craft"
    assert [c.text for _, _, c in framework.criteria()] == ["Writes tests"]


def test_no_control_character_reaches_the_handbook(tmp_path):
    project = project_with(tmp_path, ["x\x1by\x9bz"])
    catalog = api.load_clean_catalog(project)
    (html,) = api.render(project, "handbook", catalog, formats=("html",))
    text = html.data.decode("utf-8")
    assert "xyz" in text and not any(ch in text for ch in "\x1b\x9b")

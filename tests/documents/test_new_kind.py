"""A new output kind is one package: registered through `docgen.documents` alone, built by `docgen build`.

The toy kind here is a plain-text "criteria list": for each framework, one
file of its criteria and one index line per level (two files per job, as a
website would make many).  Nothing else in docgen is told about it.
"""

from __future__ import annotations

import json

import pytest

from docgen import api, documents
from docgen.build.records import records
from docgen.documents import DocumentKind, DocumentSettings, Job, Rendered
from docgen.output import artifact_path


def criteria_settings(project, **options) -> DocumentSettings:
    return DocumentSettings(**DocumentSettings.common(project))


def criteria_plan(catalog, settings) -> list[Job]:
    return [Job("criteria-list", (artifact_path("criteria", fw.id, suffix=".txt"),
                                  artifact_path("criteria", fw.id, suffix=".levels.txt")),
                catalog.sources_of(fw), (fw,))
            for fw in catalog.frameworks]


def criteria_render(job: Job, settings: DocumentSettings) -> tuple[Rendered, ...]:
    framework = job.frameworks[0]
    lines = [f"{c.id}\t{c.text}" for level in framework.levels for c in level.criteria()]
    levels = [f"Level {level.number}: {sum(1 for _ in level.criteria())} criteria"
              for level in framework.levels]
    return (Rendered(job.outputs[0], ("\n".join(lines) + "\n").encode(), "text/plain"),
            Rendered(job.outputs[1], ("\n".join(levels) + "\n").encode(), "text/plain"))


CRITERIA_LIST = DocumentKind("criteria-list", "criteria", criteria_settings, criteria_plan,
                             criteria_render)


@pytest.fixture
def toy_kind():
    with documents.replaced(CRITERIA_LIST) as kind:
        yield kind


def test_docgen_build_makes_a_registered_kind_with_records_and_manifest(project_dir, run, toy_kind):
    (project_dir / "docgen.toml").write_text('outputs = ["criteria-list", "handbook"]\n',
                                             encoding="utf-8")
    result = run(["build", "-j", "2"], cwd=project_dir)
    assert result.exit_code == 0, result.output
    out = project_dir / "out"
    backend = (out / "criteria" / "engineering-backend.txt").read_text()
    assert "\t" in backend and len(backend.splitlines()) > 50
    assert (out / "criteria" / "design.levels.txt").read_text() == \
        "Level 1: 1 criteria\nLevel 2: 1 criteria\n"
    made = records(out)
    assert [f.path for f in made["criteria/design.txt"].files] == [
        "criteria/design.txt", "criteria/design.levels.txt"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted(a["path"] for a in manifest["artifacts"]) == [
        "criteria/design.levels.txt", "criteria/design.txt",
        "criteria/engineering-backend.levels.txt", "criteria/engineering-backend.txt",
        "handbook.html", "handbook.pdf"]


def test_a_registered_kind_is_incremental_like_the_built_in_ones(project_dir, toy_kind):
    (project_dir / "docgen.toml").write_text('outputs = ["criteria-list"]\n', encoding="utf-8")
    project = api.open_project(project_dir)
    assert len(api.build(project, jobs=1).made) == 2
    design = project_dir / "framework" / "design.md"
    design.write_text(design.read_text() + "- Runs workshops\n", encoding="utf-8")
    again = api.build(api.open_project(project_dir), jobs=1)
    assert again.written == ["criteria/design.levels.txt", "criteria/design.txt"]


def test_the_kind_is_unknown_once_it_is_unregistered(project_dir, run):
    (project_dir / "docgen.toml").write_text('outputs = ["criteria-list"]\n', encoding="utf-8")
    result = run(["build"], cwd=project_dir)
    assert result.exit_code == 1
    assert "criteria-list" in result.stderr and "Traceback" not in result.output


def test_a_built_in_kind_imports_only_its_own_module():
    """`docgen handbook` does not pay for the packets' python-docx or the cards' pypdf; the
    kinds are still listed built-in first, in `docgen build`'s order, whichever came first."""
    import subprocess
    import sys

    script = ("import sys; from docgen import documents; documents.kind('packets'); "
              "print(sorted(m for m in ('docgen.documents.handbook', 'docgen.documents.cards')"
              " if m in sys.modules)); print(documents.names())")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[0] == "[]"
    assert out[1] == "('handbook', 'cards', 'case-templates', 'packets')"

"""Many input files are read in worker processes: the catalog is the one read in one process."""

from __future__ import annotations

import shutil

from conftest import FIXTURES, REPO

import docgen.parallel
import docgen.sources
from docgen import api


def test_files_read_in_workers_give_the_same_catalog_and_problems(tmp_path, monkeypatch):
    folder = tmp_path / "assessments"
    folder.mkdir()
    for n in range(4):
        shutil.copy(FIXTURES / "assessments" / "ada.yaml", folder / f"ada{n}.yaml")
    shutil.copy(FIXTURES / "assessments" / "bad.yaml", folder / "bad.yaml")
    shutil.copy(FIXTURES / "assessments-bad" / "unknown_criterion.yaml", folder / "unknown.yaml")
    (folder / "broken.yaml").write_text("candidate: [unclosed\n", encoding="utf-8")
    project = api.open_project(REPO)
    paths = [project.framework_dir, folder]
    alone = api.load_catalog(project, paths, workers=1)

    runs = []
    real_run = docgen.parallel.run
    monkeypatch.setattr(docgen.parallel, "run", lambda *a, **k: runs.append(a[2]) or real_run(*a, **k))
    monkeypatch.setattr(docgen.sources, "PARALLEL_BYTES", 0)  # these few files count as many
    apart = api.load_catalog(project, paths, workers=2)

    assert runs == [2]  # the assessments were read by two workers (one framework file: alone)
    assert apart.assessments == alone.assessments and len(apart.assessments) == 6
    assert apart.problems == alone.problems
    assert {"unknown-framework", "unknown-criterion", "yaml-syntax"} <= {p.code for p in apart.problems}


def test_framework_files_read_in_workers_give_the_same_frameworks(monkeypatch):
    project = api.open_project(FIXTURES / "yaml", frameworks=".")
    alone = api.load_catalog(project, workers=1)
    runs = []
    real_run = docgen.parallel.run
    monkeypatch.setattr(docgen.parallel, "run", lambda *a, **k: runs.append(a[2]) or real_run(*a, **k))
    monkeypatch.setattr(docgen.sources, "PARALLEL_BYTES", 0)
    apart = api.load_catalog(project, workers=2)
    assert runs == [2]
    assert [fw.id for fw in apart.frameworks] == ["generic", "platform"]
    assert apart.frameworks == alone.frameworks and apart.problems == alone.problems

"""docgen build: everything, once; only what changed; shards; atomic; clean; strict; init."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import files

import docgen.build
from docgen import api
from docgen.errors import DocgenError, ProblemsError


def build(root: Path, **options):
    return api.build(api.open_project(root), jobs=1, **options)


def test_a_clean_build_makes_everything_and_the_manifest(project_dir):
    result = build(project_dir)
    out = project_dir / "out"
    expected = {"handbook.pdf", "handbook.html", "cards/engineering-backend.pdf", "cards/design.pdf",
                "case-templates/design-L1.docx", "case-templates/design-L2.docx",
                "packets/ada-lovelace/promotion-case.docx", "packets/ada-lovelace/promotion-case.pdf"}
    expected |= {f"case-templates/engineering-backend-L{n}.docx" for n in range(1, 7)}
    assert set(result.written) == expected
    manifest = json.loads((out / "manifest.json").read_text())
    assert [a["path"] for a in manifest["artifacts"]] == sorted(expected)
    import hashlib

    for entry in manifest["artifacts"]:
        data = (out / entry["path"]).read_bytes()
        assert entry["bytes"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["source_date_epoch"] == 1700000000 and len(manifest["inputs_sha256"]) == 64


def test_a_second_build_makes_nothing_and_a_changed_framework_only_its_own(project_dir):
    build(project_dir)
    again = build(project_dir)
    assert again.made == () and again.unchanged == again.planned
    design = project_dir / "framework" / "design.md"
    design.write_text(design.read_text() + "- Runs workshops\n", encoding="utf-8")
    changed = build(project_dir)
    assert changed.written == [
        "cards/design.pdf", "case-templates/design-L1.docx", "case-templates/design-L2.docx",
        "handbook.html", "handbook.pdf"]


def test_an_altered_or_missing_artifact_is_made_again(project_dir):
    build(project_dir)
    (project_dir / "out" / "cards" / "design.pdf").write_bytes(b"damaged")
    (project_dir / "out" / "handbook.html").unlink()
    assert build(project_dir).written == ["cards/design.pdf", "handbook.html"]


def test_shards_together_equal_a_full_build(project_dir, tmp_path):
    build(project_dir)
    full = {path: data for path, data in files(project_dir / "out").items()
            if not path.startswith(".docgen/")}
    union = tmp_path / "union"
    chapters = []
    for index in (1, 2, 3):
        out = tmp_path / f"shard{index}"
        project = api.open_project(project_dir, out=str(out))
        result = api.build(project, jobs=1, shard=api.Shard(index, 3))
        assert result.manifest is None and not (out / "manifest.json").exists()
        assert "handbook.pdf" not in result.written  # the joining build assembles it
        chapters.append(result.pieces)
        shutil.copytree(out, union, dirs_exist_ok=True)
    assert sorted(chapters) == [0, 1, 1]  # the two chapters, laid out by two shards
    cached = set((union / ".docgen" / "units").glob("*.pdf"))
    assert len(cached) >= 2
    merged = api.build(api.open_project(project_dir, out=str(union)), jobs=1)
    assert merged.written == ["handbook.pdf"] and merged.manifest == union / "manifest.json"
    laid_out_in_join = set((union / ".docgen" / "units").glob("*.pdf")) - cached
    assert len(laid_out_in_join) <= 3  # the front matter (placeholder, numbered), the footer
    joined = {path: data for path, data in files(union).items() if not path.startswith(".docgen/")}
    assert joined == full
    assert api.build(api.open_project(project_dir, out=str(union)), jobs=1).made == ()


def test_parallel_build_equals_serial_build(project_dir, tmp_path):
    serial = files((build(project_dir), project_dir / "out")[1])
    parallel_out = tmp_path / "parallel"
    api.build(api.open_project(project_dir, out=str(parallel_out)), jobs=2)
    assert files(parallel_out) == serial


def test_a_failing_build_leaves_the_previous_artifacts_and_manifest(project_dir):
    build(project_dir)
    before = files(project_dir / "out")
    broken = project_dir / "mytemplates" / "cards"
    broken.mkdir(parents=True)
    (broken / "cards.html").write_text("{% if %}", encoding="utf-8")
    (project_dir / "docgen.toml").write_text('card = "A7"\ntemplates = "mytemplates"\n')
    with pytest.raises(DocgenError, match=r"cards/(design|engineering-backend)\.pdf: .*cards\.html"):
        build(project_dir)
    after = files(project_dir / "out")
    assert after["manifest.json"] == before["manifest.json"]
    assert after["cards/design.pdf"] == before["cards/design.pdf"]
    assert not [p for p in (project_dir / "out").rglob("*.docgen-tmp")]


def test_a_build_removes_the_files_of_inputs_that_are_gone_and_only_those(project_dir):
    build(project_dir)
    keep = project_dir / "out" / "notes.txt"
    keep.write_text("mine")
    (project_dir / "assessments" / "ada.yaml").unlink()
    result = build(project_dir)
    assert sorted(result.removed) == ["packets/ada-lovelace/promotion-case.docx",
                                      "packets/ada-lovelace/promotion-case.pdf"]
    assert not (project_dir / "out" / "packets" / "ada-lovelace" / "promotion-case.pdf").exists()
    assert (project_dir / "out" / "packets" / "ada-lovelace").is_dir()  # folders: with --clean
    assert keep.read_text() == "mine"
    manifest = json.loads((project_dir / "out" / "manifest.json").read_text())
    assert not any(a["path"].startswith("packets/") for a in manifest["artifacts"])


def test_clean_also_removes_the_folders_it_empties_but_not_yours(project_dir):
    build(project_dir)
    mine = project_dir / "out" / "packets" / "mine"
    mine.mkdir()
    (project_dir / "assessments" / "ada.yaml").unlink()
    build(project_dir, clean_up=True)
    assert not (project_dir / "out" / "packets" / "ada-lovelace").exists()
    assert mine.is_dir()


def test_a_framework_with_errors_keeps_its_files(project_dir):
    build(project_dir)
    (project_dir / "framework" / "design.md").write_text("---\ntitle: [\n---\n")
    result = build(project_dir)
    assert result.errors and result.removed == ()
    assert (project_dir / "out" / "cards" / "design.pdf").exists()


def test_strict_fails_on_warnings_before_writing_anything(project_dir):
    (project_dir / "framework" / "design.md").write_text(
        "---\ntitle: Design\nyaml: false\nlevels: 3\n---\n## Level 1\n### Craft\n- Sketches\n")
    with pytest.raises(ProblemsError):
        build(project_dir, strict=True)
    assert not (project_dir / "out").exists()
    assert build(project_dir).manifest is not None


def test_outputs_setting_chooses_what_is_built(project_dir):
    (project_dir / "docgen.toml").write_text('outputs = ["cards"]\n')
    assert {p.split("/")[0] for p in build(project_dir).written} == {"cards"}


def test_shards_share_the_work_by_weight_and_together_hold_every_job():
    from docgen.build.plan import Artifact
    from docgen.documents import Job
    plan = [Artifact(Job("x", (f"{name}.pdf",), ()), "k", weight)
            for name, weight in [("book", 90), ("a", 30), ("b", 30), ("c", 30), ("d", 20),
                                 ("e", 10), ("f", 10)]]
    shares = [api.Shard(i, 3).select(plan) for i in (1, 2, 3)]
    assert sorted(a.name for share in shares for a in share) == sorted(a.name for a in plan)
    loads = sorted(sum(a.weight for a in share) for share in shares)
    assert loads == [60, 70, 90]  # the heaviest job alone; every third by name: 70, 50, 100
    assert shares[0] == [plan[0]]


def test_shard_argument():
    assert api.Shard.parse("2/4") == api.Shard(2, 4)
    for bad in ("0/2", "3/2", "x", "1/0"):
        with pytest.raises(DocgenError):
            api.Shard.parse(bad)


def test_cli_build_and_init(run, tmp_path):
    result = run(["init"], cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "docgen.toml").read_text().splitlines()[1].startswith("# docgen configuration")
    assert (tmp_path / "assessments" / "example.yaml").is_file()
    built = run(["build", "-j", "1"], cwd=tmp_path)
    assert built.exit_code == 0, built.output
    assert "made, 0 unchanged" in built.stderr and (tmp_path / "out" / "manifest.json").is_file()
    again = run(["build"], cwd=tmp_path)
    assert "0 made" in again.stderr
    assert run(["build", "--shard", "5/2"], cwd=tmp_path).exit_code == 2


def test_a_commit_to_one_framework_re_makes_only_what_is_made_from_it(project_dir, monkeypatch):
    import subprocess

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    env = {**__import__("os").environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}

    def commit(message: str, when: str) -> None:
        stamp = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        subprocess.run(["git", "add", "-A"], cwd=project_dir, check=True, env=env)
        subprocess.run(["git", "commit", "-qm", message], cwd=project_dir, check=True,
                       env={**env, **stamp})

    subprocess.run(["git", "init", "-q"], cwd=project_dir, check=True)
    (project_dir / ".gitignore").write_text("out/\n")
    commit("start", "2026-01-01T00:00:00Z")
    build(project_dir)
    units = project_dir / "out" / ".docgen" / "units"
    before = set(units.glob("*.pdf"))
    design = project_dir / "framework" / "design.md"
    design.write_text(design.read_text() + "- Runs workshops\n", encoding="utf-8")
    commit("design", "2026-02-01T00:00:00Z")
    changed = build(project_dir)
    assert changed.written == [
        "cards/design.pdf", "case-templates/design-L1.docx", "case-templates/design-L2.docx",
        "handbook.html", "handbook.pdf"]
    # the handbook's units: the front matter (twice: to count its pages, then numbered), two
    # chapters, the footer; of these the design chapter and the numbered front matter are new,
    # the backend chapter, the front matter's page count (same titles) and the footer (the
    # book as long as before) came from the cache
    new = set(units.glob("*.pdf")) - before
    assert len(before) == 5 and len(new) == 2
    manifest = json.loads((project_dir / "out" / "manifest.json").read_text())
    assert manifest["source_date_epoch"] == 1769904000  # 2026-02-01, the newest input


def test_a_build_with_nothing_changed_parses_nothing(project_dir, monkeypatch):
    build(project_dir)

    def no_parsing(*args, **kwargs):
        raise AssertionError("the inputs were parsed")

    monkeypatch.setattr(docgen.build, "load_catalog", no_parsing)
    again = build(project_dir)
    assert again.made == () and again.manifest is not None
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    design = project_dir / "framework" / "design.md"
    design.write_text(design.read_text() + "- Runs workshops\n", encoding="utf-8")
    assert "cards/design.pdf" in set(build(project_dir).written)


def test_strict_still_fails_when_the_plan_comes_from_the_cache(project_dir):
    (project_dir / "framework" / "design.md").write_text(
        "---\ntitle: Design\nyaml: false\nlevels: 3\n---\n## Level 1\n### Craft\n- Sketches\n")
    build(project_dir)
    with pytest.raises(ProblemsError):
        build(project_dir, strict=True)


@pytest.mark.parametrize("recorded", ["VICTIM", "../framework/engineering/backend.md",
                                      "cards/../../framework/design.md"])
def test_clean_never_follows_a_record_out_of_out(project_dir, tmp_path, recorded):
    build(project_dir)
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    path = str(victim) if recorded == "VICTIM" else recorded
    records = project_dir / "out" / ".docgen" / "records"
    (records / "planted.json").write_text(json.dumps(
        {"job": "planted", "key": "x", "files": [{"path": path, "bytes": 7, "sha256": "0"}]}))
    inputs = files(project_dir / "framework")
    result = build(project_dir, clean_up=True)
    assert victim.read_text() == "keep me" and files(project_dir / "framework") == inputs
    assert path not in result.removed
    assert any("is outside" in w and path in w for w in result.warnings)

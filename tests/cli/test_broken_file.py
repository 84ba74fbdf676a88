"""One broken framework file is one problem: the rest of the project still works, and says so."""

from __future__ import annotations

import json

import pytest

BROKEN = "---\ntitle: Ops\nyaml: true\ntopics:\n  - name: craft\n    titel: Craft\n---\n"


@pytest.fixture
def broken(project_dir):
    """The project, plus `framework/ops.md` with an error (a misspelt key) at line 6."""
    (project_dir / "framework" / "ops.md").write_text(BROKEN, encoding="utf-8")
    return project_dir


def test_check_still_fails(broken, run):
    result = run(["check"])
    assert result.exit_code == 1 and "framework/ops.md:6:5: error: unknown key 'titel'" in \
        result.stdout


@pytest.mark.parametrize("args", [
    ["list", "--framework", "design"],
    ["export", "--framework", "design"],
    ["handbook", "--framework", "design", "--format", "html", "-o", "-"],
    ["cards", "--framework", "design", "--card", "A7", "-o", "design.pdf"],
    ["case-template", "--framework", "design", "--level", "1", "-o", "case.docx"],
    ["assessment", "init", "--framework", "design", "--level", "2"],
])
def test_commands_that_name_another_framework_work(broken, run, args):
    result = run(args)
    assert result.exit_code == 0, result.output
    assert "ops.md" not in result.output


def test_naming_the_broken_framework_shows_its_errors(broken, run):
    result = run(["cards", "--framework", "ops"])
    assert result.exit_code == 1
    assert "framework/ops.md:6:5: error: unknown key 'titel'" in result.stderr
    assert "no framework" not in result.stderr


def test_list_and_export_show_the_rest_and_exit_1(broken, run):
    listed = run(["list"])
    assert listed.exit_code == 1
    assert "design" in listed.stdout and "engineering/backend" in listed.stdout
    assert "ops.md:6:5" in listed.stderr and "made only what does not depend" in listed.stderr
    exported = run(["export"])
    assert exported.exit_code == 1
    assert [f["id"] for f in json.loads(exported.stdout)["frameworks"]] == [
        "design", "engineering/backend"]


def test_build_makes_everything_but_what_depends_on_the_broken_file(broken, run):
    result = run(["build", "-j", "2"])
    assert result.exit_code == 1
    out = broken / "out"
    assert (out / "cards" / "design.pdf").is_file()
    assert (out / "cards" / "engineering-backend.pdf").is_file()
    assert (out / "packets" / "ada-lovelace" / "promotion-case.pdf").is_file()
    assert not (out / "handbook.pdf").exists() and not (out / "cards" / "ops.pdf").exists()
    assert "the handbook is not made: it holds every framework, and framework/ops.md has " \
           "errors" in result.stderr
    assert "framework/ops.md:6:5: error" in result.stderr
    assert not (out / "manifest.json").exists()
    (broken / "framework" / "ops.md").unlink()
    fixed = run(["build"])
    assert fixed.exit_code == 0 and (out / "handbook.pdf").is_file()
    assert (out / "manifest.json").is_file()


def test_an_assessment_of_a_broken_framework_is_told_once_after_its_error(broken, run):
    ada = broken / "assessments" / "ada.yaml"
    ada.write_text(ada.read_text().replace("engineering/backend", "ops"), encoding="utf-8")
    result = run(["check"])
    lines = result.stdout.splitlines()
    mine = [n for n, line in enumerate(lines) if "ada.yaml" in line]
    assert len(mine) == 1 and "framework 'ops' has errors (see above)" in lines[mine[0]]
    assert mine[0] > next(n for n, line in enumerate(lines) if "ops.md:6:5" in line)
    assert "did you mean" not in lines[mine[0]] and "there is no framework" not in result.stdout


def test_packets_of_healthy_frameworks_are_made(broken, run, tmp_path):
    other = broken / "assessments" / "grace.yaml"
    other.write_text((broken / "assessments" / "ada.yaml").read_text()
                     .replace("engineering/backend", "ops").replace("Ada Lovelace", "Grace"),
                     encoding="utf-8")
    result = run(["packet", "assessments", "--format", "docx", "-o", str(tmp_path / "p")])
    assert result.exit_code == 1
    assert (tmp_path / "p" / "ada-lovelace" / "promotion-case.docx").is_file()
    assert not (tmp_path / "p" / "grace").exists()
    assert "grace.yaml" in result.stderr and "has errors" in result.stderr


def test_a_broken_example_criterion_gives_no_unrelated_suggestion(project_dir, run):
    (project_dir / "framework" / "ops.md").write_text(
        "---\ntitle: Ops\nyaml: true\ntopics:\n  - name: craft\n    title: Craft\n    content:\n"
        "      - level: 1\n        criteria: [Runs the rota]\n        exampleCriteria:\n"
        "          - examples: [Paged at 3am]\n---\n", encoding="utf-8")
    (project_dir / "assessments" / "ops.yaml").write_text(
        'framework: ops\ncandidate: {name: Lin}\ncurrent_level: 0\ntarget_level: 1\nratings:\n'
        '  l1.craft.handles-incidents: {self: consistently, evidence: [x]}\n', encoding="utf-8")
    result = run(["check", "assessments/ops.yaml"])
    assert result.exit_code == 1
    assert "framework 'ops' has errors" in result.stdout and "did you mean" not in result.stdout


def test_did_you_mean_stays_within_the_level_and_category(project_dir, run):
    ada = project_dir / "assessments" / "ada.yaml"
    ada.write_text(ada.read_text().replace("l3.mastery.writes-idiomatic-go-code",
                                           "l3.impact.writes-idiomatic-go-code"), encoding="utf-8")
    result = run(["check"])
    line = next(line for line in result.stdout.splitlines() if "l3.impact.writes" in line)
    assert "did you mean" not in line
    ada.write_text(ada.read_text().replace("l3.impact.writes-idiomatic-go-code",
                                           "l3.mastery.writes-idiomatic-go-cod"), encoding="utf-8")
    line = next(line for line in run(["check"]).stdout.splitlines() if "go-cod" in line)
    assert "did you mean 'l3.mastery.writes-idiomatic-go-code'?" in line

"""The pre-commit hook: `docgen check --changed FILES` follows the project's configuration."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import REPO

BROKEN = "---\ntitle: [unclosed\n---\n"


def _project(root: Path) -> Path:
    """A project whose frameworks, assessments and templates live where docgen.toml says."""
    (root / "career" / "ladders").mkdir(parents=True)
    (root / "career" / "ladders" / "eng.md").write_text(
        "---\ntitle: Eng\nyaml: false\n---\n## Level 1\n### Craft\n- Writes code\n",
        encoding="utf-8")
    (root / "reviews").mkdir()
    (root / "branding" / "handbook").mkdir(parents=True)
    (root / "docgen.toml").write_text(
        'frameworks = "career/ladders"\nassessments = "reviews"\ntemplates = "branding"\n',
        encoding="utf-8")
    (root / "notes.md").write_text("# not docgen's\n", encoding="utf-8")
    return root


def test_a_change_docgen_does_not_read_does_nothing(run, tmp_path):
    root = _project(tmp_path)
    (root / "career" / "ladders" / "eng.md").write_text(BROKEN, encoding="utf-8")
    result = run(["check", "--strict", "--changed", "notes.md"], cwd=root)
    assert result.exit_code == 0 and result.output == ""


def test_a_framework_in_the_configured_folder_is_checked(run, tmp_path):
    root = _project(tmp_path)
    (root / "career" / "ladders" / "eng.md").write_text(BROKEN, encoding="utf-8")
    result = run(["check", "--strict", "--changed", "notes.md", "career/ladders/eng.md"],
                 cwd=root)
    assert result.exit_code == 1 and "career/ladders/eng.md:3:1: error:" in result.output


def test_a_changed_configuration_or_template_checks_the_project(run, tmp_path):
    root = _project(tmp_path)
    (root / "career" / "ladders" / "eng.md").write_text(BROKEN, encoding="utf-8")
    assert run(["check", "--changed", "docgen.toml"], cwd=root).exit_code == 1
    (root / "career" / "ladders" / "eng.md").write_text(
        "---\ntitle: Eng\nyaml: false\n---\n## Level 1\n### Craft\n- Writes code\n",
        encoding="utf-8")
    (root / "branding" / "handbook" / "chapter.html").write_text(
        "<h1>{{ title }}</h1>\n{% if x %}\n", encoding="utf-8")
    result = run(["check", "--changed", "branding/handbook/chapter.html"], cwd=root)
    assert result.exit_code == 1
    assert "branding/handbook/chapter.html:2:1: error: template error:" in result.output


def test_the_hook_definition_passes_changed_files_to_check_changed():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["entry"].split()[:2] == ["docgen", "check"] and "--changed" in hook["entry"]
    assert hook.get("pass_filenames", True) and "files" not in hook  # the config decides

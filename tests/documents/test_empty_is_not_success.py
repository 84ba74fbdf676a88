"""Empty is not success: no document without content, no silent exit 0 when nothing was made."""

from __future__ import annotations

import pytest
from conftest import load

from docgen.errors import Severity

VALUES = "---\ntitle: Our values\nyaml: false\n---\nWe are kind.\n\nWe are curious.\n"


@pytest.fixture
def with_values(project_dir):
    (project_dir / "framework" / "values.md").write_text(VALUES, encoding="utf-8")
    return project_dir


def test_cards_skip_a_framework_without_levels_with_a_note(with_values, run):
    result = run(["cards", "--card", "A7", "-o", "cards"])
    assert result.exit_code == 0, result.output
    assert "docgen: note: values has no levels, so it has no level cards" in result.stderr
    assert sorted(p.name for p in (with_values / "cards").iterdir()) == [
        "design.pdf", "engineering-backend.pdf"]


def test_cards_of_only_a_framework_without_levels_is_an_error(with_values, run):
    result = run(["cards", "--framework", "values"])
    assert result.exit_code == 1
    assert "nothing to make cards from: values has no levels" in result.stderr
    assert not (with_values / "out").exists()


def test_build_makes_no_empty_document_and_says_what_it_left_out(with_values, run):
    (with_values / "docgen.toml").write_text('outputs = ["cards", "case-templates"]\ncard = "A7"\n',
                                             encoding="utf-8")
    result = run(["build", "-j", "2"])
    assert result.exit_code == 0, result.output
    out = with_values / "out"
    assert not (out / "cards" / "values.pdf").exists()
    assert not list((out / "case-templates").glob("values*"))
    assert "note: values has no levels, so it has no level cards" in result.stderr
    assert "note: values has no criteria, so it has no case templates" in result.stderr
    again = run(["build"])  # from the cached plan: the notes are still said
    assert "0 made" in again.stderr and "note: values has no levels" in again.stderr


@pytest.mark.parametrize("command", [["cards"], ["handbook"], ["case-template", "--framework",
                                                                "x", "--level", "1"]])
def test_a_project_without_frameworks_is_an_error(tmp_path, run, command):
    (tmp_path / "framework").mkdir()
    result = run(command, cwd=tmp_path)
    assert result.exit_code == 1 and result.stderr.strip()
    assert not (tmp_path / "out").exists()


def test_body_levels_of_a_yaml_framework_are_warned_about(tmp_path):
    file = tmp_path / "hybrid.md"
    file.write_text("---\ntitle: Hybrid\nyaml: true\ntopics:\n  - name: craft\n    title: Craft\n"
                    "    content:\n      - level: 1\n        criteria: [Writes tests]\n---\n"
                    "Intro.\n\n## Level 1\nJuniors learn.\n", encoding="utf-8")
    [warning] = [p for p in load(file, root=tmp_path).problems if p.code == "body-levels-ignored"]
    assert warning.severity is Severity.WARNING and warning.location.line == 13
    assert "'## Level 1'" in warning.message

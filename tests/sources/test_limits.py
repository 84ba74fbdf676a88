"""Small files that would cost minutes or gigabytes, or end in a traceback, are located errors."""

from __future__ import annotations

import pytest
from conftest import load

from docgen import api
from docgen.errors import ConfigError

BOMB_FRAMEWORK = ('---\ntitle: T\nyaml: true\nsubtitle: &S "{text}"\ntopics:\n  - name: craft\n'
                  '    title: Craft\n    content:\n      - level: 1\n        criteria: [{refs}]\n---\n')


def errors(catalog, code):
    return [p for p in catalog.errors if p.code == code]


def test_an_alias_in_a_framework_is_refused_at_its_place(tmp_path):
    file = tmp_path / "fw.md"
    file.write_text(BOMB_FRAMEWORK.format(text="x" * 1000, refs=", ".join(["*S"] * 1000)),
                    encoding="utf-8")
    catalog = load(file, root=tmp_path)
    [problem] = errors(catalog, "yaml-alias")
    assert (problem.location.line, problem.location.column) == (10, 20)
    assert "'*S'" in problem.message and catalog.frameworks == ()


@pytest.mark.parametrize("text", [
    "framework: a\ncandidate: &P {name: Ada}\nassessors: [*P]\ncurrent_level: 1\ntarget_level: 2\n",
    "framework: a\ncandidate: {name: Ada}\ncurrent_level: 1\ntarget_level: 2\nratings:\n"
    "  l2.c.x: &R {self: developing}\n  l2.c.y: {<<: *R, manager: developing}\n",
])
def test_an_alias_or_merge_key_in_an_assessment_is_refused(tmp_path, text):
    file = tmp_path / "case.yaml"
    file.write_text(text, encoding="utf-8")
    catalog = load(tmp_path / "none", file, root=tmp_path)
    assert errors(catalog, "yaml-alias") and catalog.assessments == ()


@pytest.mark.parametrize("where", ["levels: {n}", "topics:\n  - name: c\n    content:\n"
                                                  "      - level: {n}\n"])
def test_a_5001_digit_number_in_a_framework_is_a_located_error(tmp_path, where):
    file = tmp_path / "fw.md"
    file.write_text("---\ntitle: T\nyaml: true\n" + where.format(n="1" * 5001) + "\n---\n",
                    encoding="utf-8")
    [problem] = errors(load(file, root=tmp_path), "number-too-long")
    assert "5001 digits" in problem.message and problem.location.line >= 4


def test_a_5001_digit_number_in_an_assessment_is_a_located_error(tmp_path):
    file = tmp_path / "case.yaml"
    file.write_text("framework: a\ncandidate: X\ncurrent_level: " + "1" * 5001 + "\n"
                    "target_level: 2\n", encoding="utf-8")
    [problem] = errors(load(tmp_path / "none", file, root=tmp_path), "number-too-long")
    assert (problem.location.line, problem.location.column) == (3, 16)


def test_a_5001_digit_number_in_the_configuration_is_a_located_error(tmp_path, run):
    (tmp_path / "docgen.toml").write_text("[levels]\nL1 = " + "1" * 5001 + "\n")
    with pytest.raises(ConfigError) as caught:
        api.open_project(tmp_path)
    assert str(caught.value.problem.location) == f"{tmp_path / 'docgen.toml'}:2:6"
    result = run(["check"], cwd=tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_a_file_past_the_byte_limit_is_refused_before_it_is_read(project_dir, run):
    big = project_dir / "framework" / "big.md"
    big.write_text("---\ntitle: Big\nyaml: false\n---\n## Level 1\n### Craft\n"
                   + "- Writes a long criterion\n" * 100_000, encoding="utf-8")
    result = run(["check"])
    assert result.exit_code == 1
    assert "framework/big.md:1:1: error: the file is 2,600,052 bytes; docgen reads at most " \
           "2,000,000 a file (raise file_bytes under [limits] in docgen.toml" in result.stdout
    (project_dir / "docgen.toml").write_text("[limits]\nfile_bytes = 3000000\n"
                                             "criteria_per_level = 200000\n")
    assert run(["check"]).exit_code == 0  # warnings (repeated criteria), no error


def test_criteria_per_level_and_text_length_are_limited(project_dir, run):
    (project_dir / "docgen.toml").write_text("[limits]\ncriteria_per_level = 2\n"
                                             "text_characters = 40\n")
    (project_dir / "framework" / "ops.md").write_text(
        "---\ntitle: Ops\nyaml: false\n---\n## Level 1\n### Craft\n- One\n- Two\n- Three\n"
        "## Level 2\n### Craft\n- " + "A very long criterion " * 3 + "\n", encoding="utf-8")
    result = run(["check", "framework/ops.md"])
    assert result.exit_code == 1
    assert "framework/ops.md:5:1: error: Level 1 has 3 criteria; docgen takes at most 2" in \
        result.stdout
    assert "framework/ops.md:12:1: error: a criterion of 65 characters" in result.stdout


@pytest.mark.parametrize("table, message", [
    ("[limits]\nfile_byte = 5\n", "unknown limit 'file_byte' (did you mean 'file_bytes'?)"),
    ("[limits]\nfile_bytes = 0\n", "limit 'file_bytes' must be a whole number above 0"),
    ('[limits]\nfile_bytes = "big"\n', "limit 'file_bytes' must be a whole number above 0"),
])
def test_a_wrong_limit_is_a_config_error(tmp_path, table, message):
    (tmp_path / "docgen.toml").write_text(table)
    with pytest.raises(ConfigError) as caught:
        api.open_project(tmp_path)
    assert message in str(caught.value)

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

"""What people expect of a tool like docgen: init DIR, templates export, schemas for editors,
shell completion, and a summary of what was written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import yaml

from docgen import schemas
from docgen.config import config_schema
from docgen.report import where_written


def test_init_makes_the_folder_and_says_what_it_wrote_then_what_it_kept(run, tmp_path):
    first = run(["init", "team"], cwd=tmp_path)
    assert first.exit_code == 0
    assert "wrote team/docgen.toml" in first.stderr
    assert "wrote team/assessments/example.yaml" in first.stderr
    (tmp_path / "team" / "docgen.toml").write_text('title = "Mine"\n', encoding="utf-8")
    again = run(["init", "team"], cwd=tmp_path)
    assert again.exit_code == 0 and "wrote" not in again.stderr
    assert "kept team/docgen.toml (it exists" in again.stderr
    assert "nothing written" in again.stderr
    assert (tmp_path / "team" / "docgen.toml").read_text() == 'title = "Mine"\n'


def _schema_line(text: str, marker: str) -> str:
    first = text.splitlines()[0]
    assert first.startswith(marker), first
    return first[len(marker):]


def test_files_init_writes_point_editors_at_the_shipped_schemas(run, tmp_path):
    run(["init", "p"], cwd=tmp_path)
    config = (tmp_path / "p" / "docgen.toml").read_text(encoding="utf-8")
    assessment = (tmp_path / "p" / "assessments" / "example.yaml").read_text(encoding="utf-8")
    config_schema_path = Path(_schema_line(config, "#:schema "))
    assessment_schema = Path(_schema_line(assessment, "# yaml-language-server: $schema="))
    # docgen is installed outside this project: the shipped files, by absolute path
    assert config_schema_path == schemas.schema_file("config")
    assert assessment_schema == schemas.schema_file("assessment")
    jsonschema.validate(tomllib.loads(config), json.loads(config_schema_path.read_text()))
    jsonschema.validate(yaml.safe_load(assessment), json.loads(assessment_schema.read_text()))


def test_a_schema_installed_inside_the_project_is_named_relatively(tmp_path, monkeypatch):
    shipped = tmp_path / "proj" / ".venv" / "site" / "docgen" / "schemas"
    monkeypatch.setattr(schemas, "SCHEMA_FOLDER", shipped)
    reference = schemas.schema_reference("assessment", tmp_path / "proj" / "assessments" / "a.yaml",
                                         tmp_path / "proj")
    assert reference == "../.venv/site/docgen/schemas/assessment.schema.json"


def test_the_shipped_config_schema_is_the_one_docgen_describes():
    shipped = json.loads(schemas.schema_file("config").read_text(encoding="utf-8"))
    assert shipped == config_schema(), (
        "regenerate: python -c 'import json; from docgen.config import config_schema; "
        "print(json.dumps(config_schema(), indent=2, ensure_ascii=False))' "
        "> src/docgen/schemas/config.schema.json")


def test_the_config_schema_refuses_what_docgen_refuses_and_takes_what_it_takes():
    validator = jsonschema.Draft202012Validator(config_schema())
    good = tomllib.loads('paper = "letter"\ncard = "a7"\noutputs = ["cards"]\n'
                        '[levels]\nL3 = "Senior"\n[limits]\nfile_bytes = 5000000\n')
    assert list(validator.iter_errors(good)) == []
    for bad in ('papr = "A4"', 'card = "B7"', '[limits]\nfile_byte = 3',
                '[colours]\nmastery = "blue"', 'outputs = ["pdfs"]'):
        assert list(validator.iter_errors(tomllib.loads(bad))), bad


def test_schema_ids_are_names_not_unchecked_web_addresses():
    for name in ("assessment", "config", "export", "framework"):
        data = json.loads(schemas.schema_file(name).read_text(encoding="utf-8"))
        assert data["$id"] == f"tag:progression-docgen,2026:{name}.schema.json"


def test_templates_export_copies_the_defaults_and_keeps_what_exists(run, tmp_path):
    mine = tmp_path / "mine" / "handbook" / "print.css"
    mine.parent.mkdir(parents=True)
    mine.write_text("/* mine */", encoding="utf-8")
    result = run(["templates", "export", "mine", "--only", "Handbook"], cwd=tmp_path)
    assert result.exit_code == 0
    assert (tmp_path / "mine" / "handbook" / "handbook.html").is_file()
    assert (tmp_path / "mine" / "static" / "fonts.css").is_file()
    assert not (tmp_path / "mine" / "cards").exists()
    assert mine.read_text() == "/* mine */" and "kept mine/handbook/print.css" in result.stderr
    assert 'templates = "mine"' in result.stderr


def test_exported_templates_build_the_same_handbook(run, project_dir):
    run(["templates", "export", "mine"])
    (project_dir / "docgen.toml").write_text('templates = "mine"\n', encoding="utf-8")
    assert run(["check"]).exit_code == 0
    ours = run(["handbook", "--format", "html", "-o", "-"]).stdout
    (project_dir / "docgen.toml").write_text("", encoding="utf-8")
    assert run(["handbook", "--format", "html", "-o", "-"]).stdout == ours


def test_shell_completion_offers_the_project_framework_ids(project_dir):
    env = dict(os.environ, COMP_WORDS="docgen cards --framework eng", COMP_CWORD="3",
               _DOCGEN_COMPLETE="bash_complete")
    result = subprocess.run([sys.executable, "-c", "from docgen.cli import main; main()"],
                            env=env, capture_output=True, text=True, check=False)
    assert result.stdout.split() == ["plain,engineering/backend"]


def test_where_written_lists_few_files_and_sums_up_many():
    assert where_written(["out/a.pdf", "out/b.pdf"]) == "out/a.pdf, out/b.pdf"
    many = ["out/handbook.pdf"] + [f"out/packets/p{i}/case.pdf" for i in range(9)]
    assert where_written(many) == "out/handbook.pdf, out/packets/ (9 files)"


def test_ci_false_is_a_person_at_a_terminal(monkeypatch):
    import sys

    from docgen import cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    for value, interactive in (("false", True), ("0", True), ("", True), ("true", False),
                               ("1", False), ("TRUE", False)):
        monkeypatch.setenv("CI", value)
        assert cli.interactive() is interactive, value


def test_build_says_at_the_end_what_it_wrote_and_where(run, project_dir):
    result = run(["build", "-j", "1"])
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("docgen: wrote out/cards/ (2 files), out/case-templates/ (8 files), ")
    assert "out/handbook.pdf" in last and "out/packets/ (2 files)" in last

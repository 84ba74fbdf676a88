"""The command line end to end: exit codes, output formats, list and export."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest
from conftest import FIXTURES, REPO

from docgen import export as export_module

SCHEMA = json.loads((REPO / "src" / "docgen" / "schemas" / "export.schema.json").read_text())


def test_check_of_the_project_passes(run):
    result = run(["check"], cwd=REPO)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "checked 1 framework: no problems" in result.stderr


def test_a_file_named_twice_is_read_once(run, project_dir):
    """A folder and a file in it, or one folder by two paths: no "duplicate framework" error."""
    result = run(["check", "framework", "framework/engineering/backend.md", str(project_dir / "framework")])
    assert result.exit_code == 0, result.output
    assert "checked 2 frameworks: no problems" in result.stderr
    both = run(["check", "assessments", "assessments/ada.yaml"])
    assert "checked 2 frameworks and 1 assessment: no problems" in both.stderr
    # `packet` adds the project's framework folder to what it is given
    packet = run(["packet", "framework", "assessments/ada.yaml", "assessments", "--format", "docx",
                  "-j", "1"])
    assert packet.exit_code == 0, packet.output
    assert sorted(p.name for p in (project_dir / "out" / "packets").rglob("*.docx")) == [
        "promotion-case.docx"]


def test_packet_of_a_folder_with_no_assessments_says_what_to_give(run, project_dir):
    result = run(["packet", "framework"])
    assert result.exit_code == 1
    assert "no assessments among the paths given" in result.stderr
    assert "docgen packet assessments/" in result.stderr


def test_packet_of_assessments_with_errors_names_them(run, project_dir):
    (project_dir / "assessments" / "broken.yaml").write_text("framework: [\n", encoding="utf-8")
    result = run(["packet", "assessments/broken.yaml"])
    assert result.exit_code == 1
    assert "broken.yaml:2:1: error:" in result.stdout + result.stderr
    assert "no packet is made from assessments/broken.yaml: it has errors" in result.stderr


def test_check_warnings_pass_but_fail_with_strict(run):
    yaml = str(FIXTURES / "yaml")
    assert run(["check", yaml]).exit_code == 0
    strict = run(["check", "--strict", yaml])
    assert strict.exit_code == 1
    assert ": warning: TAB after a list dash" in strict.stdout


def test_check_line_format(run):
    result = run(["check", str(FIXTURES / "yaml")])
    for line in result.stdout.strip().split("\n"):
        path, line_no, col, rest = line.split(":", 3)
        assert path.endswith(".md") and line_no.isdigit() and col.isdigit()
        assert rest.split(":")[0].strip() in {"error", "warning", "info"}


def test_check_json_and_github_formats(run):
    data = json.loads(run(["check", "--format", "json", str(FIXTURES / "yaml")]).stdout)
    tab = next(p for p in data if p["code"] == "yaml-tab-after-dash")
    assert (tab["line"], tab["column"], tab["severity"]) == (35, 12, "warning")
    github = run(["check", "--format", "github", str(FIXTURES / "yaml")]).stdout.split("\n")
    assert any(g.startswith("::warning file=") and ",line=35,col=12," in g for g in github)
    assert any(g.startswith("::notice file=") for g in github)


def test_quiet_check_prints_only_errors(run):
    result = run(["-q", "check", str(FIXTURES / "yaml")])
    assert result.exit_code == 0 and result.output == ""


def test_list_frameworks_and_one_framework(run):
    result = run(["list"], cwd=REPO)
    assert result.exit_code == 0
    assert result.stdout.startswith("engineering/backend")
    assert "134 criteria" in result.stdout
    detail = run(["list", "--framework", "engineering/backend"], cwd=REPO).stdout
    assert "Level 3" in detail and "  Leadership" in detail
    assert re.search(r"^    l3\.mastery\.writes-idiomatic-go-code +Writes idiomatic Go code$",
                     detail, re.MULTILINE)


def test_list_marks_generic_categories(run):
    out = run(["--root", str(FIXTURES), "list", "--framework", "platform"], cwd=FIXTURES / "yaml")
    assert out.exit_code == 1  # root has no framework/ folder
    out = run(["--root", str(FIXTURES / "yaml"), "--config", str(FIXTURES / "yaml-config.toml"),
               "list", "--framework", "platform"])
    assert out.exit_code == 0, out.output
    assert "💬 Communication (generic)" in out.stdout


def test_unknown_framework_suggests_the_closest(run):
    result = run(["list", "--framework", "engineering/backnd"], cwd=REPO)
    assert result.exit_code == 1
    assert "did you mean engineering/backend" in result.stderr


def test_usage_error_exits_2(run):
    assert run(["check", "--format", "xml"]).exit_code == 2
    assert run(["no-such-command"]).exit_code == 2


def test_export_validates_against_the_schema_and_marks_inherited(run, tmp_path):
    target = tmp_path / "model.json"
    result = run(["--root", str(FIXTURES / "yaml"), "--config", str(FIXTURES / "yaml-config.toml"),
                  "export", "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert data["$schema"] == export_module.SCHEMA_ID
    platform = next(f for f in data["frameworks"] if f["id"] == "platform")
    comms = platform["levels"][0]["categories"][0]
    assert comms["inherited"] is True
    assert [c["inherited"] for c in comms["criteria"]] == [False, False, True]
    assert platform["levels"][0]["name"] == "Starter"


def test_export_of_the_seed_to_stdout(run):
    result = run(["export", "--framework", "engineering/backend"], cwd=REPO)
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    (fw,) = data["frameworks"]
    assert sum(len(c["criteria"]) for lv in fw["levels"] for c in lv["categories"]) == 134


def test_export_refuses_frameworks_with_errors(run):
    result = run(["--root", str(FIXTURES), "--config", str(FIXTURES / "bad-config.toml"), "export"])
    assert result.exit_code == 1
    assert ": error: " in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["list", "--help"],
                                  ["export", "--help"]])
def test_every_command_has_help_with_an_example(run, args):
    result = run(args)
    assert result.exit_code == 0 and "Example" in result.stdout


def test_python_dash_m_docgen():
    result = subprocess.run([sys.executable, "-m", "docgen", "--version"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("docgen ")


def test_version_names_the_distribution_and_the_engines_found():
    from importlib import metadata
    result = subprocess.run([sys.executable, "-m", "docgen", "--version"], capture_output=True,
                            text=True, check=False)
    lines = result.stdout.splitlines()
    assert lines[0] == f"docgen {metadata.version('progression-docgen')} (progression-docgen)"
    found = dict(line.split(" ", 1) for line in lines[2:])
    assert found["WeasyPrint"] == metadata.version("weasyprint")
    assert found["python-docx"] == metadata.version("python-docx")
    assert found["docxtpl"] == metadata.version("docxtpl")
    assert found["Pango"].count(".") == 2 and found["Pango"] != "not found"


def test_version_says_not_found_for_a_missing_engine(monkeypatch):
    from importlib import metadata
    from docgen import about
    real = metadata.version
    monkeypatch.setattr(about.metadata, "version",
                        lambda name: (_ for _ in ()).throw(metadata.PackageNotFoundError(name))
                        if name == "docxtpl" else real(name))
    assert ("docxtpl", "not found") in about.engines()

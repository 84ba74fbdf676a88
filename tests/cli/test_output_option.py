"""`-o` means one thing everywhere, and choices read the same in docgen.toml and on the command line."""

from __future__ import annotations

import json
import zipfile

import pytest

from docgen import api


def test_cards_to_one_file_name_with_several_frameworks_is_a_usage_error(project_dir, run):
    result = run(["cards", "-o", "X.pdf"], cwd=project_dir)
    assert result.exit_code == 2 and "X.pdf" in result.stderr
    assert not (project_dir / "X.pdf").exists()


def test_cards_of_one_framework_to_a_file_name(project_dir, run):
    result = run(["cards", "--framework", "design", "--card", "a7", "-o", "design-cards.pdf"],
                 cwd=project_dir)
    assert result.exit_code == 0, result.output
    assert (project_dir / "design-cards.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("name", ["case.pdf", "case.txt"])
def test_a_word_case_is_not_written_under_another_suffix(project_dir, run, name):
    result = run(["case-template", "--framework", "design", "--level", "1", "-o", name],
                 cwd=project_dir)
    assert result.exit_code == 2 and ".docx" in result.stderr
    assert not (project_dir / name).exists()


def test_a_word_case_to_a_docx_name_and_to_a_folder(project_dir, run):
    args = ["case-template", "--framework", "design", "--level", "2", "-o"]
    assert run([*args, "mine.docx"], cwd=project_dir).exit_code == 0
    assert zipfile.is_zipfile(project_dir / "mine.docx")
    (project_dir / "cases").mkdir()
    assert run([*args, "cases"], cwd=project_dir).exit_code == 0
    assert zipfile.is_zipfile(project_dir / "cases" / "design-L2.docx")


def test_export_to_standard_output_and_to_a_file(project_dir, run):
    printed = run(["export", "--framework", "design", "-o", "-"], cwd=project_dir)
    assert printed.exit_code == 0 and json.loads(printed.stdout)
    assert not (project_dir / "-").exists()
    assert run(["export", "-o", "model.json"], cwd=project_dir).exit_code == 0
    assert json.loads((project_dir / "model.json").read_text()) == json.loads(
        run(["export"], cwd=project_dir).stdout)
    refused = run(["export", "-o", "model.pdf"], cwd=project_dir)
    assert refused.exit_code == 2 and not (project_dir / "model.pdf").exists()


def test_html_handbook_to_standard_output(project_dir, run):
    result = run(["handbook", "--framework", "design", "--format", "HTML", "-o", "-"],
                 cwd=project_dir)
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and "Sketches ideas" in result.stdout
    assert not (project_dir / "-").exists() and not (project_dir / "out").exists()


@pytest.mark.parametrize("setting, value, expected", [
    ("paper", "letter", "Letter"), ("card", "a7", "A7"), ("card_back", "Blank", "blank")])
def test_config_choices_are_case_insensitive_like_the_options(project_dir, setting, value,
                                                              expected):
    (project_dir / "docgen.toml").write_text(f'{setting} = "{value}"\n', encoding="utf-8")
    assert getattr(api.open_project(project_dir).config, setting) == expected


def test_an_unknown_choice_in_config_names_the_choices(project_dir, run):
    (project_dir / "docgen.toml").write_text('paper = "A3"\n', encoding="utf-8")
    result = run(["check"], cwd=project_dir)
    assert result.exit_code == 1 and "docgen.toml:1:" in result.stderr
    assert "A4" in result.stderr and "Letter" in result.stderr

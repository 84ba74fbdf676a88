"""The output folder: a file or a broken link in its place is a clear error; a link is said."""

from __future__ import annotations

import os

import pytest


def refuse_to_read(monkeypatch, folder_name: str) -> None:
    """Make every folder called `folder_name` unreadable, as mode 000 does (tests run as root)."""
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(str(path)) == folder_name:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)


def test_out_that_is_a_file_is_a_clear_error(project_dir, run):
    (project_dir / "out").write_text("notes")
    for command in (["build"], ["cards", "--framework", "design"]):
        result = run(command)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "out is a file, not a folder" in result.stderr
    assert (project_dir / "out").read_text() == "notes"


def test_out_that_is_a_broken_link_is_a_clear_error(project_dir, run, tmp_path):
    (project_dir / "out").symlink_to(tmp_path / "nowhere")
    result = run(["build"])
    assert result.exit_code == 1
    assert f"is a link to {tmp_path / 'nowhere'}, which does not exist" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_out_that_is_a_link_says_where_the_documents_go(project_dir, run, tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (project_dir / "out").symlink_to(target)
    (project_dir / "docgen.toml").write_text('outputs = ["cards"]\ncard = "A7"\n')
    result = run(["build"])
    assert result.exit_code == 0, result.output
    assert f"out is a link: the documents are written to {target}" in result.stderr
    assert (target / "cards" / "design.pdf").is_file()


@pytest.mark.parametrize("kind", ["empty", "unreadable"])
def test_an_empty_or_unreadable_framework_folder_is_an_error(project_dir, run, monkeypatch, kind):
    framework = project_dir / "framework"
    if kind == "empty":
        for file in framework.rglob("*.md"):
            file.unlink()
    else:
        refuse_to_read(monkeypatch, "engineering")
    checked = run(["check"])
    assert checked.exit_code == 1
    expected = {"empty": "framework:1:1: error: there are no framework files",
                "unreadable": "framework/engineering:1:1: error: cannot read this folder"}
    assert expected[kind] in checked.stdout
    built = run(["build"])
    assert built.exit_code == 1 and not (project_dir / "out" / "manifest.json").exists()


def test_an_unreadable_folder_stops_the_handbook_not_the_rest(project_dir, run, monkeypatch):
    refuse_to_read(monkeypatch, "engineering")
    (project_dir / "docgen.toml").write_text('outputs = ["handbook", "cards"]\ncard = "A7"\n')
    result = run(["build"])
    assert result.exit_code == 1
    assert "the handbook is not made: it holds every framework, and framework/engineering has " \
           "errors" in result.stderr
    assert (project_dir / "out" / "cards" / "design.pdf").is_file()
    assert not (project_dir / "out" / "handbook.pdf").exists()

"""Every candidate gets a folder of their own: names that differ never share one."""

from __future__ import annotations

import io
import unicodedata

import docx
import pytest

from docgen.output import packet_folders

PAIRS = [("Ada", "ada"), ("José", unicodedata.normalize("NFD", "José")), ("O'Brien", "OBrien")]


@pytest.mark.parametrize("first, second", PAIRS)
def test_names_that_share_a_slug_get_a_folder_each(project_dir, run, first, second):
    folder = project_dir / "assessments"
    text = (folder / "ada.yaml").read_text(encoding="utf-8")
    (folder / "ada.yaml").write_text(text.replace("Ada Lovelace", first), encoding="utf-8")
    (folder / "other.yaml").write_text(text.replace("Ada Lovelace", second), encoding="utf-8")
    assert run(["check"]).exit_code == 0
    result = run(["packet", "assessments", "--format", "docx", "-j", "2", "-o", "cases"])
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in (project_dir / "cases").iterdir())
    assert len(made) == 2 and made[0] != made[1]
    names = set()
    for case in (project_dir / "cases").iterdir():
        document = docx.Document(io.BytesIO((case / "promotion-case.docx").read_bytes()))
        names.add(document.core_properties.subject + document.core_properties.title)
    assert len(names) == 2


def test_names_in_other_alphabets_are_not_all_unnamed():
    folders = packet_folders([("a.yaml", "李雷"), ("b.yaml", "Иван Петров"), ("c.yaml", "محمد")])
    assert folders == {"a.yaml": "li-lei", "b.yaml": "ivan-petrov", "c.yaml": "mhmd"}


@pytest.mark.parametrize("name", ["CON", "nul", "Aux", "COM1", "lpt9"])
def test_device_names_never_become_folders(name):
    (folder,) = packet_folders([("x.yaml", name)]).values()
    assert folder == name.lower() + "-"


def test_a_true_collision_is_an_error_in_check(project_dir, run):
    folder = project_dir / "assessments"
    (folder / "team").mkdir()
    (folder / "team" / "ada.yaml").write_text((folder / "ada.yaml").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    result = run(["check"])
    assert result.exit_code == 1
    assert "would overwrite those of assessments/ada.yaml" in result.stdout
    assert "team/ada.yaml" in result.stdout


def test_build_makes_a_packet_per_candidate_of_the_same_name(project_dir, run):
    folder = project_dir / "assessments"
    text = (folder / "ada.yaml").read_text(encoding="utf-8")
    (folder / "ada-2025.yaml").write_text(text.replace("2026 H2", "2025 H2"), encoding="utf-8")
    (project_dir / "docgen.toml").write_text('outputs = ["packets"]\n', encoding="utf-8")
    result = run(["build"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project_dir / "out" / "packets").iterdir()) == [
        "ada-lovelace-ada", "ada-lovelace-ada-2025"]


def test_a_300_character_name_and_title_still_make_a_packet(project_dir, run):
    long_name = "Ada " + "Lovelace-" * 33
    ada = project_dir / "assessments" / "ada.yaml"
    ada.write_text(ada.read_text().replace("Ada Lovelace", long_name), encoding="utf-8")
    (project_dir / "docgen.toml").write_text('organisation = "' + "Acme " * 60 + '"\n')
    assert run(["check"]).exit_code == 0
    result = run(["packet", "assessments", "--format", "docx", "-o", "cases"])
    assert result.exit_code == 0, result.output
    (case,) = (project_dir / "cases").iterdir()
    document = docx.Document(io.BytesIO((case / "promotion-case.docx").read_bytes()))
    assert len(document.core_properties.title) == 255 and document.core_properties.title[-1] == "…"
    assert long_name.strip() in "\n".join(c.text for t in document.tables for r in t.rows
                                          for c in r.cells)

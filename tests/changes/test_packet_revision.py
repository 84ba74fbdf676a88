"""A packet says which framework revision it was assessed against: cover and .docx properties."""

from __future__ import annotations

import docx
from conftest import pdf_pages_text, squash

from .conftest import git


def test_the_packet_names_the_framework_commit_and_its_date(run, history):
    assessments = history / "assessments"
    assessments.mkdir()
    result = run(["assessment", "init", "--framework", "product/design", "--level", "1",
                  "--candidate", "Ada", "-o", "assessments/ada.yaml"])
    assert result.exit_code == 0, result.output
    made = run(["packet", "assessments", "-j", "1"])
    assert made.exit_code == 0, made.output
    commit = git(history, "log", "-1", "--format=%H", "--", "framework/product/design.md").strip()
    folder = history / "out" / "packets" / "ada"
    text = squash(" ".join(pdf_pages_text((folder / "promotion-case.pdf").read_bytes())))
    assert f"Framework revision {commit[:7]} of 1 March 2026" in text
    document = docx.Document(str(folder / "promotion-case.docx"))
    assert document.core_properties.version == commit
    cover = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ["Framework revision", f"{commit[:7]} of 1 March 2026"] in cover


def test_outside_git_a_packet_names_no_revision(run, project_dir):
    run(["packet", "assessments", "-j", "1"])
    folder = project_dir / "out" / "packets" / "ada-lovelace"
    text = squash(" ".join(pdf_pages_text((folder / "promotion-case.pdf").read_bytes())))
    assert "Framework revision" not in text
    assert docx.Document(str(folder / "promotion-case.docx")).core_properties.version == ""

"""Dates are in a pull request author's hands: any date builds, moved into what documents hold."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile

import pypdf
import pytest


@pytest.mark.parametrize("epoch, year", [("253402300800", 2107), ("99999999999999", 2107),
                                         ("-5", 1980)])
def test_any_source_date_epoch_builds(project_dir, run, monkeypatch, epoch, year):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    (project_dir / "docgen.toml").write_text('outputs = ["case-templates", "handbook"]\n')
    result = run(["-v", "build", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "is outside 1980–2107" in result.stderr and "Traceback" not in result.output
    case = (project_dir / "out" / "case-templates" / "design-L1.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(case)) as archive:
        assert {info.date_time[0] for info in archive.infolist()} == {year}
    handbook = pypdf.PdfReader(project_dir / "out" / "handbook.pdf")
    assert handbook.metadata["/CreationDate"].startswith(f"D:{year}")


def test_a_commit_dated_after_2107_builds(project_dir, run, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    env = {**os.environ, "GIT_AUTHOR_DATE": "@4200000000 +0000",
           "GIT_COMMITTER_DATE": "@4500000000 +0000"}
    for args in (["init", "-q"], ["add", "."], ["-c", "user.name=x", "-c", "user.email=x@y",
                                                  "commit", "-q", "-m", "future"]):
        subprocess.run(["git", *args], cwd=project_dir, check=True, env=env)
    (project_dir / "docgen.toml").write_text('outputs = ["case-templates"]\n')
    result = run(["-v", "build"])
    assert result.exit_code == 0, result.output
    assert "the date 4500000000" in result.stderr

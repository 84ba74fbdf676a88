"""The distribution as pip builds it: name, and every file docgen reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import REPO


def test_the_wheel_is_progression_docgen_with_templates_schemas_and_the_preview_script(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                    str(tmp_path), str(REPO)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("*.whl")
    assert wheel.name.startswith("progression_docgen-")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {p.relative_to(REPO).as_posix() for p in (REPO / "templates").rglob("*")
                 if p.is_file()}
    assert {f"docgen/{t}" for t in templates} <= names
    assert {"docgen/preview/live.html", "docgen/schemas/config.schema.json",
            "docgen/schemas/assessment.schema.json", "docgen/cli/core.py"} <= names
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Name: progression-docgen" in text and "License-Expression: MIT" in text

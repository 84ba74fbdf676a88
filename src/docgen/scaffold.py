"""`docgen init`: start a project with a commented docgen.toml, an example assessment and,
when there is none, an example framework.
"""

from __future__ import annotations

from pathlib import Path

from docgen.assessments import blank_assessment
from docgen.config import commented_config
from docgen.output import write_atomic
from docgen.project import load_clean_catalog, open_project
from docgen.sources import FRAMEWORK_SUFFIXES, files_in


def init_project(root: Path) -> list[Path]:
    """Write a commented docgen.toml and an example assessment (and framework) into `root`."""
    written = []
    config = root / "docgen.toml"
    if not config.exists():
        written.append(write_atomic(config, commented_config().encode("utf-8")))
    project = open_project(root)
    if not project.framework_dir.is_dir() or not files_in(project.framework_dir,
                                                          FRAMEWORK_SUFFIXES):
        written.append(write_atomic(project.framework_dir / "example.md",
                                    EXAMPLE_FRAMEWORK.encode("utf-8")))
    catalog = load_clean_catalog(project)
    example = project.assessments_dir / "example.yaml"
    framework = catalog.frameworks[0] if catalog.frameworks else None
    level = next((lv.number for lv in (framework.levels[1:] if framework else ())
                  if any(True for _ in lv.criteria())), None)
    if framework and level and not example.exists():
        text = blank_assessment(project, catalog, framework.id, level, "Example Person")
        written.append(write_atomic(example, text.encode("utf-8")))
    return written


EXAMPLE_FRAMEWORK = """---
title: "🧭 Example Framework"
sidebarTitle: "🧭 Example"
sidebarGroup: "examples"
yaml: false
---
An example framework made by `docgen init`: replace it with your own.

## Level 1
### Craft
- Delivers well-defined tasks with guidance
### Collaboration
- Asks for help early and shares progress

## Level 2
### Craft
- Delivers small projects independently
- Reviews others' work with care
### Collaboration
- Gives useful feedback to peers
"""

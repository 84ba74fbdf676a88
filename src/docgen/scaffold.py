"""Starting points: `docgen init` (a commented docgen.toml, an example assessment and, when
there is none, an example framework) and `docgen templates export` (docgen's own templates,
to change).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from docgen.assessments import blank_assessment
from docgen.config import commented_config
from docgen.engines.templating import default_template_dir
from docgen.output import write_atomic
from docgen.project import load_clean_catalog, open_project
from docgen.schemas import schema_reference
from docgen.sources import FRAMEWORK_SUFFIXES, files_in


@dataclass(frozen=True)
class Started:
    """What `init_project` wrote, and the files it found already there and left alone."""

    written: tuple[Path, ...]
    kept: tuple[Path, ...]


def init_project(root: Path) -> Started:
    """Write a commented docgen.toml and an example assessment (and framework) into `root`.

    `root` is made when missing; a file that exists is never overwritten.
    """
    root.mkdir(parents=True, exist_ok=True)
    written, kept = [], []
    config = root / "docgen.toml"
    if config.exists():
        kept.append(config)
    else:
        schema = schema_reference("config", config, root)
        written.append(write_atomic(config, commented_config(schema).encode("utf-8")))
    project = open_project(root)
    if not project.framework_dir.is_dir() or not files_in(project.framework_dir,
                                                          FRAMEWORK_SUFFIXES):
        written.append(write_atomic(project.framework_dir / "example.md",
                                    EXAMPLE_FRAMEWORK.encode("utf-8")))
    else:
        kept.append(project.framework_dir)
    catalog = load_clean_catalog(project)
    example = project.assessments_dir / "example.yaml"
    framework = catalog.frameworks[0] if catalog.frameworks else None
    level = next((lv.number for lv in (framework.levels[1:] if framework else ())
                  if any(True for _ in lv.criteria())), None)
    if example.exists():
        kept.append(example)
    elif framework and level:
        text = blank_assessment(project, catalog, framework.id, level, "Example Person", example)
        written.append(write_atomic(example, text.encode("utf-8")))
    return Started(tuple(written), tuple(kept))


TEMPLATE_KINDS = ("handbook", "cards", "packet")


def export_templates(target: Path, kinds: Sequence[str] = ()) -> Started:
    """Copy docgen's default templates into `target` (only `kinds`' folders, when given, plus
    the shared `static/`); files that exist there are kept, never overwritten."""
    source = default_template_dir()
    folders = [source / kind for kind in kinds] + [source / "static"] if kinds else [source]
    written, kept = [], []
    for folder in folders:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            destination = target / file.relative_to(source)
            if destination.exists():
                kept.append(destination)
            else:
                written.append(write_atomic(destination, file.read_bytes()))
    return Started(tuple(written), tuple(kept))


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

"""The JSON Schemas docgen ships, and how a file docgen writes points an editor at one.

The schemas are identified by `tag:` URIs (RFC 4151): names, not web
addresses; editors find them through the path docgen writes at the top of
the files it makes (`schema_reference`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

SCHEMA_FOLDER = Path(__file__).resolve().parent
ID_PREFIX = "tag:progression-docgen,2026:"


def schema_file(name: str) -> Path:
    """The shipped schema `name` (such as "assessment"): `<name>.schema.json`."""
    return SCHEMA_FOLDER / f"{name}.schema.json"


def schema_id(name: str) -> str:
    """The `$id` of the shipped schema `name`."""
    return f"{ID_PREFIX}{name}.schema.json"


def schema_reference(name: str, written_to: Path, root: Optional[Path] = None) -> str:
    """How a file written to `written_to` names the shipped schema `name`.

    A relative path when docgen is installed inside the project (`root`, e.g.
    its .venv), so the line works for everyone who clones it and builds the
    same way; else the schema's absolute path.
    """
    schema = schema_file(name)
    folder = Path(written_to).resolve().parent
    if root is not None and Path(root).resolve() in schema.parents:
        return Path(os.path.relpath(schema, folder)).as_posix()
    return schema.as_posix()

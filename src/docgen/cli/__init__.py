"""The `docgen` command line: Click only.  Each command parses its options and calls `docgen.api`.

`core.py` holds the group, the error mapping and the shared options; the
commands live by topic: `inputs.py` (check, list, export), `documents.py`
(handbook, cards, case-template, packet, build), `changes.py`,
`assessments.py` (assessment init, import, migrate) and `project.py` (serve,
init, templates export).
"""

from __future__ import annotations

from docgen.cli import assessments, changes, documents, inputs, project  # noqa: F401 (register)
from docgen.cli.core import EXIT_INPUT, EXIT_USAGE, Options, cli, interactive
from docgen.collector import skip_final_collection

__all__ = ["EXIT_INPUT", "EXIT_USAGE", "Options", "cli", "interactive", "main"]


def main() -> None:
    """Entry point of the `docgen` console script."""
    try:
        cli(prog_name="docgen")
    finally:
        skip_final_collection()

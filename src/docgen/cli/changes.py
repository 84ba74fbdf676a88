"""`docgen changes`: what changed in the frameworks between two git revisions."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from docgen import api
from docgen.cli.core import Options, command, framework_ids, output_option
from docgen.errors import UsageError
from docgen.report import counted
from docgen.sources import display_path


CHANGE_SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "markdown",
                   ".markdown": "markdown", ".json": "json"}


@command(name="changes")
@click.option("--since", metavar="REV", default=None,
              help="The older revision (default: the last tag, else HEAD~1).")
@click.option("--until", metavar="REV", default=None,
              help="The newer revision (default: the working tree).")
@framework_ids
@click.option("--format", "fmt", type=click.Choice(api.CHANGE_FORMATS, case_sensitive=False),
              default=None, help="pdf or html for people, markdown for a pull request, json for "
                                 "programs (default: from -o's suffix, else markdown).")
@output_option("Write here (default, or -: standard output; pdf needs a file).")
def changes(options: Options, since: Optional[str], until: Optional[str],
            framework_ids: tuple[str, ...], fmt: Optional[str], output: Optional[Path]) -> None:
    """Say what changed in the frameworks between two git revisions.

    Criteria added, removed, reworded (word by word), moved to another level
    or category, or with changed details, examples or quotes; levels and
    frameworks added, removed or renamed.  Revisions are read from git
    without a checkout.

    \b
    Example:
      docgen changes --since v1.0 -o changes.pdf
      docgen changes --since origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    to_file = output is not None and output != Path("-")
    fmt = (fmt or (CHANGE_SUFFIXES.get(output.suffix.lower()) if to_file else None)
           or "markdown").lower()
    if fmt == "pdf" and not to_file:
        raise UsageError("--format pdf writes a file: give -o FILE.pdf")
    if to_file and output.suffix and CHANGE_SUFFIXES.get(output.suffix.lower()) != fmt:
        raise UsageError(f"-o {output}: a {fmt} file ends in "
                         + " or ".join(s for s, f in CHANGE_SUFFIXES.items() if f == fmt))
    project = options.project()
    change_set = api.changes(project, since, until, framework_ids)
    data = api.changes_document(project, change_set, fmt)
    if not to_file:
        click.echo(data.decode("utf-8"), nl=False)
        return
    api.write_bytes(output, data)
    options.say(f"wrote {display_path(output)} ({counted(len(change_set.frameworks), 'framework')}"
                f" changed since {change_set.since.short})")

"""Commands that read the inputs: check, list, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click

from docgen import api
from docgen.cli.core import (EXIT_INPUT, Options, command, echo, emit, framework_ids,
                             output_option, short)
from docgen.config import PROBLEM_FORMATS
from docgen.errors import ConfigError, Severity
from docgen.report import counted, format_problems, summary


@command(name="check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--output-format", "style", type=click.Choice(PROBLEM_FORMATS, case_sensitive=False),
              default=None, help="How problems are printed: text (default), json, or github "
                                 "(workflow annotations).")
@click.option("--format", "old_style", type=click.Choice(PROBLEM_FORMATS, case_sensitive=False),
              default=None, hidden=True, help="Old name of --output-format.")
@click.option("--changed", is_flag=True,
              help="PATHS are changed files (a pre-commit hook's): check the whole project if "
                   "docgen reads one of them, else do nothing.")
def check(options: Options, paths: tuple[Path, ...], strict: bool, style: Optional[str],
          old_style: Optional[str], changed: bool) -> None:
    """Validate frameworks, assessments and your templates: every problem as
    FILE:LINE:COL: LEVEL: MESSAGE.

    PATHS are framework or assessment files or folders (default: the project's
    framework and assessment folders, and its template folder).  Exits 1 when
    there are errors (or warnings, with --strict).

    \b
    Example:
      docgen check framework/ --strict --output-format github
    """
    style = style or old_style or "text"
    try:
        project = options.project()
        if changed:
            if not any(project.reads(path) for path in paths):
                return  # nothing docgen reads was changed
            paths = ()
        catalog = api.load_catalog(project, list(paths) or None)
        problems = list(catalog.problems) + ([] if paths else api.template_problems(project))
    except ConfigError as exc:  # reported like any other problem, in the chosen format
        if style == "text":
            raise
        catalog, problems = None, [exc.problem]
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    shown = [p for p in problems if style != "text" or options.verbosity >= 0
             or p.severity in failing]
    if style == "json" or shown:
        echo(format_problems(shown, style))
    if options.verbosity >= 0 and style == "text" and catalog is not None:
        checked = counted(len(catalog.frameworks), "framework")
        if catalog.assessments:
            checked += f" and {counted(len(catalog.assessments), 'assessment')}"
        options.say(f"checked {checked}: {summary(problems)}")
    if any(p.severity in failing for p in problems):
        sys.exit(EXIT_INPUT)


@command(name="list")
@click.option("--framework", "framework_id", metavar="ID", default=None,
              help="Show this framework's levels, categories and criterion ids.")
def list_command(options: Options, framework_id: Optional[str]) -> None:
    """List frameworks, or one framework's levels, categories and criterion ids.

    \b
    Example:
      docgen list
      docgen list --framework engineering/backend
    """
    catalog = options.catalog(options.project(), frameworks=(framework_id,) if framework_id else ())
    if framework_id is None:
        for fw in catalog.frameworks:
            count = sum(1 for _ in fw.criteria())
            echo(f"{fw.id:<40} {len(fw.levels)} levels  {count:>4} criteria  {fw.title}")
        return
    fw = catalog.framework(framework_id)
    width = max((len(c.id) for _, _, c in fw.criteria()), default=0)
    echo(f"{fw.title} ({fw.id}, {fw.source})")
    for level in fw.levels:
        echo(f"Level {level.number}" + (f": {level.name}" if level.name else ""))
        for category in level.categories:
            echo(f"  {category.title}{' (generic)' if category.inherited else ''}")
            for criterion in category.criteria:
                echo(f"    {criterion.id:<{width}}  {short(criterion.text)}")


@command(name="export")
@framework_ids
@output_option("Write to this file (default, or -: standard output).")
def export(options: Options, framework_ids: tuple[str, ...], output: Optional[Path]) -> None:
    """Print the loaded model as JSON (schema: docgen/schemas/export.schema.json).

    \b
    Example:
      docgen export --framework engineering/backend -o backend.json
    """
    catalog = options.catalog(options.project(), frameworks=framework_ids)
    emit(options, api.export_json(catalog, framework_ids), output, (".json",))

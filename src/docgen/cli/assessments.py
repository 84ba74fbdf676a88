"""`docgen assessment init|import|migrate`: assessment files."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from docgen import api
from docgen.cli.core import (Options, cli, command, emit, one_framework, output_option,
                             written_to)
from docgen.model import Person
from docgen.sources import display_path


@cli.group()
def assessment() -> None:
    """Assessment files: start a blank one, or import ratings from a spreadsheet.

    \b
    Example:
      docgen assessment init --framework engineering/backend --level 3 -o assessments/ada.yaml
    """


@command(assessment, name="init")
@one_framework
@click.option("--level", type=int, required=True, help="The target level.")
@click.option("--candidate", default="", help="The candidate's name.")
@output_option("Write here (default, or -: standard output).")
def assessment_init(options: Options, framework_id: str, level: int, candidate: str,
                    output: Optional[Path]) -> None:
    """Write a blank assessment: every criterion of the level, with its id and text.

    \b
    Example:
      docgen assessment init --framework engineering/backend --level 3 --candidate "Ada Lovelace"
    """
    project = options.project()
    text = api.blank_assessment(project, options.catalog(project, frameworks=(framework_id,)),
                                framework_id, level, candidate, written_to(output))
    emit(options, text, output, (".yaml", ".yml"))


@command(assessment, name="import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@one_framework
@click.option("--candidate", required=True, help="The candidate's name.")
@click.option("--role", default="", help="The candidate's role.")
@click.option("--team", default="", help="The candidate's team.")
@click.option("--current", "current_level", type=int, required=True, help="The current level.")
@click.option("--target", "target_level", type=int, required=True, help="The target level.")
@output_option("Write here (default, or -: standard output).")
def assessment_import(options: Options, csv_file: Path, framework_id: str, candidate: str,
                      role: str, team: str, current_level: int, target_level: int,
                      output: Optional[Path]) -> None:
    """Make an assessment file from a CSV of ratings (columns: criterion, self, manager,
    evidence, links, comments).

    \b
    Example:
      docgen assessment import ada.csv --framework engineering/backend \\
          --candidate "Ada Lovelace" --current 2 --target 3 -o assessments/ada.yaml
    """
    project = options.project()
    text = api.import_assessment(project, options.catalog(project, frameworks=(framework_id,)),
                                 csv_file,
                                 framework_id=framework_id,
                                 candidate=Person(candidate, role, team),
                                 current_level=current_level, target_level=target_level,
                                 written_to=written_to(output))
    emit(options, text, output, (".yaml", ".yml"))


@command(assessment, name="migrate")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--since", metavar="REV", default=None,
              help="The framework revision the assessments were written against (default: "
                   "their framework_revision, else the last tag, else HEAD~1).")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
def assessment_migrate(options: Options, files: tuple[Path, ...], since: Optional[str],
                       dry_run: bool) -> None:
    """Bring assessments' criterion ids to the current framework.

    Ratings follow criteria that were reworded, renamed or moved; ratings of
    removed criteria move to 'archived:' with the old text (never dropped);
    criteria new at the target level are added blank.  Comments and order
    are kept; each file is written atomically.

    \b
    Example:
      docgen assessment migrate assessments/*.yaml --since v1.0 --dry-run
    """
    migrations = api.plan_migrations(options.project(), list(files), since)
    for migration in migrations:
        what = migration.describe()
        if migration.changes_anything and not dry_run:
            api.write_migration(migration)
        shown = display_path(migration.path)
        against = migration.revision.short
        dry = " (dry run: nothing written)" if dry_run and migration.changes_anything else ""
        options.say(f"{shown}: against {against}: {what}{dry}")

"""The `docgen` command line: Click commands that parse options and call `docgen.api`.

Errors: every `DocgenError` becomes a message on stderr and exit status 1,
in one place (`DocgenGroup.invoke`); Click's own usage errors exit with 2.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import click

from docgen import __version__, api, projectbuild
from docgen.errors import DocgenError, Problem, ProblemsError, Severity
from docgen.cardcontext import BACKS
from docgen.handbook import FORMATS as HANDBOOK_FORMATS
from docgen.imposition import CARD_SIZES
from docgen.model import Person
from docgen.packets import PACKET_FORMATS
from docgen.render.pdf import PDF_VARIANTS
from docgen.report import FORMATS, format_problems, summary

EXIT_INPUT = 1


class DocgenGroup(click.Group):
    """A Click group that reports DocgenError as a message and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ProblemsError as exc:
            _show_problems(exc.problems, err=True)
            _echo(f"docgen: {summary(exc.problems)}", err=True)
            ctx.exit(EXIT_INPUT)
        except DocgenError as exc:
            _echo(f"docgen: {exc}", err=True)
            ctx.exit(EXIT_INPUT)


class Settings:
    """The global options, handed to every command."""

    def __init__(self, root: Optional[Path], config: Optional[Path], verbosity: int):
        self.root = root
        self.config = config
        self.verbosity = verbosity

    def project(self, **overrides) -> api.Project:
        """The project these options name."""
        return api.open_project(self.root, self.config, **overrides)


@click.group(cls=DocgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Project folder (default: the current folder).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Configuration file (default: docgen.toml or pyproject.toml).")
@click.option("-v", "--verbose", count=True, help="Say more (all warnings).")
@click.option("-q", "--quiet", is_flag=True, help="Say only what failed.")
@click.pass_context
def cli(ctx: click.Context, root: Optional[Path], config_file: Optional[Path], verbose: int,
        quiet: bool) -> None:
    """Turn career progression frameworks into documents people print, fill in and keep.

    \b
    Example:
      docgen check                 # validate framework/
      docgen list --framework engineering/backend
    """
    ctx.obj = Settings(root, config_file, -1 if quiet else verbose)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, default=None, help="Fail on warnings too.")
@click.option("--format", "style", type=click.Choice(FORMATS), default="text", show_default=True,
              help="How problems are printed ('github' for workflow annotations).")
@click.pass_obj
def check(settings: Settings, paths: tuple[Path, ...], strict: Optional[bool], style: str) -> None:
    """Validate frameworks: every problem as FILE:LINE:COL: LEVEL: MESSAGE.

    PATHS are framework folders or files (default: the project's framework folder).
    Exits 1 when there are errors (or warnings, with --strict).

    \b
    Example:
      docgen check framework/ --strict --format github
    """
    catalog = api.load_catalog(settings.project(), list(paths) or None)
    shown = [p for p in catalog.problems if style != "text" or settings.verbosity >= 0
             or p.severity is Severity.ERROR]
    if style == "json" or shown:
        _echo(format_problems(shown, style))
    if settings.verbosity >= 0 and style == "text":
        count = len(catalog.frameworks)
        _echo(f"docgen: checked {count} framework{'s' if count != 1 else ''}: "
              f"{summary(catalog.problems)}", err=True)
    if catalog.failed(strict=bool(strict)):
        sys.exit(EXIT_INPUT)


@cli.command(name="list")
@click.option("--framework", "framework_id", metavar="ID", default=None,
              help="Show this framework's levels, categories and criterion ids.")
@click.pass_obj
def list_command(settings: Settings, framework_id: Optional[str]) -> None:
    """List frameworks, or one framework's levels, categories and criterion ids.

    \b
    Example:
      docgen list
      docgen list --framework engineering/backend
    """
    catalog = _clean_catalog(settings)
    if framework_id is None:
        for fw in catalog.frameworks:
            count = sum(1 for _ in fw.criteria())
            _echo(f"{fw.id:<40} {len(fw.levels)} levels  {count:>4} criteria  {fw.title}")
        return
    fw = catalog.framework(framework_id)
    width = max((len(c.id) for _, _, c in fw.criteria()), default=0)
    _echo(f"{fw.title} ({fw.id}, {fw.source})")
    for level in fw.levels:
        _echo(f"Level {level.number}" + (f": {level.name}" if level.name else ""))
        for category in level.categories:
            marker = " (generic)" if category.inherited else ""
            _echo(f"  {category.title}{marker}")
            for criterion in category.criteria:
                _echo(f"    {criterion.id:<{width}}  {_short(criterion.text)}")


@cli.command()
@click.option("--framework", "framework_ids", metavar="ID", multiple=True,
              help="Export only this framework (repeatable).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (default: standard output).")
@click.pass_obj
def export(settings: Settings, framework_ids: tuple[str, ...], output: Optional[Path]) -> None:
    """Print the loaded model as JSON (schema: docgen/schemas/export.schema.json).

    \b
    Example:
      docgen export --framework engineering/backend -o backend.json
    """
    catalog = _clean_catalog(settings)
    if output is None:
        click.echo(api.export_json(catalog, framework_ids), nl=False)
    else:
        api.write_export(catalog, output, framework_ids)
        if settings.verbosity >= 0:
            _echo(f"docgen: wrote {output}", err=True)


@cli.command()
@click.option("--framework", "framework_ids", metavar="ID", multiple=True,
              help="Only this framework (repeatable; default: all).")
@click.option("--format", "fmt", type=click.Choice(HANDBOOK_FORMATS), default="pdf",
              show_default=True, help="PDF for print, or one self-contained HTML file.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here (default: out/handbook.pdf or out/handbook.html).")
@click.option("--paper", type=click.Choice(["A4", "Letter"], case_sensitive=False), default=None,
              help="Paper size (default: configuration, else A4).")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default=None,
              help="pdf/ua-1: tagged, accessible PDF; pdf/a-3b: archival PDF.")
@click.option("--templates", "templates", type=click.Path(file_okay=False, path_type=Path),
              multiple=True, help="Your template folder; its files replace docgen's.")
@click.pass_obj
def handbook(settings: Settings, framework_ids: tuple[str, ...], fmt: str, output: Optional[Path],
             paper: Optional[str], pdf_variant: Optional[str], templates: tuple[Path, ...]) -> None:
    """Make the handbook: cover, contents, a chapter per framework, a page per level.

    \b
    Example:
      docgen handbook
      docgen handbook --framework engineering/backend --format html -o backend.html
    """
    project = settings.project(paper=paper)
    catalog = _clean_catalog(settings, project)
    document = api.handbook(project, catalog, framework_ids, fmt, pdf_variant, templates)
    for warning in document.warnings:
        _echo(f"docgen: warning: {warning}", err=True)
    path = api.write_handbook(project, document, output, fmt)
    if settings.verbosity >= 0:
        pages = f", {document.pages} pages" if document.pages else ""
        _echo(f"docgen: wrote {path} ({len(document.data) // 1024} KiB{pages})", err=True)


@cli.command()
@click.option("--framework", "framework_ids", metavar="ID", multiple=True,
              help="Only this framework (repeatable; default: all).")
@click.option("--card", type=click.Choice(CARD_SIZES), default=None,
              help="Card size (default: configuration, else A6).")
@click.option("--paper", type=click.Choice(["A4", "Letter"], case_sensitive=False), default=None,
              help="Sheet size (default: configuration, else A4).")
@click.option("--per-sheet", type=click.IntRange(min=0), default=0,
              help="Cards per sheet; 1 gives one card a page with bleed and marks for a print "
                   "shop (default: as many as fit).")
@click.option("--back", type=click.Choice(BACKS), default=None,
              help="Card backs: examples and quotes, new at this level, auto, or blank.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file (one framework) or folder (default: out/cards/).")
@click.option("--templates", "templates", type=click.Path(file_okay=False, path_type=Path),
              multiple=True, help="Your template folder; its files replace docgen's.")
@click.pass_obj
def cards(settings: Settings, framework_ids: tuple[str, ...], card: Optional[str],
          paper: Optional[str], per_sheet: int, back: Optional[str], output: Optional[Path],
          templates: tuple[Path, ...]) -> None:
    """Print level cards: one card per level, imposed on sheets with crop marks.

    Writes out/cards/<framework>.pdf: front and back sheets alternate, for
    long-edge duplex printing.

    \b
    Example:
      docgen cards --framework engineering/backend --card A7 --paper Letter
    """
    project = settings.project(paper=paper)
    catalog = _clean_catalog(settings, project)
    selected = catalog.select(framework_ids)
    for framework in selected:
        document = api.cards(project, catalog, framework.id, card=card, back=back,
                             per_sheet=per_sheet, templates=templates)
        for warning in document.warnings:
            _echo(f"docgen: warning: {warning}", err=True)
        if output is not None and len(selected) == 1 and output.suffix == ".pdf":
            target = output
        elif output is not None:
            target = api.safe_output_path(output, framework.id, suffix=".pdf")
        else:
            target = api.cards_path(project, framework.id)
        path = api.write_atomic(target, document.data)
        if settings.verbosity >= 0:
            _echo(f"docgen: wrote {path} ({document.pages} sheets)", err=True)


@cli.command()
@click.option("--strict", is_flag=True, default=None, help="Fail on warnings too.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Processes to use (default: one per core).")
@click.option("--shard", metavar="I/N", default=None,
              help="Make only shard I of N (for CI matrix jobs); the manifest is left out.")
@click.option("--clean", "clean_up", is_flag=True, default=None,
              help="Remove artifacts earlier builds made that are no longer produced, and the "
                   "temporary files of a killed build.")
@click.pass_obj
def build(settings: Settings, strict: Optional[bool], jobs: int, shard: Optional[str],
          clean_up: Optional[bool]) -> None:
    """Make everything configured into out/, re-making only what changed, and the manifest.

    \b
    Example:
      docgen build -j 2
      docgen build --shard 1/4      # in CI matrix job 1 of 4
    """
    project = settings.project()
    chosen = api.Shard.parse(shard) if shard else None
    report = _build_reporter(settings)
    result = projectbuild.build(project, strict=bool(strict), jobs=jobs, shard=chosen,
                       clean_up=bool(clean_up), on_made=report)
    for warning in result.warnings if settings.verbosity >= 0 else ():
        _echo(f"docgen: warning: {warning}", err=True)
    for path in result.removed:
        _echo(f"docgen: removed {path}", err=True)
    if settings.verbosity >= 0:
        manifest = f", wrote {result.manifest}" if result.manifest else ""
        _echo(f"docgen: {len(result.made)} made, {result.unchanged} unchanged of "
              f"{result.planned}{manifest}", err=True)


@cli.command()
@click.pass_obj
def init(settings: Settings) -> None:
    """Start a project: a commented docgen.toml and an example assessment.

    Existing files are left as they are.

    \b
    Example:
      mkdir progression && cd progression && docgen init && docgen build
    """
    for path in projectbuild.init_project(settings.root or Path.cwd()):
        _echo(f"docgen: wrote {path}", err=True)


@cli.command()
@click.argument("assessments", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--format", "formats", default="docx,pdf", show_default=True,
              help="Comma-separated: docx, pdf.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: out/); packets go to <folder>/packets/<candidate>/.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Processes to use (default: one per core).")
@click.option("--docx-template", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Your branded .docx with Jinja tags (docxtpl).")
@click.pass_obj
def packet(settings: Settings, assessments: tuple[Path, ...], formats: str,
           output: Optional[Path], jobs: int, docx_template: Optional[Path]) -> None:
    """Make promotion packets: a Word document and a PDF per assessment.

    ASSESSMENTS are assessment files or folders of them.

    \b
    Example:
      docgen packet assessments/ -j 2
      docgen packet assessments/ada.yaml --format pdf -o build/
    """
    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in PACKET_FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {', '.join(PACKET_FORMATS)}", param_hint="--format")
    project = settings.project()
    jobs_list = api.packet_jobs(project, assessments, output)
    results = api.make_packets(jobs_list, api.packet_settings(project, docx_template=docx_template),
                               chosen, jobs)
    for index, result in _progress(settings, results, len(jobs_list), "packets"):
        for warning in result.warnings:
            _echo(f"docgen: warning: {result.source}: {warning}", err=True)
        if settings.verbosity > 0 or (settings.verbosity == 0 and not _interactive()):
            _echo(f"docgen: [{index}/{len(jobs_list)}] {result.source} → "
                  f"{', '.join(str(p) for p in result.paths)}", err=True)


@cli.command(name="case-template")
@click.option("--framework", "framework_id", metavar="ID", required=True, help="Framework id.")
@click.option("--level", type=int, required=True, help="The level of the promotion case.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here (default: out/case-templates/<framework>-L<N>.docx).")
@click.option("--docx-template", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Your branded .docx with Jinja tags (docxtpl).")
@click.pass_obj
def case_template(settings: Settings, framework_id: str, level: int, output: Optional[Path],
                  docx_template: Optional[Path]) -> None:
    """Write a blank Word promotion case for a level, with fields to fill in.

    \b
    Example:
      docgen case-template --framework engineering/backend --level 3
    """
    project = settings.project()
    catalog = _clean_catalog(settings, project)
    document = api.case_template(project, catalog, framework_id, level,
                                 docx_template=docx_template)
    path = api.write_atomic(output or api.case_template_path(project, framework_id, level),
                            document.data)
    if settings.verbosity >= 0:
        _echo(f"docgen: wrote {path}", err=True)


@cli.group()
def assessment() -> None:
    """Assessment files: start a blank one, or import ratings from a spreadsheet.

    \b
    Example:
      docgen assessment init --framework engineering/backend --level 3 -o assessments/ada.yaml
    """


@assessment.command(name="init")
@click.option("--framework", "framework_id", metavar="ID", required=True, help="Framework id.")
@click.option("--level", type=int, required=True, help="The target level.")
@click.option("--candidate", default="", help="The candidate's name.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here (default: standard output).")
@click.pass_obj
def assessment_init(settings: Settings, framework_id: str, level: int, candidate: str,
                    output: Optional[Path]) -> None:
    """Write a blank assessment: every criterion of the level, with its id and text.

    \b
    Example:
      docgen assessment init --framework engineering/backend --level 3 --candidate "Ada Lovelace"
    """
    project = settings.project()
    text = api.blank_assessment(project, _clean_catalog(settings, project), framework_id, level,
                                candidate)
    _emit(settings, text, output)


@assessment.command(name="import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--framework", "framework_id", metavar="ID", required=True, help="Framework id.")
@click.option("--candidate", required=True, help="The candidate's name.")
@click.option("--role", default="", help="The candidate's role.")
@click.option("--team", default="", help="The candidate's team.")
@click.option("--current", "current_level", type=int, required=True, help="The current level.")
@click.option("--target", "target_level", type=int, required=True, help="The target level.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here (default: standard output).")
@click.pass_obj
def assessment_import(settings: Settings, csv_file: Path, framework_id: str, candidate: str,
                      role: str, team: str, current_level: int, target_level: int,
                      output: Optional[Path]) -> None:
    """Make an assessment file from a CSV of ratings (columns: criterion, self, manager,
    evidence, links, comments).

    \b
    Example:
      docgen assessment import ada.csv --framework engineering/backend \\
          --candidate "Ada Lovelace" --current 2 --target 3 -o assessments/ada.yaml
    """
    project = settings.project()
    text = api.import_assessment(project, _clean_catalog(settings, project), csv_file,
                                 framework_id=framework_id,
                                 candidate=Person(candidate, role, team),
                                 current_level=current_level, target_level=target_level)
    _emit(settings, text, output)


def main() -> None:
    """Entry point of the `docgen` console script."""
    cli(prog_name="docgen")


def _clean_catalog(settings: Settings, project: Optional[api.Project] = None) -> api.Catalog:
    catalog = api.load_clean_catalog(project or settings.project())
    warnings = [p for p in catalog.problems if p.severity is Severity.WARNING]
    if warnings and settings.verbosity > 0:
        _show_problems(warnings, err=True)
    elif warnings and settings.verbosity == 0:
        _echo(f"docgen: {summary(warnings)} in the frameworks (see 'docgen check')", err=True)
    return catalog


def _show_problems(problems: tuple[Problem, ...] | list[Problem], err: bool) -> None:
    if problems:
        _echo(format_problems(problems), err=err)


def _build_reporter(settings: Settings):
    """A callback showing build progress: a bar on a terminal, plain lines otherwise."""
    state = {}

    def report(index: int, total: int, made) -> None:
        if settings.verbosity < 0:
            return
        if _interactive():
            if "bar" not in state:
                state["bar"] = click.progressbar(length=total, label="docgen: building",
                                                 file=sys.stderr)
                state["bar"].__enter__()
            state["bar"].update(1)
            if index == total:
                state["bar"].__exit__(None, None, None)
        else:
            _echo(f"docgen: [{index}/{total}] {made.record.path}", err=True)

    return report


def _interactive() -> bool:
    """True when a person watches: stderr is a terminal and this is not CI."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def _progress(settings: Settings, items, total: int, label: str):
    """Enumerate `items` from 1, with a progress bar when a person watches."""
    if settings.verbosity >= 0 and _interactive() and total > 1:
        with click.progressbar(items, length=total, label=f"docgen: {label}",
                               file=sys.stderr) as bar:
            yield from enumerate(bar, start=1)
    else:
        yield from enumerate(items, start=1)


def _emit(settings: Settings, text: str, output: Optional[Path]) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    api.write_atomic(output, text.encode("utf-8"))
    if settings.verbosity >= 0:
        _echo(f"docgen: wrote {output}", err=True)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _echo(message: str, err: bool = False) -> None:
    color = False if os.environ.get("NO_COLOR") else None
    click.echo(message, err=err, color=color)

"""The `docgen` command line: Click only.  Each command parses its options and calls `docgen.api`.

Errors are mapped in one place (`DocgenGroup.invoke`): a `UsageError` exits
2 like Click's own, any other `DocgenError` prints its message and exits 1.
Options shared by several commands are declared once, as decorators below.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Optional

import click

from docgen import api
from docgen.config import (CARD_BACKS, CARD_CHOICES, HANDBOOK_FORMATS, PACKET_FORMATS, PAPERS,
                           PDF_VARIANTS, PROBLEM_FORMATS)
from docgen.errors import (ConfigError, DocgenError, ProblemsError, Severity, UsageError,
                           quoted)
from docgen.model import Person
from docgen.sources import display_path
from docgen.report import counted, format_problems, summary, where_written

EXIT_INPUT = 1
EXIT_USAGE = 2
SUMMED_UP = 6  # in a terminal, more files written than this are summed up by folder


class DocgenGroup(click.Group):
    """A Click group that reports DocgenError as a message: exit 2 for usage, else 1."""

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
        except ProblemsError as exc:
            _echo(format_problems(exc.problems), err=True)
            _echo(f"docgen: {summary(exc.problems)}", err=True)
            ctx.exit(EXIT_INPUT)
        except UsageError as exc:
            _echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_USAGE)
        except DocgenError as exc:
            _echo(f"docgen: {exc}", err=True)
            ctx.exit(EXIT_INPUT)
        except OSError as exc:  # a path the system refuses (too long, not a folder…): the input's fault
            where = f"{quoted(exc.filename)}: " if exc.filename else ""
            _echo(f"docgen: {where}{exc.strerror or exc} (check the paths in docgen.toml and "
                  "on the command line)", err=True)
            ctx.exit(EXIT_INPUT)
        failed = getattr(ctx.obj, "failed", ())
        if failed:
            _echo(f"docgen: {summary(failed)} (above): made only what does not depend on the "
                  "files that have them", err=True)
            ctx.exit(EXIT_INPUT)
        return result


class Options:
    """The global options, handed to every command; they may come before or after it."""

    def __init__(self) -> None:
        self.root: Optional[Path] = None
        self.config: Optional[Path] = None
        self.verbosity = 0
        self.failed: tuple = ()  # errors of inputs the command went on without

    def project(self, **overrides) -> api.Project:
        """The project these options name, with `overrides` (None: not given) over its config."""
        return api.open_project(self.root, self.config, **overrides)

    def catalog(self, project: api.Project, paths=None, frameworks=()) -> api.Catalog:
        """The usable part of the project's catalog, warnings summed up (all with -v).

        With `frameworks` (ids), ProblemsError when their files have errors.
        Without, errors are printed and the command goes on with what does
        not depend on them, then exits 1 (see `DocgenGroup.invoke`).
        """
        if frameworks:
            catalog = api.load_clean_catalog(project, paths, frameworks)
        else:
            catalog = api.load_catalog(project, paths)
            if catalog.errors:
                _echo(format_problems(catalog.errors), err=True)
                self.failed = catalog.errors
                catalog = catalog.usable()
        warnings = [p for p in catalog.problems if p.severity is Severity.WARNING]
        if warnings and self.verbosity > 0:
            _echo(format_problems(warnings), err=True)
        elif warnings and self.verbosity == 0:
            _echo(f"docgen: {summary(warnings)} in the frameworks (see 'docgen check')", err=True)
        return catalog

    def say(self, message: str) -> None:
        """A line on stderr, unless -q."""
        if self.verbosity >= 0:
            _echo(f"docgen: {message}", err=True)

    def note(self, message: str) -> None:
        """A note on stderr (something not made, and why), unless -q."""
        self.say(f"note: {message}")


def _set(attribute: str, transform: Callable = lambda value: value):
    def callback(ctx: click.Context, _param, value):
        if value not in (None, 0, False, ()):
            setattr(ctx.ensure_object(Options), attribute, transform(value))
        return value
    return callback


def global_options(command):
    """`--root`, `--config`, `-v`, `-q`: accepted before the command name and after it."""
    for option in reversed((
        click.option("--root", type=click.Path(file_okay=False, path_type=Path),
                     expose_value=False, callback=_set("root"),
                     help="Project folder (default: the current folder)."),
        click.option("--config", type=click.Path(dir_okay=False, path_type=Path),
                     expose_value=False, callback=_set("config"),
                     help="Configuration file (default: docgen.toml or pyproject.toml)."),
        click.option("-v", "--verbose", count=True, expose_value=False,
                     callback=_set("verbosity"), help="Say more (all warnings)."),
        click.option("-q", "--quiet", is_flag=True, expose_value=False,
                     callback=_set("verbosity", lambda _: -1), help="Say only what failed."),
    )):
        command = option(command)
    return command


def output_option(what: str):
    """`-o/--output`: a file when the command makes one file, a folder when it makes several."""
    return click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
                        help=what)


def _complete_framework_ids(ctx: click.Context, _param, incomplete: str) -> list[str]:
    """Shell completion of --framework: the ids of the project's framework files (not parsed)."""
    try:
        options = ctx.find_object(Options)
        project = api.open_project(options.root if options and options.root else Path.cwd())
        return [fw_id for fw_id in api.framework_ids(project) if fw_id.startswith(incomplete)]
    except (DocgenError, OSError):
        return []


framework_ids = click.option("--framework", "framework_ids", metavar="ID", multiple=True,
                             shell_complete=_complete_framework_ids,
                             help="Only this framework (repeatable; default: all).")
one_framework = click.option("--framework", "framework_id", metavar="ID", required=True,
                             shell_complete=_complete_framework_ids,
                             help="Framework id (see 'docgen list').")
templates_option = click.option("--templates", type=click.Path(file_okay=False, path_type=Path),
                                multiple=True, help="Your template folder; its files replace "
                                                    "docgen's.")
jobs_option = click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
                           help="Processes to use (default: one per core).")
paper_option = click.option("--paper", type=click.Choice(list(PAPERS), case_sensitive=False),
                            default=None, help="Paper size (default: configuration, else A4).")
docx_template_option = click.option(
    "--docx-template", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None, help="Your branded .docx with Jinja tags (docxtpl).")


def _print_version(ctx: click.Context, _param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from docgen.about import version_report  # imports WeasyPrint: only when asked
        click.echo(version_report())
        ctx.exit()


def command(group: click.Group = None, **settings):
    """A docgen command: `group.command` with the global options after the name too."""
    def decorate(function):
        return (group or cli).command(**settings)(global_options(click.pass_obj(function)))
    return decorate


@click.group(cls=DocgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version,
              help="Show docgen's version and the engines it found, and exit.")
@global_options
def cli() -> None:
    """Turn career progression frameworks into documents people print, fill in and keep.

    \b
    Example:
      docgen check                 # validate framework/
      docgen build                 # everything into out/
    """
    click.get_current_context().ensure_object(Options)


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
        _echo(format_problems(shown, style))
    if options.verbosity >= 0 and style == "text" and catalog is not None:
        options.say(f"checked {counted(len(catalog.frameworks), 'framework')}: "
                    f"{summary(problems)}")
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
            _echo(f"{fw.id:<40} {len(fw.levels)} levels  {count:>4} criteria  {fw.title}")
        return
    fw = catalog.framework(framework_id)
    width = max((len(c.id) for _, _, c in fw.criteria()), default=0)
    _echo(f"{fw.title} ({fw.id}, {fw.source})")
    for level in fw.levels:
        _echo(f"Level {level.number}" + (f": {level.name}" if level.name else ""))
        for category in level.categories:
            _echo(f"  {category.title}{' (generic)' if category.inherited else ''}")
            for criterion in category.criteria:
                _echo(f"    {criterion.id:<{width}}  {_short(criterion.text)}")


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
    _emit(options, api.export_json(catalog, framework_ids), output, (".json",))


@command(name="handbook")
@framework_ids
@click.option("--format", "fmt", type=click.Choice(HANDBOOK_FORMATS, case_sensitive=False),
              default="pdf", show_default=True,
              help="PDF for print, or one self-contained HTML file.")
@output_option("Write here (default: out/handbook.pdf or out/handbook.html; - for standard "
               "output, HTML only).")
@paper_option
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS, case_sensitive=False),
              default=None, help="pdf/ua-1: tagged, accessible PDF; pdf/a-3b: archival PDF.")
@click.option("--changes-since", metavar="REV", default=None,
              help="Mark criteria added, reworded or moved since this git revision with a bar "
                   "in the margin, and list removed ones (default: changes_since in docgen.toml).")
@templates_option
@jobs_option
def handbook(options: Options, framework_ids: tuple[str, ...], fmt: str, output: Optional[Path],
             paper: Optional[str], pdf_variant: Optional[str], changes_since: Optional[str],
             templates: tuple[Path, ...], jobs: int) -> None:
    """Make the handbook: cover, contents, a chapter per framework, a page per level.

    The PDF's chapters are laid out in parallel and kept in out/.docgen/units/,
    so the next run lays out again only the chapters that changed.  A
    --pdf-variant is laid out in one pass (its structure cannot be joined).

    \b
    Example:
      docgen handbook
      docgen handbook --framework engineering/backend --format html -o backend.html
    """
    project = options.project(paper=paper, changes_since=changes_since)
    settings = dict(frameworks=framework_ids, formats=(fmt,), variant=pdf_variant,
                    templates=templates, workers=jobs)
    _make(options, project, "handbook", output, text=fmt == "html", **settings)


@command(name="cards")
@framework_ids
@click.option("--card", type=click.Choice(CARD_CHOICES, case_sensitive=False), default=None,
              help="Card size (default: configuration, else auto: A6, or A5 for a framework "
                   "whose levels do not fit A6).")
@paper_option
@click.option("--per-sheet", type=click.IntRange(min=0), default=None,
              help="Cards per sheet; 1 gives one card a page with bleed and marks for a print "
                   "shop (default: as many as fit).")
@click.option("--back", type=click.Choice(CARD_BACKS, case_sensitive=False), default=None,
              help="Card backs: examples and quotes, new at this level, auto, or blank.")
@output_option("Output file (one framework) or folder (default: out/cards/).")
@templates_option
@jobs_option
def cards(options: Options, framework_ids: tuple[str, ...], card: Optional[str],
          paper: Optional[str], per_sheet: Optional[int], back: Optional[str],
          output: Optional[Path], templates: tuple[Path, ...], jobs: int) -> None:
    """Print level cards: one card per level, imposed on sheets with crop marks.

    Writes out/cards/<framework>.pdf: front and back sheets alternate, for
    long-edge duplex printing.  Frameworks are made in parallel (-j).

    \b
    Example:
      docgen cards --framework engineering/backend --card A7 --paper Letter
    """
    project = options.project(paper=paper, card=card, card_back=back)
    _make(options, project, "cards", output, jobs=jobs, frameworks=framework_ids,
          per_sheet=per_sheet, templates=templates)


@command(name="case-template")
@one_framework
@click.option("--level", type=int, required=True, help="The level of the promotion case.")
@output_option("Write here, a .docx (default: out/case-templates/<framework>-L<N>.docx).")
@docx_template_option
def case_template(options: Options, framework_id: str, level: int, output: Optional[Path],
                  docx_template: Optional[Path]) -> None:
    """Write a blank Word promotion case for a level, with fields to fill in.

    \b
    Example:
      docgen case-template --framework engineering/backend --level 3
    """
    _make(options, options.project(), "case-templates", output, frameworks=(framework_id,),
          level=level, docx_template=docx_template)


@command(name="packet")
@click.argument("assessments", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--format", "formats", default="docx,pdf", show_default=True,
              help="Comma-separated: docx, pdf.")
@output_option("Output folder: packets go to <folder>/<candidate>/ (default: out/packets/).")
@jobs_option
@docx_template_option
def packet(options: Options, assessments: tuple[Path, ...], formats: str,
           output: Optional[Path], jobs: int, docx_template: Optional[Path]) -> None:
    """Make promotion packets: a Word document and a PDF per assessment.

    ASSESSMENTS are assessment files or folders of them.

    \b
    Example:
      docgen packet assessments/ -j 2
      docgen packet assessments/ada.yaml --format pdf -o build/
    """
    chosen = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in PACKET_FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {', '.join(PACKET_FORMATS)}", param_hint="--format")
    project = options.project()
    catalog = options.catalog(project, [project.framework_dir, *assessments])
    made = api.make(project, "packets", catalog, output=_folder(output), jobs=jobs,
                    on_made=_reporter(options, "packets"), formats=chosen,
                    docx_template=docx_template)
    _report(options, made)


@command(name="build")
@click.option("--strict", is_flag=True, help="Fail on warnings too, before anything is written.")
@jobs_option
@click.option("--shard", metavar="I/N", default=None,
              help="Make only shard I of N (for CI matrix jobs); the manifest is left out.")
@click.option("--clean", "clean_up", is_flag=True,
              help="Also remove the temporary files of a killed build and the folders left "
                   "empty (files whose inputs are gone are always removed).")
def build(options: Options, strict: bool, jobs: int, shard: Optional[str],
          clean_up: bool) -> None:
    """Make everything configured into out/, re-making only what changed, and the manifest.

    Files an earlier build made whose inputs are gone (a deleted
    assessment's packet) are removed; files docgen did not make never are.

    \b
    Example:
      docgen build -j 2
      docgen build --shard 1/4      # in CI matrix job 1 of 4
    """
    chosen = api.Shard.parse(shard) if shard else None
    project = options.project()
    result = api.build(project, strict=strict, jobs=jobs, shard=chosen,
                       clean_up=clean_up, on_made=_reporter(options, "building"),
                       on_wait=options.say)
    for warning in result.warnings if options.verbosity > 0 else ():
        _echo(warning if ": warning: " in warning else f"docgen: warning: {warning}", err=True)
    if result.warnings and options.verbosity == 0:
        options.say(f"{len(result.warnings)} warning(s) (see them with -v, or 'docgen check')")
    for note in result.notes:
        options.note(note)
    for path in result.removed:
        options.say(f"removed {path}")
    manifest = f", wrote {display_path(result.manifest)}" if result.manifest else ""
    pieces = (f", and {counted(result.pieces, 'chapter')} of the handbook laid out for the "
              "build that joins the shards" if result.pieces else "")
    options.say(f"{len(result.made)} made, {result.unchanged} unchanged of {result.planned}"
                f"{pieces}{manifest}")
    if result.made:
        options.say("wrote " + where_written([display_path(project.out_dir / path)
                                              for path in result.written]))
    if result.errors:
        _echo(format_problems(result.errors), err=True)
        options.failed = result.errors


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


@command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1 or ::1 lets other machines read "
                   "the handbook.")
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port (0: any free one).")
def serve(options: Options, host: str, port: int) -> None:
    """Preview the handbook in a browser, made again each time you save.

    Serves the HTML handbook on http://127.0.0.1:8000/ and watches the
    frameworks, assessments, your templates and docgen.toml: the page
    reloads itself within a second of a save, shows the problems of a file
    that has them, and links the PDF of the chapter you edited, made in the
    background.  Ctrl+C stops it.

    \b
    Example:
      docgen serve --port 8001
    """
    import threading

    from docgen.preview import serve as serve_preview  # watchfiles: only when serving

    if host not in ("127.0.0.1", "localhost", "::1"):
        options.say(f"warning: --host {host}: other machines can read the handbook")
    try:
        serve_preview(options.project, host, port,
                      on_ready=lambda url: _echo(f"docgen: serving {url} (Ctrl+C to stop)",
                                                 err=True),
                      log=options.say if options.verbosity > 0 else lambda message: None,
                      stop=threading.Event())
    except OSError as exc:
        if exc.filename is None and exc.errno is not None:  # the address, not a file
            raise DocgenError(f"cannot listen on {host}:{port}: {exc.strerror} (choose another "
                             "--port, or 0 for any free one)") from exc
        raise


@command(name="init")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def init(options: Options, directory: Optional[Path]) -> None:
    """Start a project in DIRECTORY (default: the current folder, or --root): a commented
    docgen.toml, an example framework when there is none, and an example assessment.

    Existing files are left as they are, and named.

    \b
    Example:
      docgen init progression && cd progression && docgen build
    """
    started = api.init_project(directory or options.root or Path.cwd())
    _say_started(options, started, "nothing written: the project is already started")


@cli.group()
def templates() -> None:
    """docgen's own templates, to start your own from.

    \b
    Example:
      docgen templates export mytemplates --only handbook
    """


@command(templates, name="export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--only", "kinds", type=click.Choice(api.TEMPLATE_KINDS, case_sensitive=False),
              multiple=True, help="Only this document's templates (repeatable; default: all).")
def templates_export(options: Options, directory: Path, kinds: tuple[str, ...]) -> None:
    """Copy docgen's default templates into DIRECTORY, to change them there.

    Then set `templates = "DIRECTORY"` in docgen.toml: a file there replaces
    docgen's file of the same name, so keep only the files you change.
    Files that exist in DIRECTORY are kept.

    \b
    Example:
      docgen templates export mytemplates --only handbook
    """
    started = api.export_templates(directory, tuple(k.lower() for k in kinds))
    _say_started(options, started, f"nothing written: {display_path(directory)} has them all")
    if started.written:
        options.say(f'use them: templates = "{directory.as_posix()}" in docgen.toml')


def _say_started(options: Options, started, nothing: str) -> None:
    for path in started.written:
        options.say(f"wrote {display_path(path)}")
    for path in started.kept:
        what = "has files" if path.is_dir() else "exists"
        options.say(f"kept {display_path(path)} (it {what}; docgen leaves it as it is)")
    if not started.written:
        options.say(nothing)


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
                                framework_id, level, candidate, _written_to(output))
    _emit(options, text, output, (".yaml", ".yml"))


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
                                 written_to=_written_to(output))
    _emit(options, text, output, (".yaml", ".yml"))


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


def main() -> None:
    """Entry point of the `docgen` console script."""
    cli(prog_name="docgen")


def _make(options: Options, project: api.Project, kind: str, output: Optional[Path],
          text: bool = False, jobs: int = 1, **settings) -> None:
    """Make a document kind (or, with `-o -` for a text document, print it) and report."""
    frameworks = settings.pop("frameworks", ())
    catalog = options.catalog(project, frameworks=frameworks)
    if output == Path("-"):
        if not text:
            raise UsageError("-o - writes text to standard output; this document is binary: "
                             "give a file name")
        for file in api.render(project, kind, catalog, frameworks=frameworks, **settings):
            _warn(file.warnings if options.verbosity >= 0 else ())
            click.echo(file.data.decode("utf-8"), nl=False)
        return
    made = api.make(project, kind, catalog, frameworks=frameworks, output=output, jobs=jobs,
                    on_made=_reporter(options, kind), on_note=options.note, **settings)
    _report(options, made)


def _report(options: Options, made: list[api.Made]) -> None:
    """Warnings, then each file written; in a terminal, many files are summed up by folder."""
    if options.verbosity < 0:
        return
    for result in made:
        _warn(result.warnings, result.name if len(made) > 1 else "")
    paths = [display_path(path) for result in made for path in result.paths]
    if _interactive() and len(paths) > SUMMED_UP:
        options.say(f"wrote {counted(len(paths), 'file')}: {where_written(paths)}")
        return
    for result in made:
        for path, size, pages in zip(result.paths, result.sizes, result.pages):
            pages_note = f", {pages} pages" if pages else ""
            options.say(f"wrote {display_path(path)} ({max(1, size // 1024)} KiB{pages_note})")


def _warn(warnings, name: str = "") -> None:
    for warning in warnings:
        _echo(f"docgen: warning: {name + ': ' if name else ''}{warning}", err=True)


def _reporter(options: Options, label: str):
    """A callback showing progress of many jobs: a bar when a person watches, else plain lines."""
    state = {}

    def report(index: int, total: int, made) -> None:
        if options.verbosity < 0 or total < 2:
            return
        if _interactive():
            if "bar" not in state:
                state["bar"] = click.progressbar(length=total, label=f"docgen: {label}",
                                                 file=sys.stderr)
                state["bar"].__enter__()
            state["bar"].update(1)
            if index == total:
                state["bar"].__exit__(None, None, None)
        else:
            _echo(f"docgen: [{index}/{total}] {made.name}", err=True)

    return report


def _interactive() -> bool:
    """True when a person watches: stderr is a terminal and this is not CI."""
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("true", "1", "yes")


def _written_to(output: Optional[Path]) -> Optional[Path]:
    """Where a text output goes: the file of `-o`, or None for standard output."""
    return None if output is None or output == Path("-") else output


def _folder(output: Optional[Path]) -> Optional[Path]:
    """`-o` of a command whose output is always a folder."""
    if output is not None and output == Path("-"):
        raise UsageError("-o - is for commands that write one text file; give a folder")
    return output


def _emit(options: Options, text: str, output: Optional[Path], suffixes) -> None:
    if output is None or output == Path("-"):
        click.echo(text, nl=False)
        return
    api.write_text(output, text, suffixes)
    options.say(f"wrote {output}")


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _echo(message: str, err: bool = False) -> None:
    color = False if os.environ.get("NO_COLOR") else None
    click.echo(message, err=err, color=color)


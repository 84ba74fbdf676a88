"""The command line's core: the group, error mapping, global and shared options, output helpers.

Errors are mapped in one place (`DocgenGroup.invoke`): a `UsageError` exits
2 like Click's own, any other `DocgenError` prints its message and exits 1.
Options shared by several commands are declared once, as decorators here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Optional

import click

from docgen import api
from docgen.config import PAPERS
from docgen.errors import DocgenError, ProblemsError, Severity, UsageError, quoted
from docgen.report import counted, format_problems, summary, where_written
from docgen.sources import display_path


EXIT_INPUT = 1
EXIT_USAGE = 2
SUMMED_UP = 6  # in a terminal, more files written than this are summed up by folder


class DocgenGroup(click.Group):
    """A Click group that reports DocgenError as a message: exit 2 for usage, else 1."""

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
        except ProblemsError as exc:
            echo(format_problems(exc.problems), err=True)
            echo(f"docgen: {summary(exc.problems)}", err=True)
            ctx.exit(EXIT_INPUT)
        except UsageError as exc:
            echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_USAGE)
        except DocgenError as exc:
            echo(f"docgen: {exc}", err=True)
            ctx.exit(EXIT_INPUT)
        except OSError as exc:  # a path the system refuses (too long, not a folder…): input's fault
            where = f"{quoted(exc.filename)}: " if exc.filename else ""
            echo(f"docgen: {where}{exc.strerror or exc} (check the paths in docgen.toml and "
                 "on the command line)", err=True)
            ctx.exit(EXIT_INPUT)
        failed = getattr(ctx.obj, "failed", ())
        if failed:
            echo(f"docgen: {summary(failed)} (above): made only what does not depend on the "
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

    def catalog(self, project: api.Project, paths=None, frameworks=(), workers: int = 1
                ) -> api.Catalog:
        """The usable part of the project's catalog, warnings summed up (all with -v); many
        files read in `workers` processes (0: one per core).

        With `frameworks` (ids), ProblemsError when their files have errors.
        Without, errors are printed and the command goes on with what does
        not depend on them, then exits 1 (see `DocgenGroup.invoke`).
        """
        if frameworks:
            catalog = api.load_clean_catalog(project, paths, frameworks, workers)
        else:
            catalog = api.load_catalog(project, paths, workers)
            if catalog.errors:
                echo(format_problems(catalog.errors), err=True)
                self.failed = catalog.errors
                catalog = catalog.usable()
        warnings = [p for p in catalog.problems if p.severity is Severity.WARNING]
        if warnings and self.verbosity > 0:
            echo(format_problems(warnings), err=True)
        elif warnings and self.verbosity == 0:
            echo(f"docgen: {summary(warnings)} in the frameworks (see 'docgen check')", err=True)
        return catalog

    def say(self, message: str) -> None:
        """A line on stderr, unless -q."""
        if self.verbosity >= 0:
            echo(f"docgen: {message}", err=True)

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


def make_document(options: Options, project: api.Project, kind: str, output: Optional[Path],
          text: bool = False, jobs: int = 1, **settings) -> None:
    """Make a document kind (or, with `-o -` for a text document, print it) and report."""
    frameworks = settings.pop("frameworks", ())
    if output == Path("-"):
        if not text:
            raise UsageError("-o - writes text to standard output; this document is binary: "
                             "give a file name")
        catalog = options.catalog(project, frameworks=frameworks, workers=jobs)
        for file in api.render(project, kind, catalog, frameworks=frameworks, **settings):
            warn(file.warnings if options.verbosity >= 0 else ())
            click.echo(file.data.decode("utf-8"), nl=False)
        return
    with api.workers_started(project, kind, jobs, frameworks=frameworks, **settings):
        catalog = options.catalog(project, frameworks=frameworks, workers=jobs)
        made = api.make(project, kind, catalog, frameworks=frameworks, output=output, jobs=jobs,
                        on_made=progress(options, kind), on_note=options.note, **settings)
    report_made(options, made)


def report_made(options: Options, made: list[api.Made]) -> None:
    """Warnings, then each file written; in a terminal, many files are summed up by folder."""
    if options.verbosity < 0:
        return
    for result in made:
        warn(result.warnings, result.name if len(made) > 1 else "")
    paths = [display_path(path) for result in made for path in result.paths]
    if interactive() and len(paths) > SUMMED_UP:
        options.say(f"wrote {counted(len(paths), 'file')}: {where_written(paths)}")
        return
    for result in made:
        for path, size, pages in zip(result.paths, result.sizes, result.pages):
            pages_note = f", {pages} pages" if pages else ""
            options.say(f"wrote {display_path(path)} ({max(1, size // 1024)} KiB{pages_note})")


def warn(warnings, name: str = "") -> None:
    """Each warning on stderr, prefixed with `name` when given."""
    for warning in warnings:
        echo(f"docgen: warning: {name + ': ' if name else ''}{warning}", err=True)


def progress(options: Options, label: str):
    """A callback showing progress of many jobs: a bar when a person watches, else plain lines."""
    state = {}

    def report(index: int, total: int, made) -> None:
        if options.verbosity < 0 or total < 2:
            return
        if interactive():
            if "bar" not in state:
                state["bar"] = click.progressbar(length=total, label=f"docgen: {label}",
                                                 file=sys.stderr)
                state["bar"].__enter__()
            state["bar"].update(1)
            if index == total:
                state["bar"].__exit__(None, None, None)
        else:
            echo(f"docgen: [{index}/{total}] {made.name}", err=True)

    return report


def interactive() -> bool:
    """True when a person watches: stderr is a terminal and this is not CI."""
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("true", "1", "yes")


def written_to(output: Optional[Path]) -> Optional[Path]:
    """Where a text output goes: the file of `-o`, or None for standard output."""
    return None if output is None or output == Path("-") else output


def folder_of(output: Optional[Path]) -> Optional[Path]:
    """`-o` of a command whose output is always a folder."""
    if output is not None and output == Path("-"):
        raise UsageError("-o - is for commands that write one text file; give a folder")
    return output


def emit(options: Options, text: str, output: Optional[Path], suffixes) -> None:
    """Text to standard output (no -o, or -o -) or to the file -o names."""
    if output is None or output == Path("-"):
        click.echo(text, nl=False)
        return
    api.write_text(output, text, suffixes)
    options.say(f"wrote {output}")


def short(text: str, width: int = 60) -> str:
    """`text` cut to `width` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def echo(message: str, err: bool = False) -> None:
    """A line on stdout (or stderr), without colour when NO_COLOR is set."""
    color = False if os.environ.get("NO_COLOR") else None
    click.echo(message, err=err, color=color)


def say_started(options: Options, started, nothing: str) -> None:
    """What init or templates export wrote and kept, or `nothing` when it wrote nothing."""
    for path in started.written:
        options.say(f"wrote {display_path(path)}")
    for path in started.kept:
        what = "has files" if path.is_dir() else "exists"
        options.say(f"kept {display_path(path)} (it {what}; docgen leaves it as it is)")
    if not started.written:
        options.say(nothing)

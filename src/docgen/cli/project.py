"""Commands around a project: serve (live preview), init, templates export."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from docgen import api
from docgen.cli.core import Options, cli, command, echo, say_started
from docgen.errors import DocgenError
from docgen.sources import display_path


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
                      on_ready=lambda url: echo(f"docgen: serving {url} (Ctrl+C to stop)",
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
    say_started(options, started, "nothing written: the project is already started")


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
    say_started(options, started, f"nothing written: {display_path(directory)} has them all")
    if started.written:
        options.say(f'use them: templates = "{directory.as_posix()}" in docgen.toml')

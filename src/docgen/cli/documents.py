"""Commands that make documents: handbook, cards, case-template, packet, build."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from docgen import api
from docgen.cli.core import (Options, command, docx_template_option, echo, folder_of,
                             framework_ids, jobs_option, make_document, one_framework,
                             output_option, paper_option, progress, report_made, templates_option)
from docgen.config import (CARD_BACKS, CARD_CHOICES, HANDBOOK_FORMATS, PACKET_FORMATS,
                           PDF_VARIANTS)
from docgen.errors import NotFoundError
from docgen.report import counted, format_problems, where_written
from docgen.sources import display_path, split_paths


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
    make_document(options, project, "handbook", output, text=fmt == "html", **settings)


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
    make_document(options, project, "cards", output, jobs=jobs, frameworks=framework_ids,
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
    make_document(options, options.project(), "case-templates", output, frameworks=(framework_id,),
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
    if not split_paths(assessments)[1]:
        raise NotFoundError("there is nothing to make packets from: no assessments among the "
                            "paths given (assessment files are .yaml or .json: docgen packet "
                            "assessments/, or docgen assessment init to start one)")
    project = options.project()
    catalog = options.catalog(project, [project.framework_dir, *assessments], workers=jobs)
    made = api.make(project, "packets", catalog, output=folder_of(output), jobs=jobs,
                    on_made=progress(options, "packets"), formats=chosen,
                    docx_template=docx_template)
    report_made(options, made)


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
                       clean_up=clean_up, on_made=progress(options, "building"),
                       on_wait=options.say)
    for warning in result.warnings if options.verbosity > 0 else ():
        echo(warning if ": warning: " in warning else f"docgen: warning: {warning}", err=True)
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
        echo(format_problems(result.errors), err=True)
        options.failed = result.errors

"""The library behind every command: load, check, list and export frameworks.

Everything the command line does can be done from Python with these
functions; the CLI only parses options and prints.  Functions raise
`DocgenError` subclasses for anything the user can fix.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from docgen.assess import validate_assessment
from docgen.build import Shard  # noqa: F401 (re-exported for the command line)
from docgen.cards import CardSettings, make_cards
from docgen.config import Config, load_config
from docgen.errors import ConfigError, Problem, ProblemsError, Severity, UnknownFrameworkError
from docgen.export import export_document
from docgen.handbook import HandbookSettings, make_handbook, read_logo
from docgen.ids import assign_ids
from docgen.inherit import complete
from docgen.load import discover, display_path, load_assessments, load_frameworks, split_paths
from docgen.load.assessment_csv import assessment_from_csv
from docgen.model import Assessment, Framework, Person
from docgen.output import safe_output_path, write_atomic
from docgen.packetrun import PacketJob, PacketResult, make_packets  # noqa: F401 (re-exported)
from docgen.packets import PacketSettings, packet_context, render_packet
from docgen.render import Rendered
from docgen.render.assessment_yaml import assessment_yaml
from docgen.sourcedate import source_date
from docgen.templating import SearchPath
from docgen.validate import validate


@dataclass(frozen=True)
class Project:
    """A docgen project: its root folder and configuration."""

    root: Path
    config: Config

    @property
    def framework_dir(self) -> Path:
        """The folder holding the framework files."""
        return self.root / self.config.frameworks

    @property
    def assessments_dir(self) -> Path:
        """The folder holding assessment files."""
        return self.root / self.config.assessments

    @property
    def out_dir(self) -> Path:
        """The folder documents are written to."""
        return self.root / self.config.out


@dataclass(frozen=True)
class Catalog:
    """Loaded, completed and validated frameworks, with every problem found."""

    frameworks: tuple[Framework, ...]
    problems: tuple[Problem, ...]
    assessments: tuple[Assessment, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that are errors."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def failed(self, strict: bool = False) -> bool:
        """True when there are errors (or, when `strict`, warnings too)."""
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return any(p.severity in failing for p in self.problems)

    def framework(self, framework_id: str) -> Framework:
        """The framework with this id; UnknownFrameworkError names the closest ids."""
        for fw in self.frameworks:
            if fw.id == framework_id:
                return fw
        ids = [fw.id for fw in self.frameworks]
        close = difflib.get_close_matches(framework_id, ids, n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(close)}?" if close else \
            f"known: {', '.join(ids) or 'none'}"
        raise UnknownFrameworkError(f"no framework '{framework_id}' ({hint})")

    def select(self, framework_ids: Optional[Iterable[str]]) -> tuple[Framework, ...]:
        """The frameworks with these ids, in that order; all of them when None or empty."""
        ids = list(framework_ids or [])
        return tuple(self.framework(i) for i in ids) if ids else self.frameworks


def open_project(root: Optional[Path] = None, config_file: Optional[Path] = None,
                 **overrides: Any) -> Project:
    """The project at `root` (default: the current folder) with its configuration."""
    root = Path(root) if root is not None else Path.cwd()
    return Project(root, load_config(root, config_file, overrides))


def load_catalog(project: Project, paths: Optional[Sequence[Path]] = None) -> Catalog:
    """Load, complete and validate frameworks and assessments.

    `paths` are framework and assessment files or folders; by default the
    project's framework folder and, when it exists, its assessment folder.
    Assessments are always checked against the project's frameworks.
    """
    problems: list[Problem] = []
    if paths:
        framework_paths, assessment_paths = split_paths(paths)
        framework_paths = framework_paths or [project.framework_dir]
    else:
        framework_paths = [project.framework_dir]
        assessment_paths = [project.assessments_dir] if project.assessments_dir.is_dir() else []
    sources = discover(framework_paths, problems, project.framework_dir)
    loaded = load_frameworks(sources)
    problems += loaded.problems
    completed, inherit_problems = complete(loaded.files, project.config.levels)
    problems += inherit_problems
    frameworks = []
    for framework in completed:
        framework, id_problems = assign_ids(framework)
        problems += id_problems
        frameworks.append(framework)
    problems += validate(frameworks)
    assessments = load_assessments(assessment_paths, problems)
    config = project.config
    for assessment in assessments:
        problems += validate_assessment(assessment, frameworks, config.rating_scale,
                                        config.rating_met)
    return Catalog(tuple(frameworks), tuple(problems), tuple(assessments))


def load_clean_catalog(project: Project) -> Catalog:
    """Like `load_catalog`, but raise ProblemsError when the frameworks have errors."""
    catalog = load_catalog(project)
    if catalog.errors:
        raise ProblemsError(catalog.problems)
    return catalog


def export_json(catalog: Catalog, framework_ids: Optional[Iterable[str]] = None) -> str:
    """The model of the selected frameworks as JSON text (see schemas/export.schema.json)."""
    document = export_document(catalog.select(framework_ids))
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_export(catalog: Catalog, target: Path,
                 framework_ids: Optional[Iterable[str]] = None) -> Path:
    """Write `export_json` to `target` atomically."""
    return write_atomic(target, export_json(catalog, framework_ids).encode("utf-8"))


def handbook(project: Project, catalog: Catalog, framework_ids: Optional[Iterable[str]] = None,
             fmt: str = "pdf", variant: Optional[str] = None,
             templates: Optional[Sequence[Path]] = None) -> Rendered:
    """The handbook of the selected frameworks (all by default) as PDF or HTML bytes."""
    frameworks = catalog.select(framework_ids)
    if not frameworks:
        raise UnknownFrameworkError("there are no frameworks to put in a handbook "
                                    f"(looked in {project.framework_dir})")
    return make_handbook(frameworks, handbook_settings(project, templates), fmt, variant)


def handbook_settings(project: Project, templates: Optional[Sequence[Path]] = None
                      ) -> HandbookSettings:
    """What a handbook of this project needs besides the frameworks: config, date, templates."""
    config = project.config
    user_templates = list(templates or []) or ([project.root / config.templates]
                                               if config.templates else [])
    return HandbookSettings(
        search_path=SearchPath.with_user_folders(user_templates),
        title=config.title,
        organisation=config.organisation,
        paper=config.paper,
        lang=config.lang,
        date=source_date([project.framework_dir], project.root),
        logo=read_logo(project.root / config.logo) if config.logo else None,
    )


def cards(project: Project, catalog: Catalog, framework_id: str, *, card: Optional[str] = None,
          sheet: Optional[str] = None, back: Optional[str] = None, per_sheet: int = 0,
          templates: Optional[Sequence[Path]] = None) -> Rendered:
    """The level cards of one framework, imposed on sheets, as PDF bytes."""
    framework = catalog.framework(framework_id)
    settings = replace(card_settings(project, handbook_settings(project, templates)),
                       card=card or project.config.card, sheet=sheet or project.config.paper,
                       back=back or project.config.card_back, per_sheet=per_sheet)
    return make_cards(framework, settings)


def cards_path(project: Project, framework_id: str) -> Path:
    """Where the cards of a framework go: `out/cards/<framework-id-slug>.pdf`."""
    return safe_output_path(project.out_dir / "cards", framework_id, suffix=".pdf")


def packet_settings(project: Project, templates: Optional[Sequence[Path]] = None,
                    docx_template: Optional[Path] = None) -> PacketSettings:
    """What packets of this project need besides the framework and the assessment."""
    base = handbook_settings(project, templates)
    config = project.config
    chosen = docx_template or (project.root / config.docx_template if config.docx_template
                               else None)
    if chosen is not None and not Path(chosen).is_file():
        raise ConfigError(f"{chosen}: no such Word template")
    return PacketSettings(search_path=base.search_path, organisation=config.organisation,
                          paper=config.paper, lang=config.lang, date=base.date,
                          scale=config.rating_scale, met=config.rating_met,
                          docx_template=Path(chosen) if chosen else None)


def packet_jobs(project: Project, assessment_paths: Sequence[Path],
                out_dir: Optional[Path] = None) -> list[PacketJob]:
    """One job per assessment at `assessment_paths`; ProblemsError when any is wrong."""
    catalog = load_catalog(project, [project.framework_dir, *assessment_paths])
    if catalog.errors:
        raise ProblemsError(catalog.problems)
    out_dir = out_dir or project.out_dir
    return [PacketJob(catalog.framework(a.framework_id), a, packet_folder(out_dir, a))
            for a in catalog.assessments]


def packet_folder(out_dir: Path, assessment: Assessment) -> Path:
    """`<out>/packets/<candidate-slug>/`, always inside `out_dir` whatever the name says."""
    name = assessment.candidate.name or Path(assessment.source).stem
    return safe_output_path(out_dir / "packets", name)


def case_template(project: Project, catalog: Catalog, framework_id: str, level: int,
                  templates: Optional[Sequence[Path]] = None,
                  docx_template: Optional[Path] = None) -> Rendered:
    """The blank Word promotion case for a level."""
    framework = catalog.framework(framework_id)
    if framework.level(level) is None:
        raise UnknownFrameworkError(f"{framework_id} has no Level {level}")
    settings = packet_settings(project, templates, docx_template)
    return render_packet(packet_context(framework, None, settings, level), settings,
                         ("docx",))["docx"]


def case_template_path(project: Project, framework_id: str, level: int) -> Path:
    """`out/case-templates/<framework-id-slug>-L<N>.docx`."""
    return safe_output_path(project.out_dir / "case-templates", framework_id,
                            suffix=f"-L{level}.docx")


def card_settings(project: Project, base: Optional[HandbookSettings] = None) -> CardSettings:
    """What level cards of this project need besides the framework."""
    base = base or handbook_settings(project)
    config = project.config
    return CardSettings(search_path=base.search_path, card=config.card, sheet=config.paper,
                        back=config.card_back, per_sheet=0, colours=config.colours,
                        organisation=config.organisation, date=base.date)


def blank_assessment(project: Project, catalog: Catalog, framework_id: str, level: int,
                     candidate: str = "") -> str:
    """The YAML text of a blank assessment listing every criterion of `level`."""
    framework = catalog.framework(framework_id)
    if framework.level(level) is None:
        raise UnknownFrameworkError(f"{framework_id} has no Level {level} (levels: "
                                    f"{', '.join(str(lv.number) for lv in framework.levels)})")
    config = project.config
    return assessment_yaml(framework, level, config.rating_scale, config.rating_met,
                           candidate=candidate)


def import_assessment(project: Project, catalog: Catalog, csv_file: Path, *, framework_id: str,
                      candidate: Person, current_level: int, target_level: int) -> str:
    """An assessment file (YAML text) from ratings kept in a CSV file; errors if they are wrong."""
    framework = catalog.framework(framework_id)
    assessment = assessment_from_csv(csv_file, display_path(csv_file), framework_id=framework_id,
                                     candidate=candidate, current_level=current_level,
                                     target_level=target_level)
    config = project.config
    problems = validate_assessment(assessment, [framework], config.rating_scale,
                                   config.rating_met)
    if any(p.severity is Severity.ERROR for p in problems):
        raise ProblemsError(problems)
    return assessment_yaml(framework, target_level, config.rating_scale, config.rating_met,
                           assessment)


def write_handbook(project: Project, document: Rendered, target: Optional[Path], fmt: str) -> Path:
    """Write a handbook atomically; the default target is `out/handbook.<fmt>`."""
    target = target or project.out_dir / f"handbook.{fmt}"
    return write_atomic(target, document.data)

"""Configuration: `docgen.toml`, or `[tool.docgen]` in `pyproject.toml`.

Every setting has a default, so no configuration is needed at all.  The
file is validated as a whole: an unknown or mistyped setting is an error
that names the file and line.  Command-line options override the file:
`load_config(..., overrides)` merges every override that is not None.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from docgen.errors import ConfigError, Location, quoted

CONFIG_FILE = "docgen.toml"

# Every choice list docgen has, in one place: the command line offers these
# and docgen.toml accepts the same names, in any case.
PAPERS: dict[str, tuple[float, float]] = {  # width, height in millimetres, portrait
    "A4": (210.0, 297.0),
    "Letter": (215.9, 279.4),
}
CARD_SIZES: dict[str, tuple[float, float]] = {  # width, height in millimetres, portrait
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
    "A7": (74.0, 105.0),
    "3x5in": (76.2, 127.0),
    "4x6in": (101.6, 152.4),
    "poker": (63.0, 88.0),
}
# `card = "auto"`: each framework on the first of these its every level fits, one card a level
AUTO_CARDS = ("A6", "A5")
CARD_CHOICES = ("auto", *CARD_SIZES)
# What one input may hold: each overrun is an error at its place, naming the setting that raises
# it ([limits] in docgen.toml).  The largest real framework is about 50 KB with 40 criteria a level.
LIMITS: dict[str, int] = {
    "file_bytes": 2_000_000,  # bytes of one framework, assessment or CSV file
    "criteria_per_level": 1_000,  # criteria of one level of one framework
    "text_characters": 5_000,  # characters of one criterion, title or example
    "seconds_per_document": 600,  # a worker making one document longer than this is stopped
}
CARD_BACKS = ("auto", "examples", "new", "blank")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b")
HANDBOOK_FORMATS = ("pdf", "html")
PACKET_FORMATS = ("docx", "pdf")
PROBLEM_FORMATS = ("text", "json", "github")


def _document_kinds() -> tuple[str, ...]:
    from docgen.documents import names  # the kinds register there; they import this module

    return names()


def canonical(value: str, choices: Iterable[str]) -> Optional[str]:
    """The choice `value` names, ignoring case (`letter` → `Letter`), or None."""
    folded = str(value).casefold()
    return next((c for c in choices if c.casefold() == folded), None)


@dataclass(frozen=True)
class Config:
    """Settings of one docgen project (see README, "Configuration")."""

    organisation: str = field(default="", metadata={"help": "organisation name on covers"})
    title: str = field(default="Career Progression Frameworks", metadata={
        "help": "title of the handbook"})
    logo: str = field(default="", metadata={
        "help": "logo image (PNG, JPEG or SVG) for covers, relative to the project root"})
    paper: str = field(default="A4", metadata={"help": 'paper size: "A4" or "Letter"',
                                               "choices": tuple(PAPERS)})
    lang: str = field(default="en", metadata={"help": "language of the documents (BCP 47)"})
    card: str = field(default="auto", metadata={
        "help": 'level card size: "auto" (A6, or A5 for a framework whose levels do not fit '
                'A6), "A5", "A6", "A7", "3x5in", "4x6in" or "poker"',
        "choices": CARD_CHOICES})
    card_back: str = field(default="auto", metadata={
        "help": 'back of a level card: "examples" (examples and quotes), "new" (new at this '
                'level), "auto" (examples where the level has any, else new) or "blank"',
        "choices": CARD_BACKS})
    outputs: tuple[str, ...] = field(
        default=(), metadata={"help": "what 'docgen build' makes, by default everything: "
                                      "handbook, cards, case-templates, packets",
                              "each": _document_kinds})
    assessments: str = field(default="assessments", metadata={
        "help": "folder of assessment files (one per promotion case), relative to the root"})
    rating_scale: tuple[str, ...] = field(
        default=("not yet", "developing", "consistently", "exceeds"),
        metadata={"help": "the ratings an assessor may give, lowest first"})
    rating_met: tuple[str, ...] = field(default=("consistently", "exceeds"), metadata={
        "help": "the ratings that count as meeting a criterion"})
    docx_template: str = field(default="", metadata={
        "help": "a branded .docx with Jinja tags to render packets with (docxtpl)"})
    colours: Mapping[str, str] = field(default_factory=dict, metadata={
        "help": 'category colours by category key, e.g. [colours] then mastery = "#1d4f73"'})
    templates: str = field(default="", metadata={
        "help": "your template folder; its files replace docgen's of the same name"})
    frameworks: str = field(default="framework", metadata={
        "help": "folder of framework files, relative to the project root"})
    out: str = field(default="out", metadata={"help": "folder the documents are written to"})
    levels: Mapping[int, str] = field(default_factory=dict, metadata={
        "help": 'level names, e.g. L3 = "Senior Engineer"'})
    changes_since: str = field(default="", metadata={
        "help": "a git revision (a tag such as v1.0): the handbook marks criteria changed since "
                "it with a bar in the margin, and cards with a marker"})
    limits: Mapping[str, int] = field(default_factory=lambda: dict(LIMITS), metadata={
        "help": "what one input may hold (file_bytes, criteria_per_level, text_characters) "
                "and how long one document may take (seconds_per_document)"})
    source: Optional[str] = field(default=None, metadata={"internal": True})


SETTINGS = tuple(f.name for f in fields(Config) if not f.metadata.get("internal"))


def find_config(root: Path) -> Optional[tuple[Path, Mapping[str, Any]]]:
    """The configuration file of the project at `root` and its docgen table, if any."""
    own = root / CONFIG_FILE
    if own.is_file():
        return own, _read_toml(own)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("docgen")
        if table is not None:
            return pyproject, table
    return None


def load_config(root: Path, config_file: Optional[Path] = None,
                overrides: Optional[Mapping[str, Any]] = None) -> Config:
    """The project's configuration, defaults filled in, `overrides` (not None) on top."""
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError("no such configuration file", Location(str(config_file)))
        data = _read_toml(config_file)
        if config_file.name == "pyproject.toml":
            data = data.get("tool", {}).get("docgen", {})
        found: Optional[tuple[Path, Mapping[str, Any]]] = (config_file, data)
    else:
        found = find_config(root)
    config = Config()
    if found is not None:
        path, table = found
        config = _from_table(table, path)
    chosen = {k: v for k, v in (overrides or {}).items() if v is not None}
    return validate_choices(replace(config, **chosen))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the configuration: {exc}", Location(str(path))) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, column = where.groups() if where else ("1", "1")
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(message, Location(str(path), int(line), int(column))) from exc
    except ValueError as exc:  # Python refuses integers past 4,300 digits, naming no place
        too_long = re.search(r"\d{4301,}", text)
        start = too_long.start() if too_long else 0
        line, column = text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
        raise ConfigError(f"a number of {len(too_long.group()) if too_long else 'too many'} "
                          "digits is too long", Location(str(path), line, column)) from exc


def _from_table(table: Mapping[str, Any], path: Path) -> Config:
    values: dict[str, Any] = {"source": str(path)}
    for key, value in table.items():
        if key not in SETTINGS:
            close = difflib.get_close_matches(key, SETTINGS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(SETTINGS)}"
            raise ConfigError(f"unknown setting {quoted(key)} ({hint})", _where(path, key))
        if key == "levels":
            values[key] = _level_names(value, path)
        elif key == "colours":
            values[key] = _colours(value, path)
        elif key == "limits":
            values[key] = _limits(value, path)
        elif key in ("rating_scale", "rating_met", "outputs"):
            if not (isinstance(value, list) and (value or key == "outputs")
                    and all(isinstance(v, str) for v in value)):
                raise ConfigError(f"'{key}' must be a list of "
                                  'texts, e.g. ["not yet", "developing", "consistently"]',
                                  _where(path, key))
            values[key] = tuple(value)
        elif not isinstance(value, str):
            raise ConfigError(f"'{key}' must be text", _where(path, key))
        elif key in PATH_SETTINGS and not _usable_path(value):
            raise ConfigError(f"'{key}' is not a path this system can use: {quoted(value)}",
                              _where(path, key))
        else:
            values[key] = value
    config = validate_choices(Config(**values), lambda key: _where(path, key))
    unknown = [r for r in config.rating_met if r not in config.rating_scale]
    if unknown:
        raise ConfigError(f"'rating_met' names "
                          f"{', '.join(unknown)}, which 'rating_scale' does not have",
                          _where(path, "rating_met"))
    return config


def validate_choices(config: Config, where=lambda key: None) -> Config:
    """The config with every fixed-choice setting spelled as its choice; ConfigError if none.

    Choices ignore case, the same in docgen.toml and on the command line.
    `where(key)` is the Location of the setting, when it came from a file.
    """
    chosen: dict[str, Any] = {}
    for f in fields(Config):
        value = getattr(config, f.name)
        choices = f.metadata.get("choices")
        if choices:
            chosen[f.name] = canonical(value, choices)
            if chosen[f.name] is None:
                raise ConfigError(f"'{f.name}' must be one of {', '.join(choices)}, not "
                                  f"{quoted(value)}", where(f.name))
        each = f.metadata.get("each")
        if callable(each):
            each = each() if value else ()
        if each:
            chosen[f.name] = tuple(canonical(v, each) for v in value)
            wrong = [v for v, c in zip(value, chosen[f.name]) if c is None]
            if wrong:
                raise ConfigError(f"'{f.name}' may hold {', '.join(each)}, not {quoted(wrong[0])}",
                                  where(f.name))
    return replace(config, **chosen)


def _level_names(value: Any, path: Path) -> dict[int, str]:
    if not isinstance(value, dict):
        raise ConfigError("'levels' must be a table "
                          'such as [levels] L3 = "Senior Engineer"', _where(path, "levels"))
    names = {}
    for key, name in value.items():
        match = re.fullmatch(r"[Ll]?(\d+)", str(key))
        if match is None or not isinstance(name, str):
            raise ConfigError("level names are written "
                              'L3 = "Senior Engineer"', _where(path, str(key)))
        names[int(match.group(1))] = name
    return names


PATH_SETTINGS = ("logo", "assessments", "docx_template", "templates", "frameworks", "out")


def _usable_path(value: str) -> bool:
    """No NUL, and no part longer than file systems allow (255 bytes)."""
    return "\0" not in value and all(len(part.encode("utf-8")) <= 255
                                      for part in Path(value).parts)


def _limits(value: Any, path: Path) -> dict[str, int]:
    if not isinstance(value, dict):
        raise ConfigError("'limits' must be a table such as [limits] file_bytes = 5000000",
                          _where(path, "limits"))
    limits = dict(LIMITS)
    for key, number in value.items():
        if key not in LIMITS:
            close = difflib.get_close_matches(key, list(LIMITS), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(LIMITS)}"
            raise ConfigError(f"unknown limit '{key}' ({hint})", _where(path, str(key)))
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise ConfigError(f"limit '{key}' must be a whole number above 0",
                              _where(path, str(key)))
        limits[key] = number
    return limits


def _colours(value: Any, path: Path) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError("'colours' must be a table such as "
                          '[colours] mastery = "#1d4f73"', _where(path, "colours"))
    for key, colour in value.items():
        if not isinstance(colour, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
            raise ConfigError(f"colour of '{key}' must be "
                              'written "#rrggbb"', _where(path, str(key)))
    return dict(value)


def _where(path: Path, key: str) -> Location:
    """The place of the line that sets `key` (tomllib keeps no positions)."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError:
        return Location(str(path))
    pattern = re.compile(rf'^\s*["\']?{re.escape(key)}["\']?\s*=|^\s*\[\s*(tool\.docgen\.)?'
                         rf'{re.escape(key)}\s*\]')
    for number, line in enumerate(lines, 1):
        if pattern.search(line):
            return Location(str(path), number, len(line) - len(line.lstrip()) + 1)
    return Location(str(path))


def commented_config(schema: str = "") -> str:
    """A docgen.toml with every setting at its default and a line of help each.

    `schema`: where editors find its JSON Schema (Taplo's `#:schema` line).
    """
    lines = [f"#:schema {schema}"] if schema else []
    lines += ["# docgen configuration: every setting, at its default. See the README.", ""]
    tables = []
    for f in fields(Config):
        if f.metadata.get("internal"):
            continue
        default = f.default if f.default is not MISSING else f.default_factory()
        if isinstance(default, dict):
            example = {"levels": '# L3 = "Senior Engineer"',
                       "colours": '# mastery = "#1d4f73"',
                       "limits": "\n".join(f"# {k} = {v}" for k, v in LIMITS.items())
                       }.get(f.name, "")
            tables.append(f"# {f.metadata['help']}\n[{f.name}]\n{example}\n")
            continue
        lines.append(f"# {f.metadata['help']}")
        lines.append(f"{f.name} = {_toml(default)}")
        lines.append("")
    return "\n".join(lines + tables)


def config_schema() -> dict[str, Any]:
    """The JSON Schema of docgen.toml (shipped as schemas/config.schema.json, for editors)."""
    from docgen.schemas import schema_id

    properties: dict[str, Any] = {}
    for f in fields(Config):
        if f.metadata.get("internal"):
            continue
        default = f.default if f.default is not MISSING else f.default_factory()
        entry: dict[str, Any] = {"description": f.metadata["help"]}
        if f.name == "levels":
            entry.update(type="object", propertyNames={"pattern": "^[Ll]?[0-9]{1,2}$"},
                         additionalProperties={"type": "string"})
        elif f.name == "colours":
            entry.update(type="object", additionalProperties={
                "type": "string", "pattern": "^#[0-9a-fA-F]{6}$"})
        elif f.name == "limits":
            entry.update(type="object", additionalProperties=False, properties={
                key: {"type": "integer", "minimum": 1, "default": value}
                for key, value in LIMITS.items()})
        elif isinstance(default, tuple):
            each = f.metadata.get("each")
            items: dict[str, Any] = {"type": "string"}
            if callable(each):
                items["enum"] = list(each())
            entry.update(type="array", items=items, default=list(default))
        else:
            entry.update(type="string", default=default)
            if f.metadata.get("choices"):  # any case is accepted; the canonical spelling shown
                entry["examples"] = list(f.metadata["choices"])
                entry["pattern"] = "^(" + "|".join(
                    _any_case(c) for c in f.metadata["choices"]) + ")$"
        properties[f.name] = entry
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": schema_id("config"), "title": "docgen.toml",
            "description": "docgen's configuration: docgen.toml, or [tool.docgen] in "
                           "pyproject.toml. Every setting is optional.",
            "type": "object", "additionalProperties": False, "properties": properties}


def _any_case(choice: str) -> str:
    """A regular expression (ECMA-262, as editors read schemas) for `choice` in any case."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.upper() != c.lower() else re.escape(c)
                   for c in choice)


def _toml(value: Any) -> str:
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'

"""Templates and assets are found one way: the template search path.

A user's template folders come first, docgen's own `templates/` last, so a
file of the same name in a user folder replaces the default.  A user
template can extend the default it replaces with the `default/` prefix:
`{% extends "default/handbook/handbook.html" %}`.  The Jinja environment is
strict (undefined names are errors) and autoescapes HTML; data is only ever
passed to templates as values, never compiled as a template.  Filters:
`emoji` wraps emoji in a span (safe HTML), `emoji_spaced` widens the space
after an emoji in plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from docgen.errors import DocgenError
from docgen.markup import emoji_html, emoji_spaced

PACKAGE_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


class TemplateError(DocgenError):
    """Raised when a template or asset is missing or a template is broken."""


def default_template_dir() -> Path:
    """docgen's own templates: inside the installed package, or the repository's `templates/`."""
    if PACKAGE_TEMPLATES.is_dir():
        return PACKAGE_TEMPLATES
    return Path(__file__).resolve().parents[3] / "templates"


@dataclass(frozen=True)
class SearchPath:
    """Template folders in the order they are searched (user folders first)."""

    folders: tuple[Path, ...]

    @classmethod
    def with_user_folders(cls, user_folders: Iterable[Path] = ()) -> "SearchPath":
        """The user's folders (those that exist are required) followed by the default."""
        folders = []
        for folder in user_folders:
            if not Path(folder).is_dir():
                raise TemplateError(f"{folder}: template folder does not exist")
            folders.append(Path(folder).resolve())
        return cls(tuple(folders) + (default_template_dir(),))

    @property
    def default(self) -> Path:
        """docgen's own template folder (always last)."""
        return self.folders[-1]

    def find(self, relative: str) -> Optional[Path]:
        """The first file named `relative` along the path, never outside a folder of it."""
        for folder in self.folders:
            candidate = (folder / relative).resolve()
            if candidate.is_file() and folder.resolve() in candidate.parents:
                return candidate
        return None

    def relative_to_any(self, path: Path) -> Optional[str]:
        """`path` relative to the search folder it lies in, or None when it lies in none."""
        resolved = path.resolve()
        for folder in self.folders:
            root = folder.resolve()
            if root in resolved.parents:
                return resolved.relative_to(root).as_posix()
        return None

    def environment(self) -> jinja2.Environment:
        """A strict, autoescaping, sandboxed Jinja environment over this path.

        The sandbox keeps a template to its data: a template from a pull
        request cannot reach Python internals (`__globals__`, `os`).  One
        environment per path and process, so each template is compiled once
        (Jinja still reloads a template whose file changed).
        """
        return _environment(self.folders)

    def render(self, template: str, **context: object) -> str:
        """Render `template` with `context`; TemplateError names what went wrong."""
        env = self.environment()
        try:
            return env.get_template(template).render(**context)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"template '{exc.name}' not found in "
                                f"{', '.join(str(f) for f in self.folders)}") from exc
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: "
                                f"template error: {exc.message}") from exc
        except SecurityError as exc:
            raise TemplateError(f"template '{template}': {str(exc).rstrip('.')} (a template may "
                                "use its data, not Python's internals)") from exc
        except jinja2.UndefinedError as exc:
            raise TemplateError(f"template '{template}': {exc.message}") from exc


@lru_cache(maxsize=8)
def _environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    loaders = [jinja2.FileSystemLoader(str(folder)) for folder in folders]
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(folders[-1]))}),
        *loaders,
    ])
    env = SandboxedEnvironment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["emoji"] = emoji_html
    env.filters["emoji_spaced"] = emoji_spaced
    return env


# the files of a template folder that Jinja reads (a .docx template is checked by docxtpl)
JINJA_SUFFIXES = (".html", ".css")


def template_syntax_errors(folder: Path, shown: Path) -> list[tuple[str, int, str]]:
    """(file as shown, line, message) for each template in `folder` Jinja cannot parse.

    `shown` is how the folder is named to the user.
    """
    env = _environment((Path(folder),))
    errors = []
    for file in sorted(Path(folder).rglob("*")):
        if file.suffix.lower() not in JINJA_SUFFIXES or not file.is_file():
            continue
        name = (shown / file.relative_to(folder)).as_posix()
        try:
            env.parse(file.read_text(encoding="utf-8"), filename=name)
        except jinja2.TemplateSyntaxError as exc:
            errors.append((name, exc.lineno or 1, exc.message or "template syntax error"))
        except (UnicodeDecodeError, OSError) as exc:
            errors.append((name, 1, f"cannot be read as UTF-8 text ({exc})"))
    return errors

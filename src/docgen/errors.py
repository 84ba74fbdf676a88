"""Every error docgen raises, and the problems it reports.

A *problem* is one finding about the input (an error, a warning or a note)
with the place in a file it concerns.  Loaders and validators collect
problems instead of stopping at the first one, so a user sees everything
that is wrong in one run.  An *error* is an exception: `DocgenError` and its
subclasses are the only exceptions the command line turns into a message and
exit status 1; anything else is a bug.
"""

from __future__ import annotations

import contextlib
import enum
from dataclasses import dataclass
from typing import Iterable, Iterator


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file: `path` as shown to the user, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Severity(str, enum.Enum):
    """How bad a problem is.  Errors fail a run; warnings fail it under `--strict`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    """One finding about the input, with where it is and, optionally, what to do."""

    location: Location
    severity: Severity
    message: str
    hint: str = ""
    code: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity.value}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class DocgenError(Exception):
    """Base of every error docgen reports to a user instead of a traceback."""


class SourceError(DocgenError):
    """Raised when an input file cannot be understood at a known place."""

    def __init__(self, location: Location, message: str, hint: str = "", code: str = ""):
        super().__init__(f"{location}: error: {message}")
        self.problem = Problem(location, Severity.ERROR, message, hint, code)


class ProblemsError(DocgenError):
    """Raised when a run found errors; carries every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        super().__init__(f"{len(errors)} error(s) in the input")


class ConfigError(DocgenError):
    """Raised when the configuration file or a command-line setting is wrong."""


class UnknownFrameworkError(DocgenError):
    """Raised when a framework id given by the user names no loaded framework."""


class OutputError(DocgenError):
    """Raised when an output file cannot be written (permissions, disk full, bad name)."""


@contextlib.contextmanager
def failures_named(name: str, error: type[DocgenError] = DocgenError) -> Iterator[None]:
    """Turn any exception in the block, ours or a library's, into `error` saying `name: what`.

    The message is plain text and the cause is dropped (`from None`): the
    error must pickle to cross back from a worker process.
    """
    try:
        yield
    except Exception as exc:
        raise error(f"{name}: {exc}") from None

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
from typing import Iterable, Iterator, Optional


def quoted(value: object, width: int = 60) -> str:
    """`value` in quotes for a message: on one line, at most `width` characters of it.

    A message quotes what the user wrote, which may be a 5 MB line: never all of it.
    """
    text = " ".join(str(value).split())
    return f"'{text if len(text) <= width else text[:width - 1] + '…'}'"


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


class LocatedError(DocgenError):
    """Base of errors that may name a place in a file; `problem` is the error as a Problem."""

    def __init__(self, message: str, location: Optional[Location] = None, hint: str = "",
                 code: str = ""):
        self.message = message
        self.location = location
        self.hint = hint
        self.code = code
        text = f"{location}: error: {message}" if location else message
        super().__init__(f"{text} ({hint})" if hint else text)

    def __reduce__(self):  # keep the fields when the error crosses back from a worker process
        return (type(self), (self.message, self.location, self.hint, self.code))

    @property
    def problem(self) -> Problem:
        """This error as a problem, for reports in JSON or as GitHub annotations."""
        return Problem(self.location or Location("docgen.toml"), Severity.ERROR, self.message,
                       self.hint, self.code or "config")


class ConfigError(LocatedError):
    """Raised when the configuration file or a command-line setting is wrong."""


class UsageError(DocgenError):
    """Raised when the command line asks for something impossible (exit status 2, as Click's)."""


class NotFoundError(DocgenError):
    """Raised when something the user named (a framework, a level) does not exist."""


class UnknownFrameworkError(NotFoundError):
    """Raised when a framework id given by the user names no loaded framework."""


class UnknownLevelError(NotFoundError):
    """Raised when a level number given by the user is not a level of the framework."""


class OutputError(DocgenError):
    """Raised when an output file cannot be written (permissions, disk full, bad name)."""


class BuildError(DocgenError):
    """Raised when making one artifact failed; the message names the artifact."""


@contextlib.contextmanager
def failures_named(name: str, error: type[DocgenError] = DocgenError) -> Iterator[None]:
    """Turn any exception in the block, ours or a library's, into `error` saying `name: what`.

    The message is plain text (it must pickle to cross back from a worker
    process); the original exception stays attached as the cause.
    """
    try:
        yield
    except Exception as exc:
        raise error(f"{name}: {exc}") from exc
